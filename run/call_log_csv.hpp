#pragma once
/// \file
/// Simulated calls written as a call log in the generic CSV format of `callsim fit`
/// (docs/log-format.md), one simulated replication per day: the way to test the fit on logs
/// whose truth is known, and to benchmark it on a month of calls.

#include <string>
#include <vector>

#include "models/center_spec.hpp"
#include "run/call_records.hpp"

namespace callsim::run {

/// `days[d]`: the per-call records of one replication of `spec`, written as day d (times in
/// seconds, day d's clock starting at d x 86,400 + time.start). Answered and abandoned calls
/// only: calls that ended in the IVR, were blocked or arrived closed are not an agent's.
/// Agents are named "a<number>".
std::string call_log_csv(const models::CenterSpec& spec, const std::vector<std::vector<CallRecord>>& days);

}  // namespace callsim::run
