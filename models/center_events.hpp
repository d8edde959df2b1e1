#pragma once
/// \file
/// The kinds of kernel event the call-center components schedule, and their priorities at
/// one instant. The priorities encode the same-time rule (models/call_center.hpp): an
/// agent's release runs first, then staffing changes, then abandonments, then IVR exits
/// and arrivals, so a caller whose patience expires the instant an agent frees up is
/// answered, and an arriving call sees every agent available then.

#include <cstdint>

namespace callsim::models::center_event {

enum Kind : std::uint32_t {
  kServiceEnd,
  kAbandon,
  kArrival,
  kStaffing,
  kIvrArrival,
  kIvrExit,
  kRetrial,
  kReview,
  kTalkEnd,  ///< the caller hangs up, the agent's after-call work goes on (with trunk lines only)
  kClosing,  ///< an open_hours period ends: types that clear their queue do (clear_when_unstaffed)
};

inline constexpr std::int16_t kPriorityRelease = 0;
inline constexpr std::int16_t kPriorityStaffing = 1;
inline constexpr std::int16_t kPriorityAbandon = 2;
inline constexpr std::int16_t kPriorityArrival = 3;

}  // namespace callsim::models::center_event
