#include "run/record_inputs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/call_type_means.hpp"
#include "models/staffing_schedule.hpp"
#include "run/forecast.hpp"

namespace callsim::run {

namespace {

// Agent-seconds of `steps` (0 agents before the first) in [from, to), per second of it.
double mean_agents(const std::vector<models::StaffingStep>& steps, double from, double to) {
  double seconds = 0;
  for (std::size_t j = 0; j < steps.size(); ++j) {
    const double begin = std::max(steps[j].from.seconds(), from);
    const double end = std::min(j + 1 < steps.size() ? steps[j + 1].from.seconds() : to, to);
    if (end > begin) seconds += steps[j].agents * (end - begin);
  }
  return to > from ? seconds / (to - from) : 0;
}

}  // namespace

std::vector<double> rostered_by_interval(const scenarios::LoadedScenario& scenario, const models::CenterSpec& spec) {
  if (scenario.rosters.empty()) return {};
  const std::size_t intervals = reporting_intervals(spec.time);
  const double length = spec.time.interval.seconds();
  const double warmup = spec.time.warmup.seconds();
  std::vector<double> out(intervals, 0.0);
  for (std::size_t g = 0; g < spec.agent_groups.size(); ++g) {
    const auto roster = std::find_if(scenario.rosters.begin(), scenario.rosters.end(),
                                     [g](const scenarios::GroupRoster& r) { return r.group == g; });
    const std::vector<models::StaffingStep> steps =
        roster != scenario.rosters.end() ? roster->on_shift : models::staffing_steps(spec.agent_groups[g]);
    for (std::size_t i = 0; i < intervals; ++i) {
      const double from = warmup + static_cast<double>(i) * length;
      out[i] += mean_agents(steps, from, std::min(from + length, warmup + spec.time.duration.seconds()));
    }
  }
  return out;
}

ScenarioSource scenario_source(const scenarios::LoadedScenario& scenario) {
  ScenarioSource source;
  source.path = scenario.path;
  for (const scenarios::InputFile& input : scenario.inputs)
    source.inputs.push_back(StoredInput{input.role, input.path, input.bytes, ""});
  // A scenario loaded from text (not from a file) has no "scenario" input: its text is one.
  if (source.inputs.empty() || source.inputs[0].role != "scenario")
    source.inputs.insert(source.inputs.begin(), StoredInput{"scenario", scenario.path, scenario.text, ""});
  return source;
}

RunInputs run_inputs(const scenarios::LoadedScenario& scenario, const models::CenterSpec& spec, std::size_t source) {
  RunInputs out;
  out.source = source;
  out.overrides = scenario.overrides;
  out.applied_text = scenario.applied_text.empty() ? scenario.text : scenario.applied_text;
  out.clock_start = spec.time.clock_start.seconds();
  out.forecast = forecast_by_type(spec);
  out.ivr_forecast = ivr_forecast(spec);
  const sim::Time from = spec.time.warmup, to = spec.time.warmup + spec.time.duration;
  for (const auto& type : spec.call_types) {
    out.handle_mean.push_back(models::mean_service(type, from, to) + models::mean_wrap_up(type, from, to));
    const double patience = models::mean_patience(type, from, to);
    out.patience_mean.push_back(std::isfinite(patience) ? patience : std::numeric_limits<double>::quiet_NaN());
  }
  out.costs = scenario.costs;
  out.rostered = rostered_by_interval(scenario, spec);
  if (!scenario.rosters.empty()) {
    double cost = 0;
    bool every = true;
    for (const auto& roster : scenario.rosters) {
      every = every && roster.cost.has_value();
      cost += roster.cost.value_or(0);
    }
    if (every) out.roster_cost = cost;
  }
  return out;
}

ScenarioProvenance scenario_provenance(const std::vector<const scenarios::LoadedScenario*>& scenarios,
                                       const std::vector<std::string>& runs) {
  ScenarioProvenance out;
  if (scenarios.size() == 1) return {scenarios[0]->path, scenarios[0]->text};
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    out.path += (i ? "\n" : "") + scenarios[i]->path;
    std::string text = scenarios[i]->text;
    if (!text.empty() && text.back() != '\n') text += '\n';
    out.text += "--- # callsim compare: scenario " + std::to_string(i + 1) + " of " + std::to_string(scenarios.size()) +
                ", run '" + runs[i] + "', file '" + scenarios[i]->path + "'\n" + text;
  }
  return out;
}

}  // namespace callsim::run
