#pragma once
/// \file
/// The future event list: an indexed 4-ary min-heap ordered by (time, priority, insertion).
///
/// | operation | cost     |
/// |-----------|----------|
/// | schedule  | O(log n) |
/// | pop       | O(log n) |
/// | cancel    | O(log n), removes the event at once (memory bounded by pending events) |
///
/// Heap entries carry their sort key inline, so sifting touches one contiguous array; event
/// bodies live in a slot table that recycles slots, so a steady-state simulation allocates
/// nothing. LazyEventCalendar has the same interface with tombstone cancellation;
/// bench/event_calendar_bench.cpp measures both.

#include <cstdint>
#include <vector>

#include "sim/event.hpp"
#include "sim/heap_entry_ops.hpp"
#include "sim/slot_table.hpp"

namespace callsim::sim {

class EventCalendar {
 public:
  /// Adds `event`; returns a handle that can cancel it until it runs.
  EventHandle schedule(const Event& event);
  /// Removes the event named by `handle` if it is still pending; returns whether it was.
  bool cancel(EventHandle handle);
  /// Removes and returns the earliest event. Precondition: !empty().
  Event pop();
  /// Time of the earliest event, or Time::infinity() when empty.
  [[nodiscard]] Time next_time() const { return heap_.empty() ? Time::infinity() : Time(heap_[0].time); }
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  /// Pending events.
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  /// Drops every pending event (their handles become stale).
  void clear();

 private:
  struct Slot {
    Event event;
    std::uint32_t heap_index = 0;
    std::uint32_t generation = 0;
  };
  auto placer() {
    return [this](std::uint32_t index, const detail::HeapEntry& entry) {
      heap_[index] = entry;
      slots_[entry.slot].heap_index = index;
    };
  }

  std::vector<detail::HeapEntry> heap_;
  detail::SlotTable<Slot> slots_;
  std::uint64_t sequence_ = 0;
};

}  // namespace callsim::sim
