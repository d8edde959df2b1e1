#include "report/run_context.hpp"

#include <cmath>
#include <cstdio>

#include "report/interval_figures.hpp"

namespace callsim::report {

RunContext run_context(const analysis::RunResult& run, run::RunInputs inputs) {
  RunContext out;
  out.clock_start = inputs.clock_start;
  out.clock_known = true;
  const std::size_t types = run.call_types.size();
  const std::size_t intervals = interval_count(run);
  if (inputs.handle_mean.size() != types || inputs.patience_mean.size() != types ||
      (intervals && inputs.forecast.size() != intervals * types) ||
      (!inputs.ivr_forecast.empty() && intervals && inputs.ivr_forecast.size() != intervals)) {
    out.problem = "the scenario inputs recorded for run '" + run.name + "' do not fit its call types and intervals";
    return out;
  }
  out.inputs = std::move(inputs);
  return out;
}

std::vector<RunContext> run_contexts(const store::ResultsFile& file) {
  std::vector<RunContext> out;
  for (std::size_t r = 0; r < file.runs.size(); ++r) {
    if (r < file.run_inputs.size()) {
      out.push_back(run_context(file.runs[r], file.run_inputs[r]));
    } else {
      RunContext none;
      none.problem = "the results file does not record its scenario's inputs (written before format 4)";
      out.push_back(std::move(none));
    }
  }
  return out;
}

std::string clock_text(double seconds) {
  const auto whole = static_cast<long long>(std::llround(seconds));
  char buffer[48];
  const long long hours = whole / 3600, minutes = whole / 60 % 60, secs = whole % 60;
  if (secs == 0) {
    std::snprintf(buffer, sizeof buffer, "%02lld:%02lld", hours, minutes);
  } else {
    std::snprintf(buffer, sizeof buffer, "%02lld:%02lld:%02lld", hours, minutes, secs);
  }
  return buffer;
}

std::string interval_label(const analysis::RunResult& run, const RunContext& context, std::size_t i) {
  const double offset = run.interval_seconds * static_cast<double>(i);
  if (!context.clock_known) return "+" + clock_text(offset);
  const double clock = context.clock_start + run.warmup_seconds + offset;
  // Past the first day the clock restarts; the day is shown so a 48 h run stays readable.
  const bool later_day = clock >= 86400;
  return clock_text(later_day ? clock - 86400 * static_cast<int>(clock / 86400) : clock) +
         (later_day ? " (+" + std::to_string(static_cast<int>(clock / 86400)) + "d)" : "");
}

double sl_target_of(const RunContext& context, double default_target) {
  const auto& inputs = context.inputs;
  return inputs && inputs->costs && inputs->costs->sla ? inputs->costs->sla->target : default_target;
}

}  // namespace callsim::report
