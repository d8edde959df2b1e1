#include "sim/event_calendar.hpp"

#include <cassert>

namespace callsim::sim {

EventHandle EventCalendar::schedule(const Event& event) {
  const std::uint32_t slot = slots_.acquire();
  slots_[slot].event = event;
  detail::push(heap_, {event.time.seconds(), order_key(event.priority, sequence_++), slot}, placer());
  return EventHandle{slot, slots_[slot].generation};
}

bool EventCalendar::cancel(EventHandle handle) {
  if (!slots_.current(handle.slot, handle.generation)) return false;  // already ran or cancelled
  detail::remove_at(heap_, slots_[handle.slot].heap_index, placer());
  slots_.release(handle.slot);
  return true;
}

Event EventCalendar::pop() {
  assert(!heap_.empty());
  const std::uint32_t slot = heap_[0].slot;
  const Event event = slots_[slot].event;
  detail::remove_at(heap_, 0, placer());
  slots_.release(slot);
  return event;
}

void EventCalendar::clear() {
  for (const detail::HeapEntry& e : heap_) slots_.release(e.slot);
  heap_.clear();
}

}  // namespace callsim::sim
