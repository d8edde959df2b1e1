#pragma once
/// \file
/// Reads an `arrivals` mapping (of a call type or of the IVR): a constant rate
/// `{rate: 1000/h}` or a forecast `{forecast: volumes.csv, column: retail}` (see
/// forecast_csv.hpp), either with an optional `scale: 1.1` multiplying its volume, into the
/// Poisson rate the model samples from, on the simulation clock (time 0 = `time.start`); for
/// a call type also a trace `{trace: calls.csv}` of recorded arrival times to replay (see
/// trace_field.hpp), which takes no `scale`.

#include <optional>
#include <string>

#include "scenarios/load_context.hpp"
#include "scenarios/trace_field.hpp"
#include "scenarios/yaml_checks.hpp"
#include "sim/piecewise_rate.hpp"

namespace callsim::scenarios::detail {

/// Whose arrivals are read, for messages and the forecast column.
struct ArrivalsOwner {
  std::string label;   ///< "call type 'general'", "the IVR"
  std::string call;    ///< one of its calls: "'general' call", "IVR call"
  std::string column;  ///< the forecast column read when `column` is not given
  /// Whether `column` is the owner's own name (a call type's), so a forecast without that
  /// column is reported in the CSV like any other missing column; otherwise (the IVR's
  /// default) the scenario line is named, since the planner never wrote the column.
  bool column_is_name = true;

  static ArrivalsOwner call_type(const std::string& name) {
    return {"call type '" + name + "'", "'" + name + "' call", name, true};
  }
  static ArrivalsOwner ivr() { return {"the IVR", "IVR call", "ivr", false}; }
};

/// The arrival rate at `entry`; `path` names it in messages ("call_types[0].arrivals").
/// Forecast intervals that end at or before time 0 are dropped (the first kept one may
/// start before 0); a forecast that misses the simulated period entirely is an error, one
/// that covers the counted period only in part a warning.
/// The IVR's arrivals: a trace is refused (the model replays traces of call types only).
sim::PiecewiseRate read_arrivals(const Reporter& reporter, const Entry& entry, const std::string& path,
                                 const ArrivalsOwner& owner, LoadContext& context);

/// A call type's arrivals: a rate, or a trace.
struct ArrivalsRead {
  /// The Poisson rate; with a trace, the trace's mean rate over the counted period, which
  /// only the load checks read (the model replays `trace->times` instead).
  sim::PiecewiseRate rate;
  std::optional<TraceRead> trace;
};

/// As read_arrivals, with the trace form allowed; `owner.column` is the type's name.
ArrivalsRead read_type_arrivals(const Reporter& reporter, const Entry& entry, const std::string& path,
                                const ArrivalsOwner& owner, LoadContext& context);

}  // namespace callsim::scenarios::detail
