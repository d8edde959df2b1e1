#include "report/command_summary.hpp"

#include <cstdio>

#include "report/comparison_report.hpp"
#include "report/console_report.hpp"
#include "report/run_context.hpp"
#include "report/worst_intervals.hpp"

namespace callsim::report {

void print_run_summary(std::ostream& out, const store::ResultsFile& file, const RunSummaryFacts& facts) {
  const analysis::RunResult& run = file.runs[0];
  const std::vector<RunContext> contexts = run_contexts(file);
  ConsoleStyle style;
  style.color = facts.color;
  if (const auto& inputs = contexts[0].inputs; inputs && inputs->costs && inputs->costs->sla)
    style.sl_target = inputs->costs->sla->target;
  out << "scenario " << run.name << " (" << facts.scenario_path << "): " << run.replications.size()
      << " replications, seed " << facts.seed << "\n";
  print_summary_table(out, run, facts.exact.empty() ? nullptr : &facts.exact, facts.exact_label, style);
  if (run.call_types.size() > 1 || run.agent_groups.size() > 1) print_breakdown(out, run);
  print_worst_intervals(out, run, contexts[0], 3, style);
  const double rate = facts.wall_seconds > 0 ? static_cast<double>(facts.calls_simulated) / facts.wall_seconds : 0;
  out << "\n"
      << facts.calls_simulated << " calls simulated in " << facts.wall_seconds << " s ("
      << static_cast<std::uint64_t>(rate) << " calls/s on " << facts.threads << " threads";
  if (facts.mpi_ranks > 1) out << " x " << facts.mpi_ranks << " MPI ranks";
  out << "); results in " << facts.results_path
      << (facts.dashboard_path.empty() ? "" : ", dashboard in " + facts.dashboard_path) << "\n";
}

void print_sequential_outcome(std::ostream& out, const analysis::SequentialOutcome& s) {
  const std::string what = "the largest 95% CI half-width of a difference in " + s.kpi + " is ";
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, "%.6g %s the target %.6g", s.half_width,
                s.met ? "<=" : "is not <=", s.target_ci);
  out << "\nsequential: target " << (s.met ? "met" : "NOT met") << " after " << s.replications
      << " replications: " << what << numbers << (s.met ? "" : " (--max-replications reached)") << "\n";
}

void print_compare_summary(std::ostream& out, const store::ResultsFile& file, const CompareSummaryFacts& facts) {
  const std::vector<analysis::RunResult>& runs = file.runs;
  out << "comparison of " << runs.size() << " variants on common random numbers: " << runs[0].replications.size()
      << " replications each, seed " << facts.seed << "; baseline '" << runs[0].name << "'\n\n";
  print_variant_table(out, runs, *file.comparison);
  // Every KPI side by side fits a screen for a few variants only.
  if (runs.size() <= 3) {
    out << "\n";
    print_comparison_table(out, runs, *file.comparison);
  } else {
    out << "(every KPI of every variant: --json, or /comparison in " << facts.results_path << ")\n";
  }
  print_interval_differences(out, runs, *file.comparison, run_contexts(file)[0].clock_start);
  if (facts.sequential) print_sequential_outcome(out, *facts.sequential);
  out << "\n"
      << facts.calls_simulated << " calls simulated in " << facts.wall_seconds << " s; results in "
      << facts.results_path << "\n";
}

}  // namespace callsim::report
