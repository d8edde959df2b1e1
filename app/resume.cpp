#include "app/resume.hpp"

#include "store/results_store.hpp"

namespace callsim::app {

namespace {

std::string list(const std::vector<std::string>& values) {
  if (values.empty()) return "none";
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "'" : ", '") + v + "'";
  return out;
}

}  // namespace

ResumePoint read_resume_point(const std::string& path, const std::string& callsim_version) {
  ResumePoint point;
  point.path = path;
  try {
    point.file = store::read_results_file(path);
  } catch (const store::ResultsStoreError& e) {
    throw ResumeError(std::string("cannot resume: ") + e.what());
  }
  const std::string prefix = "cannot resume '" + path + "': ";
  if (point.file.comparison || point.file.runs.size() != 1)
    throw ResumeError(prefix + "it holds " + std::to_string(point.file.runs.size()) + " runs" +
                      (point.file.comparison ? " and a comparison" : "") +
                      "; only a file of callsim run (one run) can be resumed");
  if (point.file.callsim_version != callsim_version)
    throw ResumeError(prefix + "it was written by callsim " + point.file.callsim_version + ", this is callsim " +
                      callsim_version + ", whose replications may differ; rerun it from the start");
  try {
    point.has_calls = store::call_record_count(path, point.file.runs[0].name).has_value();
  } catch (const store::ResultsStoreError& e) {
    throw ResumeError(std::string("cannot resume: ") + e.what());
  }
  return point;
}

void check_resume_options(const ResumePoint& point, const ResumeOptions& given) {
  const std::string prefix = "cannot resume '" + point.path + "': ";
  if (given.seed && *given.seed != point.file.seed)
    throw ResumeError(prefix + "it was made with --seed " + std::to_string(point.file.seed) + ", not " +
                      std::to_string(*given.seed) + " (leave --seed out to continue with the file's)");
  if (given.overrides && *given.overrides != point.file.overrides)
    throw ResumeError(prefix + "it was made with the overrides " + list(point.file.overrides) + ", not " +
                      list(*given.overrides) + " (leave --set out to continue with the file's)");
  if (given.calls && !point.has_calls)
    throw ResumeError(prefix +
                      "it has no per-call table, so --calls cannot be added to it; start a new run with "
                      "--calls");
}

scenarios::LoadedScenario resume_scenario(const ResumePoint& point, const std::vector<std::string>& overrides) {
  const auto& sources = point.file.sources;
  if (sources.empty() || sources[0].inputs.empty())
    return scenarios::load_scenario(point.file.scenario_path, overrides);
  scenarios::StoredInputs stored;
  for (const run::StoredInput& input : sources[0].inputs) stored.files.emplace(input.path, input.bytes);
  const run::StoredInput& scenario = sources[0].inputs[0];
  return scenarios::load_stored_scenario(scenario.bytes, scenario.path, overrides, stored);
}

void check_resume_scenario(const ResumePoint& point, const scenarios::LoadedScenario& scenario) {
  const std::string prefix = "cannot resume '" + point.path + "': ";
  if (scenario.text != point.file.scenario_text)
    throw ResumeError(prefix + "the scenario '" + scenario.path +
                      "' is not the text it was made from (stored in its /scenario); the replications to come would "
                      "not continue it");
  if (scenario.spec.name != point.file.runs[0].name)
    throw ResumeError(prefix + "its run is '" + point.file.runs[0].name + "' but the scenario is named '" +
                      scenario.spec.name + "'");
}

}  // namespace callsim::app
