#include "run/record_inputs.hpp"

#include <limits>

#include "run/forecast.hpp"

namespace callsim::run {

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
  for (const auto& type : spec.call_types) {
    out.handle_mean.push_back(type.service.mean() + (type.wrap_up ? type.wrap_up->mean() : 0));
    out.patience_mean.push_back(type.patience ? type.patience->mean() : std::numeric_limits<double>::quiet_NaN());
  }
  out.costs = scenario.costs;
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
