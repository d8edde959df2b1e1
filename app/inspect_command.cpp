// callsim inspect FILE.h5: what a results file holds, without h5dump or Python.

#include <cstdint>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/kpi.hpp"
#include "app/commands.hpp"
#include "app/join.hpp"
#include "report/console_report.hpp"
#include "store/results_store.hpp"

namespace callsim::app {

namespace {

constexpr const char* kInspectUsage =
    "usage: callsim inspect FILE.h5\n"
    "\n"
    "Prints what a callsim results file holds: provenance (versions, seed, command line,\n"
    "scenario, overrides), whether the run was complete, each run's shape and headline KPIs,\n"
    "and the comparison, if any.\n";

/// The KPIs a planner looks at first; the full table is `callsim run`'s.
constexpr std::string_view kHeadline[] = {"offered", "service_level", "asa", "abandon_rate", "occupancy"};

/// "a, b", or "none".
std::string list(const std::vector<std::string>& names) { return names.empty() ? "none" : join(names, ", "); }

/// "1 call type" / "6 call types".
std::string count_of(std::size_t n, const char* what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); }

/// The files the scenario(s) read, stored whole in the file (format 4): what `--resume`
/// and the reports use instead of the disk. Nothing for an older file.
void print_inputs(std::ostream& out, const store::ResultsFile& file) {
  for (const run::ScenarioSource& source : file.sources) {
    out << "  inputs of        " << source.path << "\n";
    for (const run::StoredInput& input : source.inputs)
      out << "    " << input.role << " " << input.path << " (" << input.bytes.size() << " bytes"
          << (input.sha256.empty() ? "" : ", sha256 " + input.sha256) << ")\n";
  }
}

void print_run(std::ostream& out, const std::string& path, const analysis::RunResult& run) {
  const std::size_t reps = run.replications.size();
  const std::size_t intervals = reps > 0 ? run.replications[0].intervals.size() : 0;
  const std::optional<std::uint64_t> calls = store::call_record_count(path, run.name);
  char line[256];
  std::snprintf(line, sizeof line, "%zu intervals of %g s from %g s", intervals, run.interval_seconds,
                run.warmup_seconds);
  out << "\nrun '" << run.name << "': " << count_of(reps, "replication") << ", " << line << "\n"
      << "  " << count_of(run.call_types.size(), "call type") << ": " << list(run.call_types) << "\n"
      << "  " << count_of(run.agent_groups.size(), "agent group") << ": " << list(run.agent_groups) << "\n"
      << "  per-call table: " << (calls ? "yes, " + std::to_string(*calls) + " rows" : std::string("no")) << "\n";
  std::snprintf(line, sizeof line, "  %-16s %14s   %-12s %6s\n", "KPI", "mean", "95% CI +/-", "n");
  out << line;
  for (const std::string_view kpi : kHeadline) {
    for (const analysis::KpiSummary& s : run.summary) {
      if (s.kpi != kpi) continue;
      const std::string_view unit = analysis::kpi_unit(kpi);
      std::snprintf(line, sizeof line, "  %-16s %14s   %-12s %6llu\n", s.kpi.c_str(),
                    report::format_kpi_value(s.mean, unit).c_str(), report::format_kpi_value(s.ci95, unit).c_str(),
                    static_cast<unsigned long long>(s.n));
      out << line;
    }
  }
}

void print_comparison(std::ostream& out, const analysis::Comparison& c) {
  out << "\ncomparison: baseline '" << c.baseline << "', " << count_of(c.variants.size(), "variant") << "\n";
  char line[256];
  for (const analysis::VariantComparison& v : c.variants) {
    out << "  '" << v.variant << "' - '" << v.baseline << "' (paired, 95% CI; * where it excludes 0)\n";
    for (const std::string_view kpi : kHeadline) {
      for (const analysis::PairedDifference& d : v.day) {
        if (d.kpi != kpi) continue;
        const std::string_view unit = analysis::kpi_unit(kpi);
        const std::string mean = (d.mean > 0 ? "+" : "") + report::format_kpi_value(d.mean, unit);
        std::snprintf(line, sizeof line, "    %-16s %14s   %-12s %6llu%s\n", d.kpi.c_str(), mean.c_str(),
                      report::format_kpi_value(d.ci95, unit).c_str(), static_cast<unsigned long long>(d.n),
                      d.significant ? " *" : "");
        out << line;
      }
    }
  }
}

}  // namespace

int inspect_command(const std::vector<std::string>& args) {
  if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kInspectUsage;
    return 0;
  }
  for (const std::string& arg : args) {
    if (arg.size() > 1 && arg[0] == '-') {
      std::cerr << "callsim inspect: unrecognised option '" << arg << "'\n" << kInspectUsage;
      return kExitBadInput;
    }
  }
  if (args.size() != 1 || args[0].empty() || args[0][0] == '-') {
    std::cerr << "callsim inspect: give one results file (callsim inspect FILE.h5)\n";
    return kExitBadInput;
  }
  const std::string& path = args[0];
  store::ResultsFile file;
  try {
    file = store::read_results_file(path);
  } catch (const store::ResultsStoreError& e) {
    std::cerr << "callsim inspect: " << e.what() << "\n";
    return kExitBadInput;
  }
  std::ostream& out = std::cout;
  const std::uint64_t held = file.runs.empty() ? 0 : file.runs[0].replications.size();
  out << "callsim results file " << path << "\n"
      << "  format_version   " << file.format_version << " (this callsim reads " << store::kOldestReadableFormatVersion
      << " to " << store::kResultsFormatVersion << ")\n"
      << "  callsim_version  " << file.callsim_version << "\n"
      << "  created          " << file.created << "\n"
      << "  seed             " << file.seed << "\n"
      << "  command_line     " << file.command_line << "\n"
      << "  scenario         " << file.scenario_path << " (" << file.scenario_text.size() << " bytes of text)\n"
      << "  overrides        " << list(file.overrides) << "\n"
      << "  complete         "
      << (file.complete
              ? "yes"
              : "no: interrupted after " + std::to_string(held) + " of " + std::to_string(file.replications_requested) +
                    " replications; callsim run --resume " + path + " runs the rest")
      << "\n";
  print_inputs(out, file);
  try {
    for (const auto& run : file.runs) print_run(out, path, run);
  } catch (const store::ResultsStoreError& e) {
    std::cerr << "callsim inspect: " << e.what() << "\n";
    return kExitBadInput;
  }
  if (file.comparison) print_comparison(out, *file.comparison);
  return 0;
}

}  // namespace callsim::app
