#include "sim/event_calendar.hpp"

#include <cassert>

namespace callsim::sim {

EventHandle EventCalendar::schedule(const Event& event) {
  std::uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.push_back(Slot{});
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  slots_[slot].event = event;
  detail::push(heap_, {event.time.seconds(), order_key(event.priority, sequence_++), slot}, placer());
  return EventHandle{slot, slots_[slot].generation};
}

bool EventCalendar::cancel(EventHandle handle) {
  if (!handle.valid() || handle.slot >= slots_.size()) return false;
  const Slot& s = slots_[handle.slot];
  if (s.generation != handle.generation) return false;  // already ran or cancelled
  detail::remove_at(heap_, s.heap_index, placer());
  release_slot(handle.slot);
  return true;
}

Event EventCalendar::pop() {
  assert(!heap_.empty());
  const std::uint32_t slot = heap_[0].slot;
  const Event event = slots_[slot].event;
  detail::remove_at(heap_, 0, placer());
  release_slot(slot);
  return event;
}

void EventCalendar::clear() {
  for (const detail::HeapEntry& e : heap_) release_slot(e.slot);
  heap_.clear();
}

void EventCalendar::release_slot(std::uint32_t slot) {
  ++slots_[slot].generation;  // makes every outstanding handle to this slot stale
  free_slots_.push_back(slot);
}

}  // namespace callsim::sim
