#pragma once
/// \file
/// The HDF5 results file: a public format read from Python, R and Julia.
/// docs/results-format.md is its contract; bump kResultsFormatVersion on any change to it.
/// Implemented in results_writer.cpp and results_reader.cpp on the hdf5_*.hpp helpers.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/run_result.hpp"
#include "run/call_records.hpp"
#include "store/results_file.hpp"

namespace callsim::store {

/// Value of the root attribute `format_version` written by this build.
inline constexpr int kResultsFormatVersion = 4;
/// The oldest `format_version` this build reads (version 3 only added `/comparison`;
/// version 4 made the tables 1-D and labelled and added the inputs).
inline constexpr int kOldestReadableFormatVersion = 2;

/// A results file could not be written or read; what() is a sentence naming the file.
class ResultsStoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Writes `contents` to `path` atomically: to "path.tmp-<pid>" first, then rename; on any
/// error the temp file is removed, nothing is left under `path` (an older file there is
/// untouched), and a ResultsStoreError is thrown with a sentence naming the file. It holds
/// the lock of `path` meanwhile, as ResultsWriter does.
/// Run names must be unique and acceptable to run_name_problem().
/// Every replication of a run must have the same number I of intervals, I x K
/// interval_types with K = call_types.size(), and G = agent_groups.size() groups;
/// call type and agent group names must not contain NUL bytes.
/// A comparison, if present, must name runs of `contents.runs` (baseline and variants), and
/// every variant must have the same S day rows and I x S interval rows (S > 0), with KPI
/// names of at most 32 bytes.
/// Not safe to call from two threads at once (the serial HDF5 library is not thread-safe).
void write_results_file(const std::string& path, const ResultsFile& contents);

/// Writes a results file in steps: the per-call tables while the simulation runs (so
/// their rows need not all be held in memory), then everything else. Atomic like
/// write_results_file: it writes "path.tmp-<pid>" and renames it to `path` in finish();
/// a writer destroyed before finish() succeeded removes its temp file and leaves `path`
/// alone. One writer per target: from construction until finish() or destruction it holds
/// the lock "path.lock" (store/output_lock.hpp), so a second writer of the same target,
/// in this process or another, is refused at once with OutputBusyError (a
/// ResultsStoreError); taking it removes the temp files of writers that died (the output
/// warning handler hears of each). Every method throws ResultsStoreError with one line
/// naming the file and the reason ("cannot write results file 'out.h5': no space left on
/// device"), the temp file and the lock gone; after one has thrown, the writer refuses
/// further work. Not safe to use from two threads at once (the serial HDF5 library is not
/// thread-safe): serialize the calls.
class ResultsWriter {
 public:
  /// Checks `path` as check_writable() does, takes its lock (OutputBusyError when another
  /// writer holds it) and creates the temp file.
  explicit ResultsWriter(const std::string& path);
  ~ResultsWriter();
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  /// Appends `rows` to the table `/<run>/calls`, in the order given (callsim gives them by
  /// replication, then call number). The run must be among those passed to finish(), and
  /// the rows' replication, call type and group indices within its R, K and G.
  /// Memory use does not grow with the rows: they are compressed and written in chunks.
  void append_calls(const std::string& run, std::span<const run::CallRecord> rows);

  /// Writes `contents` (the rules of write_results_file apply), links the per-call tables
  /// into their runs and moves the file into place. Call once.
  void finish(const ResultsFile& contents);

  /// The temp file being written ("path.tmp-<pid>"), for a signal handler that must
  /// remove it before the process dies.
  [[nodiscard]] const std::string& temp_path() const;
  /// The lock file ("path.lock"), which a signal handler may also remove (if it stays, the
  /// next writer reuses it).
  [[nodiscard]] const std::string& lock_path() const;
  /// The stale temp files of dead writers that the constructor removed.
  [[nodiscard]] const std::vector<std::string>& removed_stale_files() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Reads a file written by write_results_file: every tally, summary, comparison and
/// attribute comes back exactly (for tests, `callsim inspect` and comparisons). Runs keep
/// their write order. Reads format versions kOldestReadableFormatVersion to
/// kResultsFormatVersion (in a version 2 file every group under '/' is a run, even one
/// named "comparison"). Throws ResultsStoreError on a missing, foreign or corrupt file or
/// another format_version.
ResultsFile read_results_file(const std::string& path);

/// The per-call table of run `run` (written by ResultsWriter::append_calls), all its rows in
/// file order. Throws ResultsStoreError like read_results_file, and also when the run or
/// its table is missing.
std::vector<run::CallRecord> read_call_records(const std::string& path, const std::string& run);

/// How many rows the per-call table of run `run` has, or nullopt when the run has none,
/// without reading them. Throws ResultsStoreError like read_call_records.
std::optional<std::uint64_t> call_record_count(const std::string& path, const std::string& run);

/// The per-call table of run `run`, all its rows in file order, handed to `consume` a block
/// (about 260,000 rows) at a time, so memory stays flat however long the table is (copying
/// it into a resumed run's file). Throws ResultsStoreError like read_call_records.
void for_each_call_block(const std::string& path, const std::string& run,
                         const std::function<void(std::span<const run::CallRecord>)>& consume);

/// Why `name` cannot name a run in a results file (a sentence fragment: "it must be
/// non-empty, ..."), or "" if it can: runs are groups under '/', so a name must be
/// non-empty, contain no '/', and be none of ".", "scenario", "comparison", "inputs" and
/// "input_files".
std::string run_name_problem(std::string_view name);

/// Checks, before a long simulation, that `path` can be written: its directory exists, is a
/// directory and accepts a new file (tried by creating and removing "path.probe-<pid>"),
/// and `path` is not a directory or another file that is not a regular one (a device, a
/// FIFO: renaming over it would replace it). Throws ResultsStoreError with a sentence
/// naming the file and the reason otherwise.
void check_writable(const std::string& path);

}  // namespace callsim::store
