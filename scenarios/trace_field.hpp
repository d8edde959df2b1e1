#pragma once
/// \file
/// Reads the trace form of a call type's `arrivals`: `{trace: calls.csv}` (see trace_csv.hpp)
/// or `{trace: 03_March.txt, format: anonymous_bank, date: 990301, types: [PS]}` (see
/// bank_log_trace.hpp), into the sorted simulation times the model replays.

#include <map>
#include <string>
#include <vector>

#include "scenarios/load_context.hpp"
#include "scenarios/yaml_checks.hpp"
#include "sim/time.hpp"

namespace callsim::scenarios::detail {

/// A call type's trace as read.
struct TraceRead {
  /// Simulation times (clock - time.start), sorted, in [0, warmup + duration): calls before
  /// time 0 or after the simulated period are dropped (with a warning), never replayed.
  std::vector<sim::Time> times;
  std::string file;  ///< the file as resolved, for messages
  int line = 1;      ///< the scenario line of `trace`
  /// With a call_type column: the calls of every other name in the file, so that names no
  /// call type of the scenario reads can be reported once all types are known.
  std::map<std::string, std::size_t> other_types;
};

/// The trace of call type `name` in the `arrivals` mapping `fields` (which holds `trace`).
/// Fails with ScenarioError on keys that belong to other forms, an unreadable or malformed
/// file, or a trace with no call of the type in the simulated period.
TraceRead read_trace(const Reporter& reporter, const Fields& fields, const std::string& name, LoadContext& context);

/// The mean arrival rate of `times` over the counted period (calls per second), which the
/// load checks use in place of a rate (the model itself replays the times).
double counted_mean_rate(const std::vector<sim::Time>& times, const models::TimeSpec& time);

}  // namespace callsim::scenarios::detail
