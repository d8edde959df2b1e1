#pragma once
/// \file
/// What observers learn about a call. Everything random about a caller (service demand,
/// patience) is drawn when the call arrives, so two routing policies compared on the same
/// seed see the very same callers (common random numbers).

#include <cstdint>

#include "sim/time.hpp"

namespace callsim::models {

struct CallInfo {
  std::uint64_t id = 0;     ///< arrival sequence number within the replication
  std::uint32_t type = 0;   ///< index into CenterSpec::call_types
  sim::Time arrival;        ///< when the call reached the queue
  sim::Time service;        ///< talk time it will need once answered
  sim::Time patience = sim::Time::infinity();  ///< how long the caller will wait
};

}  // namespace callsim::models
