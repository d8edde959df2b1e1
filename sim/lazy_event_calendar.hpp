#pragma once
/// \file
/// An event calendar with lazy cancellation: cancel() only marks the event, and pop() skips
/// marked events when they reach the top. Cheaper cancel, but cancelled events occupy the
/// heap until their time comes. Same interface as EventCalendar, so models take either as a
/// template argument; bench/event_calendar_bench.cpp measures which is faster.

#include <cstdint>
#include <vector>

#include "sim/event.hpp"
#include "sim/heap_entry_ops.hpp"
#include "sim/slot_table.hpp"

namespace callsim::sim {

class LazyEventCalendar {
 public:
  EventHandle schedule(const Event& event);
  /// Marks the event cancelled if it is still pending; returns whether it was.
  bool cancel(EventHandle handle);
  /// Removes and returns the earliest live event. Precondition: !empty().
  Event pop();
  /// Time of the earliest live event, or Time::infinity().
  [[nodiscard]] Time next_time();
  [[nodiscard]] bool empty() const { return live_ == 0; }
  /// Pending live (not cancelled) events.
  [[nodiscard]] std::size_t size() const { return live_; }
  void clear();

 private:
  struct Slot {
    Event event;
    std::uint32_t generation = 0;
    bool cancelled = false;
  };
  auto placer() {
    return [this](std::uint32_t index, const detail::HeapEntry& entry) { heap_[index] = entry; };
  }
  void drop_cancelled_top();

  std::vector<detail::HeapEntry> heap_;
  detail::SlotTable<Slot> slots_;
  std::uint64_t sequence_ = 0;
  std::size_t live_ = 0;
};

}  // namespace callsim::sim
