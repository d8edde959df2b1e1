#pragma once
/// \file
/// How many agents of a pool were really available to take calls, per interval, from the
/// evidence in the log rather than from "seen serving in the interval" (which counts an
/// agent who took one call in a half hour as present all of it, and misses the time after
/// the last call):
///
/// - on-duty sessions: an agent's services of a day separated by gaps shorter than
///   `session_gap` form one session, from the first answer to the last end;
/// - queue evidence: within a session an agent counts as available while serving, or while
///   idle when no call it could take is waiting. An idle agent while a caller of its skills
///   waits was not available (on a break, in after-call work, on other work): a simulated
///   agent would have answered at once.
///
/// The result is fractional: 4.4 agents is 4 agents all the interval and a fifth for 40 %
/// of it, as the staffing CSV reads it.

#include <cstdint>
#include <vector>

#include "fit/agent_pools.hpp"
#include "fit/arrival_profile.hpp"
#include "fit/call_log.hpp"

namespace callsim::fit {

/// How long an agent was not ready after a call (after-call work, a pause), seen when a call
/// the agent could take was waiting as the service ended: a ready agent would have taken it
/// at once. If calls kept waiting until the agent's next answer, the gap to that answer is
/// the time not ready. If the queue emptied first (another agent took the call), the agent
/// was not ready at least until then, and at most until its next answer: the gap is
/// censored, and the censoring is not independent of the gap (the longer the pause, the
/// likelier another agent empties the queue meanwhile).
struct AfterCallGap {
  std::uint32_t call_type;  ///< the type of the call that ended (CallLog index)
  double seconds;           ///< to the agent's next answer: the time not ready, or its upper bound
  double at_least;          ///< the time not ready for sure: `seconds`, or less when censored
  bool censored = false;    ///< true: the queue emptied before the next answer
};

struct PoolAvailability {
  std::vector<double> available;              ///< mean over days of available agent-seconds / interval
  std::vector<double> in_session;             ///< the same, counting every agent in a session (no queue evidence)
  std::vector<double> seen_serving;           ///< mean distinct agents whose service overlaps the interval
  std::vector<double> busy;                   ///< mean service agent-seconds / interval
  std::vector<AfterCallGap> after_call_gaps;  ///< gaps shorter than the session gap
  /// [day of `days`][interval]: each day's own in-session and available agents
  std::vector<std::vector<double>> in_session_by_day, available_by_day;
};

PoolAvailability available_agents(const CallLog& log, const std::vector<std::uint32_t>& days, const OpenWindow& window,
                                  const AgentPool& pool, double session_gap);

}  // namespace callsim::fit
