#pragma once
/// \file
/// Turns the kernel's StalledClock (so many events at one instant) into a sentence a
/// planner can act on: which call type, which scenario keys make the run loop without the
/// clock advancing, and what to change. The model says where it was (StallSite); the text
/// is built here, off the hot path.

#include <cstdint>
#include <string>

#include "models/center_spec.hpp"
#include "sim/stalled_clock.hpp"

namespace callsim::models {

/// Why a caller was offered a retrial.
enum class Failure : std::uint8_t { BLOCKED, BALKED, ABANDONED };

/// Where the model was looping when its clock stalled.
struct StallSite {
  enum class Loop : std::uint8_t {
    RETRIAL,       ///< callers of `type` failed (`failure`) and were re-offered at once
    ARRIVALS,      ///< arrivals of `type` (its rate or trace) piled up at one instant
    IVR_ARRIVALS,  ///< calls entering or leaving the IVR piled up at one instant
    OTHER,         ///< anything else (service ends, staffing, reviews)
  };
  Loop loop = Loop::OTHER;
  std::uint32_t type = 0;              ///< index into CenterSpec::call_types (RETRIAL, ARRIVALS)
  Failure failure = Failure::BLOCKED;  ///< RETRIAL: what happened to the caller who retried
  std::int64_t waiting = 0;            ///< calls of `type` waiting at the instant
};

/// "call type 'retail': 1000000 events at t = 3600 s without the clock advancing:
/// retrial.probability 1 with a retrial.delay of 0 s re-offers blocked callers forever
/// (queue_capacity 5 is full); give retrial.delay a positive mean or a probability below 1".
std::string describe_stall(const CenterSpec& spec, const sim::StalledClock& stall, const StallSite& site);

}  // namespace callsim::models
