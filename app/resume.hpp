#pragma once
/// \file
/// `callsim run --resume FILE.h5`: what an interrupted (or shorter) run's file holds, and
/// the checks that the replications still to run continue it exactly: same callsim
/// version, scenario text, seed and overrides. Replication r depends only on (seed, r) and
/// the scenario, so replications n .. N-1 appended to the file's 0 .. n-1 give the file an
/// uninterrupted run of N writes.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/run_result.hpp"
#include "scenarios/loader.hpp"
#include "store/results_file.hpp"

namespace callsim::app {

/// A file that cannot be resumed, or options that do not fit it; what() is one sentence.
class ResumeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The file to continue.
struct ResumePoint {
  std::string path;
  store::ResultsFile file;  ///< as read; its one run is file.runs[0]
  bool has_calls = false;   ///< it has the per-call table (callsim run --calls)
  [[nodiscard]] std::uint64_t held() const { return file.runs[0].replications.size(); }
};

/// Reads `path` and checks that this callsim can continue it: one run, no comparison,
/// written by this callsim version. Throws ResumeError.
ResumePoint read_resume_point(const std::string& path, const std::string& callsim_version);

/// The options given with --resume, each checked against the file only when given (what
/// is not given comes from the file).
struct ResumeOptions {
  const std::uint64_t* seed = nullptr;
  const std::vector<std::string>* overrides = nullptr;
  bool calls = false;  ///< --calls given
};

/// Throws ResumeError when a given option differs from what the file was made with.
void check_resume_options(const ResumePoint& point, const ResumeOptions& given);

/// The scenario `point` was made from, with `overrides` (the file's), loaded from the file
/// alone: its stored scenario text and the CSV files it read (ResultsFile::sources). A
/// file that does not store them (before format 4) has its scenario loaded from the path
/// it names, from the disk. Throws ScenarioError.
scenarios::LoadedScenario resume_scenario(const ResumePoint& point, const std::vector<std::string>& overrides);

/// Throws ResumeError unless `scenario` (loaded with the file's overrides) is the one the
/// file was made from: the same text and run name. (A scenario file given with --resume is
/// read from the disk and its CSV files are not compared; without one, resume_scenario
/// loads the stored ones.)
void check_resume_scenario(const ResumePoint& point, const scenarios::LoadedScenario& scenario);

}  // namespace callsim::app
