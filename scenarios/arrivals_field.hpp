#pragma once
/// \file
/// Reads a call type's `arrivals` mapping: a constant rate `{rate: 1000/h}` or a forecast
/// `{forecast: volumes.csv, scale: 1.1}` (see forecast_csv.hpp), into the Poisson rate the
/// model samples from, on the simulation clock (time 0 = `time.start`).

#include <map>
#include <string>
#include <vector>

#include "models/center_spec.hpp"
#include "scenarios/forecast_csv.hpp"
#include "scenarios/yaml_checks.hpp"
#include "sim/piecewise_rate.hpp"

namespace callsim::scenarios::detail {

/// What reading arrivals needs from the rest of the scenario, and what it leaves behind.
struct ArrivalsContext {
  std::string scenario_dir;                        ///< relative forecast paths start here ("" = the working directory)
  models::TimeSpec time;                           ///< places forecasts on the clock and gives the counted period
  std::map<std::string, ForecastTable> forecasts;  ///< by resolved path: each file is read once per load
  std::vector<std::string> warnings;               ///< forecasts that do not cover the counted period
};

/// The arrival rate at `entry` of the call type `type_name`; `path` names the entry in
/// messages ("call_types[0].arrivals"). Forecast intervals that end at or before time 0
/// are dropped (the first kept one may start before 0); a forecast that misses the
/// simulated period entirely is an error, one that covers the counted period only in part
/// a warning.
sim::PiecewiseRate read_arrivals(const Reporter& reporter, const Entry& entry, const std::string& path,
                                 const std::string& type_name, ArrivalsContext& context);

}  // namespace callsim::scenarios::detail
