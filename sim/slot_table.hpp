#pragma once
/// \file
/// A table of recycled slots with generation counts, shared by both event calendars: a
/// slot is taken for each scheduled event and given back when it runs or is cancelled;
/// giving it back bumps its generation, which makes every outstanding handle to it stale.

#include <cstdint>
#include <vector>

namespace callsim::sim::detail {

/// `Slot` must have a member `std::uint32_t generation`.
template <class Slot>
class SlotTable {
 public:
  /// A free slot's index (reused when possible, so a steady state allocates nothing).
  std::uint32_t acquire() {
    if (free_.empty()) {
      slots_.push_back(Slot{});
      return static_cast<std::uint32_t>(slots_.size() - 1);
    }
    const std::uint32_t slot = free_.back();
    free_.pop_back();
    return slot;
  }
  void release(std::uint32_t slot) {
    ++slots_[slot].generation;
    free_.push_back(slot);
  }
  /// Whether (slot, generation) names a slot that is still taken by that same event.
  [[nodiscard]] bool current(std::uint32_t slot, std::uint32_t generation) const {
    return slot < slots_.size() && slots_[slot].generation == generation;
  }
  Slot& operator[](std::uint32_t slot) { return slots_[slot]; }
  const Slot& operator[](std::uint32_t slot) const { return slots_[slot]; }

 private:
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_;
};

}  // namespace callsim::sim::detail
