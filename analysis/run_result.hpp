#pragma once
/// \file
/// What a run produces: per-replication tallies and their summary across replications.
/// Plain data shared by the runner, the results store and the reports.

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/kpi.hpp"

namespace callsim::analysis {

/// One replication's tallies: the whole counted period and each reporting interval.
struct ReplicationResult {
  KpiTally total;
  std::vector<KpiTally> intervals;     ///< interval i covers [warmup + i*interval, ...)
  std::uint64_t calls_simulated = 0;   ///< every arrival, warm-up included
};

/// One KPI across replications. NaN replications (KPI undefined) are left out of n.
struct KpiSummary {
  std::string kpi;
  double mean = 0;
  double std_dev = 0;   ///< sample standard deviation across replications
  double ci95 = 0;      ///< half-width of the Student-t 95% confidence interval of the mean
  std::uint64_t n = 0;  ///< replications in which the KPI is defined
};

/// A named run (a scenario, or a policy in a comparison) and everything it produced.
struct RunResult {
  std::string name;
  double interval_seconds = 0;  ///< reporting interval length
  double warmup_seconds = 0;    ///< start of interval 0 in simulated time
  double service_level_threshold = 0;  ///< T of the service-level KPIs, seconds
  std::vector<ReplicationResult> replications;
  std::vector<KpiSummary> summary;  ///< one row per KPI, kpi_definitions() order
};

/// Everything a results file holds.
struct ResultsFile {
  std::string callsim_version;
  std::string command_line;    ///< as typed, for provenance
  std::uint64_t seed = 0;
  std::string scenario_path;
  std::string scenario_text;   ///< the scenario file as given
  std::vector<RunResult> runs;
};

}  // namespace callsim::analysis
