#pragma once
/// \file
/// What `callsim run` and `callsim compare` print when they are done: the results file's
/// figures (the summary tables of console_report.hpp and comparison_report.hpp) framed by
/// what the command knows and the file does not (the seed as typed, wall time, threads,
/// where the outputs went). The commands gather the facts; this file decides the words.

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "analysis/comparison.hpp"
#include "store/results_file.hpp"

namespace callsim::report {

/// What `callsim run` says beside the figures of its results file.
struct RunSummaryFacts {
  std::string scenario_path;
  std::uint64_t seed = 0;
  std::uint64_t calls_simulated = 0;
  double wall_seconds = 0;
  unsigned threads = 1;
  int mpi_ranks = 1;
  std::string results_path;
  std::string dashboard_path;  ///< "" without --report
  /// Exact figures of a textbook model beside the simulated ones, one per row of the run's
  /// summary (NaN where none); empty when no formula applies.
  std::vector<double> exact;
  std::string exact_label;  ///< the column's heading, e.g. "Erlang A exact"
  bool color = false;       ///< report::use_color's answer
};

/// The scenario line, the KPI table (service level coloured against the scenario's
/// contract target when it has one, else 80 %), the per call type and group breakdown when
/// there is more than one of either, the three worst intervals, and the speed line of
/// file.runs[0].
void print_run_summary(std::ostream& out, const store::ResultsFile& file, const RunSummaryFacts& facts);

/// What `callsim compare` says beside the figures of its results file.
struct CompareSummaryFacts {
  std::uint64_t seed = 0;
  std::uint64_t calls_simulated = 0;
  double wall_seconds = 0;
  std::string results_path;
  const analysis::SequentialOutcome* sequential = nullptr;  ///< with --target-ci
};

/// The variants against the baseline (file.comparison, which must be set): the variant
/// table, every KPI side by side for up to three variants, the intervals whose service
/// level differs significantly, the sequential outcome, and the speed line.
void print_compare_summary(std::ostream& out, const store::ResultsFile& file, const CompareSummaryFacts& facts);

/// The line `callsim compare --target-ci` ends with: met or not after how many replications.
void print_sequential_outcome(std::ostream& out, const analysis::SequentialOutcome& s);

}  // namespace callsim::report
