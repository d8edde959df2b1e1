#include "report/staffing.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <vector>

#include "analysis/erlang_staffing.hpp"
#include "report/interval_figures.hpp"
#include "run/interval_means.hpp"

namespace callsim::report {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double required_agents(double rate, double aht, std::optional<double> mean_patience, double threshold, double target) {
  // Times below a microsecond (the simulation clock's resolution; the loader takes 5e-324 s:
  // it is not negative) leave no figure: their rates overflow the Erlang formulas (a talk
  // time of 2.2e-308 s grew a Poisson window until memory ran out, a patience of 5e-324 s
  // failed the report with exit 1).
  constexpr double kShortest = 1e-6;
  if (!std::isfinite(rate) || !std::isfinite(aht) || !(aht >= kShortest) || rate < 0) return kNaN;
  if (mean_patience && !(*mean_patience >= kShortest && std::isfinite(*mean_patience))) return kNaN;
  if (!(target >= 0 && target <= 1)) return kNaN;
  constexpr int kMax = 100000;
  // An offered load above the most agents searched has no answer; evaluating the Erlang
  // formulas at such a load costs seconds per agent count (a talk time of 1e9 s made
  // `report` run for hours), and its agent count may not fit an int.
  if (!(rate * aht <= kMax)) return kNaN;
  const std::vector<analysis::StaffingTarget> targets{
      {"service_level", analysis::StaffingTarget::Direction::AT_LEAST, target}};
  try {
    const analysis::StaffingAnswer answer =
        analysis::agents_for({rate, aht, 1, mean_patience, threshold}, targets, kMax);
    return answer.agents ? *answer.agents : kNaN;
  } catch (const std::domain_error&) {
    return kNaN;  // too large to compute exactly
  }
}

Staffing staffing(const analysis::RunResult& run, const run::RunInputs* inputs, double sl_target, double shrinkage) {
  Staffing out;
  const double length = run.interval_seconds;
  out.present = interval_values(run, [&](const analysis::KpiTally& t) { return tally_agents(t, length); });
  const std::vector<Estimate> offered = interval_kpi(run, kpi_index("offered"));
  const std::vector<Estimate> aht = interval_values(run, tally_aht);
  for (std::size_t i = 0; i < offered.size(); ++i) {
    const double rate = offered[i].mean / length;
    run::IntervalMeans m;
    if (inputs) {
      m = run::interval_means(run, *inputs, i);
    } else {
      m.handle = aht[i].mean;
    }
    out.load.push_back(rate * m.handle);
    const double agents = required_agents(rate, m.handle, m.patience, run.service_level_threshold, sl_target);
    out.required.push_back(std::isnan(agents) ? kNaN : std::ceil(agents / (1 - shrinkage) - 1e-9));
  }
  if (inputs && inputs->rostered.size() == out.present.size()) {
    out.rostered = inputs->rostered;
    out.roster_cost = inputs->roster_cost;
  }
  char text[320];
  std::snprintf(
      text, sizeof text,
      "Required: the fewest agents whose %s service level reaches %.0f%% for the simulated offered calls of "
      "the interval, %s, divided by 1 - shrinkage (%.0f%%) and rounded up; one pool of agents, so a lower "
      "bound where skills split them.",
      inputs ? "Erlang A (Erlang C where callers never abandon)" : "Erlang C", 100 * sl_target,
      inputs ? "with the scenario's handle and patience times" : "with the simulated AHT (scenario not available)",
      100 * shrinkage);
  out.method = text;
  return out;
}

StaffingVerdict staffing_verdict(double present, double required, double simulated_sl, double sl_target) {
  if (std::isfinite(simulated_sl) && simulated_sl < sl_target) return StaffingVerdict::UNDER;
  if (std::isfinite(required) && present > required * 1.15 + 1) return StaffingVerdict::OVER;
  return StaffingVerdict::ON_TARGET;
}

}  // namespace callsim::report
