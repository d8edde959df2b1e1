#pragma once
/// \file
/// Money: what a center pays and earns and the service-level contract it is judged by.
/// Plain data read from the scenario's `costs` key (docs/scenario.md, "Costs and
/// contracts"). Part of a center's plain description like CenterSpec, but the simulation
/// never reads it: reports apply it to the tallies afterwards (report/costs.hpp), and the
/// results file stores it with each run so that reports need no scenario.

#include <optional>
#include <string>
#include <vector>

namespace callsim::models {

/// A service-level target with a penalty for each period that misses it.
struct SlaContract {
  /// Which periods are judged: each reporting interval, or the whole counted period.
  enum class Per { INTERVAL, DAY };
  double target = 0.8;  ///< fraction: service level the period must reach
  Per per = Per::DAY;
  double penalty = 0;  ///< money per period whose service level is below the target
};

/// Unit prices; every amount is >= 0, in `currency`.
struct CostSpec {
  std::string currency;            ///< a label for reports ("EUR"); "" for none
  std::vector<double> agent_hour;  ///< per agent group (spec order): cost of one paid (staffed) agent hour
  double trunk_minute = 0;         ///< cost of one minute a caller holds a line (waiting or talking)
  double revenue_per_call = 0;     ///< earned per call handled by an agent
  double revenue_per_hour = 0;     ///< earned per paid (staffed) agent hour (billed production hours)
  std::optional<SlaContract> sla;  ///< none: no contract, no penalty
};

}  // namespace callsim::models
