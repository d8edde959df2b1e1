#pragma once
/// \file
/// The kernel's event record and the handle that cancels it.

#include <cstdint>

#include "sim/time.hpp"

namespace callsim::sim {

/// An event as the kernel sees it: when, in which same-time order, and two opaque words the
/// domain layer interprets (`kind` picks the handler, `payload` names the entity). Plain
/// data, so the calendar never allocates per event and handlers dispatch with a switch.
struct Event {
  Time time;
  std::int16_t priority = 0;  ///< at equal times, lower priority values run first
  std::uint32_t kind = 0;
  std::uint64_t payload = 0;
};

/// Names one scheduled event for cancellation. Stale handles (event already run or
/// cancelled) are detected by a generation count, so cancelling them is a harmless no-op.
struct EventHandle {
  std::uint32_t slot = ~0u;
  std::uint32_t generation = 0;
  [[nodiscard]] bool valid() const { return slot != ~0u; }
};

/// Same-time ordering key: priority in the high bits, insertion sequence in the low 48 bits,
/// so one integer comparison gives (priority, insertion order).
/// (2^48 insertions, about 3e14, is beyond any replication.)
[[nodiscard]] constexpr std::uint64_t order_key(std::int16_t priority, std::uint64_t sequence) {
  const auto biased = static_cast<std::uint64_t>(static_cast<std::uint16_t>(priority) ^ 0x8000u);
  return (biased << 48) | (sequence & ((std::uint64_t{1} << 48) - 1));
}

}  // namespace callsim::sim
