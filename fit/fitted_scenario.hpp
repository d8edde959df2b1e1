#pragma once
/// \file
/// The texts of a fitted scenario: NAME.yaml and the two CSVs it references
/// (NAME/forecast.csv, NAME/staffing.csv), which `callsim run` runs as they are.
///
/// Decisions: the scenario models the agents' side (arrivals where calls reach the queue,
/// the IVR time is in the report); the day starts empty at the open window's first interval
/// and is counted to its end; a service's mean is the sample mean (the load the log
/// carried) and its cv the chosen family's fitted one; staffing is the available agents
/// per interval (fractional), with a last row after the window that keeps the last
/// interval's agents, so that callers still waiting at closing are answered as they were.

#include <string>
#include <vector>

#include "fit/fitted_center.hpp"

namespace callsim::fit {

struct ScenarioTexts {
  std::string yaml;
  std::string forecast_csv;
  std::string staffing_csv;
  std::string folder;  ///< "NAME": the CSVs go to DIR/NAME/
  /// With a day mix: each day's staffing CSV, as (path under DIR, text), e.g. NAME/days/1999-01-03.csv
  std::vector<std::pair<std::string, std::string>> day_files;
};

struct ScenarioNaming {
  std::string name;                     ///< the scenario's name (a valid scenario name)
  std::string source;                   ///< the logs, for the header comment
  double service_level_threshold = 20;  ///< seconds
};

/// Call type or group names made valid for a scenario and unique: '/', ',' and control
/// characters become '_', spaces at the ends go, at most 64 bytes; a name the scenario's
/// rules still refuse (not UTF-8, ...) has every byte outside printable ASCII replaced.
std::vector<std::string> scenario_names(const std::vector<std::string>& names);

ScenarioTexts fitted_scenario(const FittedCenter& center, const ScenarioNaming& naming);

}  // namespace callsim::fit
