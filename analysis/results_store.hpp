#pragma once
/// \file
/// The HDF5 results file: a public format read from Python, R and Julia.
/// docs/results-format.md is its contract; bump kResultsFormatVersion on any change to it.
/// Implemented in results_writer.cpp and results_reader.cpp on the hdf5_*.hpp helpers.

#include <stdexcept>
#include <string>

#include "analysis/run_result.hpp"

namespace callsim::analysis {

/// Value of the root attribute `format_version` written and accepted by this build.
inline constexpr int kResultsFormatVersion = 2;

/// A results file could not be written or read; what() is a sentence naming the file.
class ResultsStoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Writes `contents` to `path` atomically: to "path.tmp-<pid>" first, then rename; on any
/// error the temp file is removed, nothing is left under `path` (an older file there is
/// untouched), and a ResultsStoreError is thrown with a sentence naming the file.
/// Run names must be unique, non-empty, without '/', and neither "." nor "scenario".
/// Every replication of a run must have the same number I of intervals, I x K
/// interval_types with K = call_types.size(), and G = agent_groups.size() groups;
/// call type and agent group names must not contain NUL bytes.
/// Not safe to call from two threads at once (the serial HDF5 library is not thread-safe).
void write_results_file(const std::string& path, const ResultsFile& contents);

/// Reads a file written by write_results_file: every tally, summary and attribute comes
/// back exactly (for tests, `callsim inspect` and comparisons). Runs keep their write order.
/// Throws ResultsStoreError on a missing, foreign or corrupt file or another format_version.
ResultsFile read_results_file(const std::string& path);

/// Checks, before a long simulation, that `path` can be written: its directory exists, is a
/// directory and accepts a new file (tried by creating and removing "path.tmp-<pid>").
/// Throws ResultsStoreError with a sentence naming the file and the reason otherwise.
void check_writable(const std::string& path);

}  // namespace callsim::analysis
