#pragma once
/// \file
/// What observers learn about a call. Everything random about a caller (service demand,
/// patience) is drawn when the call arrives, so two routing policies compared on the same
/// seed see the very same callers (common random numbers).

#include <cstdint>

#include "sim/time.hpp"

namespace callsim::models {

struct CallInfo {
  std::uint64_t id = 0;                        ///< arrival sequence number within the replication
  std::uint32_t type = 0;                      ///< index into CenterSpec::call_types
  sim::Time arrival;                           ///< when the call reached the queue
  sim::Time service;                           ///< talk time it will need once answered
  sim::Time patience = sim::Time::infinity();  ///< how long the caller will wait
  sim::Time wrap_up{0};                        ///< after-call work the call type needs (a group may override it)
  sim::Time ivr_entry;                         ///< when the call entered the IVR (= arrival when it had none)
  std::uint32_t attempt = 0;                   ///< 0 for a first call, n for a caller's n-th retrial
  sim::Time earlier_wait{0};                   ///< time in queue over the caller's earlier attempts
  /// The caller accepted a callback: it left the line and an agent calls it back (the
  /// answer of such a call is the callback; its wait runs from `arrival`).
  bool callback = false;
};

/// Who serves a call and for how long: the agent is busy for talk + wrap_up.
struct Service {
  std::uint32_t agent = 0;
  std::uint32_t group = 0;
  sim::Time talk;     ///< the caller's demand times the group's multiplier for the type
  sim::Time wrap_up;  ///< after-call work
};

}  // namespace callsim::models
