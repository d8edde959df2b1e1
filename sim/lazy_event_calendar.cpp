#include "sim/lazy_event_calendar.hpp"

#include <cassert>

namespace callsim::sim {

EventHandle LazyEventCalendar::schedule(const Event& event) {
  const std::uint32_t slot = slots_.acquire();
  slots_[slot].event = event;
  slots_[slot].cancelled = false;
  detail::push(heap_, {event.time.seconds(), order_key(event.priority, sequence_++), slot}, placer());
  ++live_;
  return EventHandle{slot, slots_[slot].generation};
}

bool LazyEventCalendar::cancel(EventHandle handle) {
  if (!slots_.current(handle.slot, handle.generation)) return false;
  Slot& s = slots_[handle.slot];
  if (s.cancelled) return false;
  s.cancelled = true;  // the heap entry stays until it surfaces; the slot is freed then
  --live_;
  return true;
}

void LazyEventCalendar::drop_cancelled_top() {
  while (!heap_.empty() && slots_[heap_[0].slot].cancelled) {
    const std::uint32_t slot = heap_[0].slot;
    detail::remove_at(heap_, 0, placer());
    slots_.release(slot);
  }
}

Time LazyEventCalendar::next_time() {
  drop_cancelled_top();
  return heap_.empty() ? Time::infinity() : Time(heap_[0].time);
}

Event LazyEventCalendar::pop() {
  drop_cancelled_top();
  assert(!heap_.empty());
  const std::uint32_t slot = heap_[0].slot;
  const Event event = slots_[slot].event;
  detail::remove_at(heap_, 0, placer());
  slots_.release(slot);
  --live_;
  return event;
}

void LazyEventCalendar::clear() {
  for (const detail::HeapEntry& e : heap_) slots_.release(e.slot);
  heap_.clear();
  live_ = 0;
}

}  // namespace callsim::sim
