// Writing the results file: validation, layout (docs/results-format.md) and the atomic
// temp-file-then-rename dance. The reader is results_reader.cpp.

#include "store/results_store.hpp"

#include <H5Cpp.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <system_error>

#include "analysis/summary.hpp"
#include "store/directory_sync.hpp"
#include "store/hdf5_attributes.hpp"
#include "store/hdf5_call_table.hpp"
#include "store/hdf5_failsafe_driver.hpp"
#include "store/hdf5_names.hpp"
#include "store/hdf5_result_rows.hpp"
#include "store/hdf5_run_inputs.hpp"
#include "store/hdf5_table.hpp"
#include "store/hdf5_util.hpp"
#include "store/output_lock.hpp"

namespace callsim::store {

namespace {

namespace fs = std::filesystem;
using hdf5::in_quotes;
using hdf5::Problem;

using hdf5::names::kComparison;
using hdf5::names::kScenario;
constexpr std::size_t kMaxU32 = std::numeric_limits<std::uint32_t>::max();

std::string errno_text(int err) { return system_error_text(err); }

std::string temp_path_of(const std::string& path) { return path + ".tmp-" + std::to_string(::getpid()); }
/// check_writable's probe: not a ".tmp-" name, which a writer holding the target's lock
/// would take for a dead writer's temp file and remove.
std::string probe_path_of(const std::string& path) { return path + ".probe-" + std::to_string(::getpid()); }

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// HDF5 stores variable-length strings as C strings: a NUL would cut the name short.
void check_names(const std::vector<std::string>& names, const char* what, const char* field, const std::string& where) {
  if (names.size() > kMaxU32)
    throw Problem(where + "there are more " + what + "s than the uint32 field " + in_quotes(field) + " holds");
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i].find('\0') != std::string::npos)
      throw Problem(where + "the name of " + what + " " + std::to_string(i) + " contains a NUL byte");
}

// Every replication must fill the same [I], [I x K] and [G] shapes, K and G given by the
// run's name lists, so the datasets are rectangular and the names label their axes.
void check_run(const analysis::RunResult& run, std::set<std::string>& names) {
  if (const std::string problem = run_name_problem(run.name); !problem.empty())
    throw Problem("run name " + in_quotes(run.name) + " is not allowed (" + problem + ")");
  if (!names.insert(run.name).second) throw Problem("two runs are named " + in_quotes(run.name));
  const std::string where = "in run " + in_quotes(run.name) + ", ";
  if (run.replications.size() > kMaxU32)
    throw Problem(where + "there are more replications than the uint32 field 'replication' holds");
  check_names(run.call_types, "call type", "call_type", where);
  check_names(run.agent_groups, "agent group", "group", where);
  const std::size_t types = run.call_types.size();
  const std::size_t groups = run.agent_groups.size();
  for (std::size_t r = 0; r < run.replications.size(); ++r) {
    const auto& rep = run.replications[r];
    const std::size_t intervals = rep.intervals.size();
    const std::string this_rep = where + "replication " + std::to_string(r) + " has ";
    if (intervals != run.replications[0].intervals.size())
      throw Problem(this_rep + std::to_string(intervals) + " intervals but replication 0 has " +
                    std::to_string(run.replications[0].intervals.size()));
    if (intervals > kMaxU32) throw Problem(where + "there are more intervals than the uint32 field 'interval' holds");
    if (rep.interval_types.size() != intervals * types)
      throw Problem(this_rep + std::to_string(rep.interval_types.size()) + " per-call-type interval tallies, but " +
                    std::to_string(intervals) + " intervals x " + std::to_string(types) + " call types make " +
                    std::to_string(intervals * types));
    if (rep.groups.size() != groups)
      throw Problem(this_rep + std::to_string(rep.groups.size()) + " agent group tallies, but the run names " +
                    std::to_string(groups) + " agent groups");
    if (rep.interval_groups.size() != rep.intervals.size() * groups)
      throw Problem(this_rep + std::to_string(rep.interval_groups.size()) + " (interval, agent group) tallies, not " +
                    std::to_string(rep.intervals.size()) + " intervals x " + std::to_string(groups) + " agent groups");
  }
  for (const auto& s : run.summary)
    if (s.kpi.size() > hdf5::kKpiNameBytes)
      throw Problem(where + "summary KPI name " + in_quotes(s.kpi) + " is longer than 32 bytes");
}

void put_f64_attr(const H5::Group& group, const char* name, double value) {
  hdf5::put_number_attr(group, name, H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE, value);
}

double interval_start(const analysis::RunResult& run, std::size_t i) {
  return run.warmup_seconds + static_cast<double>(i) * run.interval_seconds;
}

/// Writes dataset `name`: `rows` rows of `layout`, row n filled by `fill(writer, n)`.
template <class Fill>
void write_rows(const H5::Group& group, const char* name, const hdf5::RowLayout& layout, std::size_t rows,
                Fill&& fill) {
  hdf5::Table table({rows}, layout);
  for (std::size_t n = 0; n < rows; ++n) {
    hdf5::RowWriter w(table.rows.data() + n * layout.size());
    fill(w, n);
  }
  hdf5::write_table(group, name, layout, table);
}

// Every table is 1-D and long, ordered by replication, then interval, then call type or
// group: the order of analysis::ReplicationResult, so row n's indices follow from n.
void write_run(const H5::H5File& file, const analysis::RunResult& run, double clock_start) {
  namespace names = hdf5::names;
  const H5::Group group = hdf5::create_untimed_group(file, run.name);
  const std::size_t reps = run.replications.size();
  const std::size_t intervals = reps > 0 ? run.replications[0].intervals.size() : 0;
  const std::size_t groups = run.agent_groups.size();
  put_f64_attr(group, "interval_seconds", run.interval_seconds);
  put_f64_attr(group, "warmup_seconds", run.warmup_seconds);
  put_f64_attr(group, "service_level_threshold", run.service_level_threshold);
  hdf5::put_number_attr(group, "replications", H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64,
                        std::uint64_t{reps});
  hdf5::put_text_list_attr(group, "call_types", run.call_types);
  hdf5::put_text_list_attr(group, "agent_groups", run.agent_groups);
  const int v = kResultsFormatVersion;
  const auto labels = [&](hdf5::RowWriter& w, std::size_t i) {
    hdf5::put_interval_labels(w, i, interval_start(run, i), clock_start);
  };

  write_rows(group, names::kReplications, hdf5::replications_layout(v), reps, [&](hdf5::RowWriter& w, std::size_t r) {
    w.u32(static_cast<std::uint32_t>(r));
    w.u64(run.replications[r].calls_simulated);
    hdf5::put_tally(w, run.replications[r].total);
  });
  write_rows(group, names::kIntervals, hdf5::intervals_layout(v), reps * intervals,
             [&](hdf5::RowWriter& w, std::size_t n) {
               w.u32(static_cast<std::uint32_t>(n / intervals));
               labels(w, n % intervals);
               hdf5::put_tally(w, run.replications[n / intervals].intervals[n % intervals]);
             });
  // A (replication, interval, name) table: cell = i * N + n, as in analysis::ReplicationResult.
  const auto write_interval_cells = [&](const char* name, const hdf5::RowLayout& layout,
                                        const std::vector<std::string>& labels_of, std::size_t label_bytes,
                                        auto cells_of, auto put) {
    const std::size_t per_interval = labels_of.size(), cells = intervals * per_interval;
    write_rows(group, name, layout, reps * cells, [&](hdf5::RowWriter& w, std::size_t n) {
      const std::size_t cell = n % cells;
      w.u32(static_cast<std::uint32_t>(n / cells));
      labels(w, cell / per_interval);
      w.text(labels_of[cell % per_interval], label_bytes);
      put(w, cells_of(run.replications[n / cells])[cell]);
    });
  };
  const std::size_t type_bytes = hdf5::label_bytes(run.call_types);
  write_interval_cells(
      names::kIntervalTypes, hdf5::interval_types_layout(v, type_bytes), run.call_types, type_bytes,
      [](const analysis::ReplicationResult& r) -> const auto& { return r.interval_types; }, hdf5::put_tally);
  const std::size_t group_bytes = hdf5::label_bytes(run.agent_groups);
  write_rows(group, names::kGroups, hdf5::groups_layout(v, group_bytes), reps * groups,
             [&](hdf5::RowWriter& w, std::size_t n) {
               w.u32(static_cast<std::uint32_t>(n / groups));
               w.text(run.agent_groups[n % groups], group_bytes);
               hdf5::put_group(w, run.replications[n / groups].groups[n % groups]);
             });
  write_interval_cells(
      names::kIntervalGroups, hdf5::interval_groups_layout(group_bytes), run.agent_groups, group_bytes,
      [](const analysis::ReplicationResult& r) -> const auto& { return r.interval_groups; }, hdf5::put_group);
  write_rows(group, names::kSummary, hdf5::summary_layout(), run.summary.size(),
             [&](hdf5::RowWriter& w, std::size_t k) { hdf5::put_summary(w, run.summary[k]); });
  // What a report's per-interval table shows, so that readers need not recompute it.
  std::vector<analysis::KpiSummary> by_interval;
  for (std::size_t i = 0; i < intervals; ++i) {
    const auto s = analysis::summarize_interval(run.replications, i);
    by_interval.insert(by_interval.end(), s.begin(), s.end());
  }
  const std::size_t kpis = analysis::kpi_definitions().size();
  write_rows(group, names::kIntervalSummary, hdf5::interval_summary_layout(), by_interval.size(),
             [&](hdf5::RowWriter& w, std::size_t n) {
               labels(w, n / kpis);
               hdf5::put_summary(w, by_interval[n]);
             });
}

// The comparison's rows must make rectangular [V x S] and [V x I x S] datasets, and its
// names must point at runs of the file, which is what a reader will look them up in.
// Returns I.
std::size_t check_comparison(const analysis::Comparison& c, const std::set<std::string>& runs) {
  const std::string where = "in the comparison, ";
  const auto check_run_name = [&](const std::string& name, const char* role) {
    if (!runs.count(name)) throw Problem(where + "the " + role + " " + in_quotes(name) + " is not a run of the file");
  };
  check_run_name(c.baseline, "baseline");
  std::vector<std::string> names;
  for (const auto& v : c.variants) {
    check_run_name(v.variant, "variant");
    if (v.baseline != c.baseline)
      throw Problem(where + "variant " + in_quotes(v.variant) + " is compared with " + in_quotes(v.baseline) +
                    ", not with the baseline " + in_quotes(c.baseline));
    names.push_back(v.variant);
  }
  check_names(names, "variant", "variant", where);
  if (c.variants.empty()) return 0;
  const std::size_t kpis = c.variants[0].day.size();
  if (kpis == 0) throw Problem(where + "variant " + in_quotes(c.variants[0].variant) + " has no day rows");
  const std::size_t intervals = c.variants[0].intervals.size() / kpis;
  if (intervals > kMaxU32) throw Problem(where + "there are more intervals than the uint32 field 'interval' holds");
  for (const auto& v : c.variants) {
    const std::string this_variant = where + "variant " + in_quotes(v.variant) + " has ";
    if (v.day.size() != kpis)
      throw Problem(this_variant + std::to_string(v.day.size()) + " day rows but variant " +
                    in_quotes(c.variants[0].variant) + " has " + std::to_string(kpis));
    if (v.intervals.size() != intervals * kpis)
      throw Problem(this_variant + std::to_string(v.intervals.size()) + " interval rows, not " +
                    std::to_string(intervals) + " intervals x " + std::to_string(kpis) + " KPIs");
    for (const auto* rows : {&v.day, &v.intervals})
      for (const analysis::PairedDifference& d : *rows)
        if (d.kpi.size() > hdf5::kKpiNameBytes)
          throw Problem(this_variant + "KPI name " + in_quotes(d.kpi) + " longer than 32 bytes");
  }
  return intervals;
}

void write_comparison(const H5::H5File& file, const analysis::Comparison& c, const analysis::RunResult& baseline,
                      double clock_start, std::size_t intervals) {
  const H5::Group group = hdf5::create_untimed_group(file, kComparison);
  hdf5::put_text_attr(group, "baseline", c.baseline);
  std::vector<std::string> variants;
  for (const auto& v : c.variants) variants.push_back(v.variant);
  hdf5::put_text_list_attr(group, "variants", variants);
  const std::size_t count = c.variants.size();
  const std::size_t kpis = count > 0 ? c.variants[0].day.size() : 0;
  const std::size_t variant_bytes = hdf5::label_bytes(variants);
  const int version = kResultsFormatVersion;
  write_rows(group, hdf5::names::kDay, hdf5::comparison_day_layout(version, variant_bytes), count * kpis,
             [&](hdf5::RowWriter& w, std::size_t n) {
               w.text(variants[n / kpis], variant_bytes);
               hdf5::put_difference(w, c.variants[n / kpis].day[n % kpis]);
             });
  const std::size_t cells = intervals * kpis;
  write_rows(group, hdf5::names::kComparisonIntervals, hdf5::comparison_intervals_layout(version, variant_bytes),
             count * cells, [&](hdf5::RowWriter& w, std::size_t n) {
               const std::size_t cell = n % cells;  // cell = i * S + s, as in analysis::VariantComparison
               w.text(variants[n / cells], variant_bytes);
               hdf5::put_interval_labels(w, cell / kpis, interval_start(baseline, cell / kpis), clock_start);
               hdf5::put_difference(w, c.variants[n / cells].intervals[cell]);
             });
}

H5::H5File create_file(const std::string& file_path, int* io_error) {
  const H5::FileAccPropList fapl;
  hdf5::use_failsafe_driver(fapl, io_error);
  const H5::FileCreatPropList fcpl;
  hdf5::untimed(fcpl);  // the root group
  // Runs are groups under "/": track their order so readers get them back as written.
  hdf5::check(H5Pset_link_creation_order(fcpl.getId(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
              "H5Pset_link_creation_order");
  return H5::H5File(file_path, H5F_ACC_TRUNC, fcpl, fapl);
}

// The per-call rows must fit the run they were appended for, as the tallies must.
void check_calls(const analysis::RunResult& run, const hdf5::CallTableWriter& calls) {
  const std::string where = "in run " + in_quotes(run.name) + ", the per-call table ";
  const auto check = [&](std::uint64_t needed, std::size_t have, const char* what) {
    if (needed > have)
      throw Problem(where + "names " + what + " " + std::to_string(needed - 1) + " but the run has " +
                    std::to_string(have) + " " + what + "s");
  };
  check(calls.replications_needed(), run.replications.size(), "replication");
  check(calls.call_types_needed(), run.call_types.size(), "call type");
  check(calls.groups_needed(), run.agent_groups.size(), "agent group");
}

void write_contents(const H5::H5File& file, const ResultsFile& contents,
                    std::map<std::string, hdf5::CallTableWriter>& calls) {
  const std::uint64_t first_reps = contents.runs.empty() ? 0 : contents.runs[0].replications.size();
  hdf5::put_number_attr(file, "format_version", H5::PredType::STD_I32LE, H5::PredType::NATIVE_INT,
                        kResultsFormatVersion);
  hdf5::put_text_attr(file, "callsim_version", contents.callsim_version);
  hdf5::put_text_attr(file, "created", utc_now());
  hdf5::put_number_attr(file, "seed", H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64, contents.seed);
  hdf5::put_number_attr(file, "replications", H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64, first_reps);
  hdf5::put_text_attr(file, "command_line", contents.command_line);
  hdf5::put_text_list_attr(file, "overrides", contents.overrides);
  hdf5::put_number_attr(file, "complete", H5::PredType::STD_U8LE, H5::PredType::NATIVE_UINT8,
                        std::uint8_t{contents.complete ? std::uint8_t{1} : std::uint8_t{0}});
  hdf5::put_number_attr(file, "replications_requested", H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64,
                        std::max(contents.replications_requested, first_reps));
  hdf5::put_text_dataset(file, kScenario, contents.scenario_text);
  hdf5::put_text_attr(file.openDataSet(kScenario), "path", contents.scenario_path);
  std::set<std::string> names;
  for (const auto& run : contents.runs) check_run(run, names);
  const std::size_t comparison_intervals = contents.comparison ? check_comparison(*contents.comparison, names) : 0;
  for (const auto& [name, table] : calls) {
    if (!names.count(name))
      throw Problem("per-call rows were given for run " + in_quotes(name) + ", which is not written");
  }
  // Format 4's self-description: per run, or not at all (a file written without it).
  if (!contents.run_inputs.empty() && contents.run_inputs.size() != contents.runs.size())
    throw Problem("there are inputs for " + std::to_string(contents.run_inputs.size()) + " runs but " +
                  std::to_string(contents.runs.size()) + " runs");
  for (std::size_t r = 0; r < contents.run_inputs.size(); ++r)
    hdf5::check_run_inputs(contents.runs[r], contents.run_inputs[r], contents.sources.size());
  hdf5::write_sources(file, contents.sources);
  for (std::size_t r = 0; r < contents.runs.size(); ++r) {
    const analysis::RunResult& run = contents.runs[r];
    const auto table = calls.find(run.name);
    if (table != calls.end()) check_calls(run, table->second);
    write_run(file, run, hdf5::clock_start_of(contents.run_inputs, r));
    if (r < contents.run_inputs.size()) hdf5::write_run_inputs(file.openGroup(run.name), run, contents.run_inputs[r]);
    if (table != calls.end()) table->second.finish(file.openGroup(run.name));
  }
  if (contents.comparison) {
    const analysis::Comparison& c = *contents.comparison;
    const auto baseline = std::find_if(contents.runs.begin(), contents.runs.end(),
                                       [&](const analysis::RunResult& run) { return run.name == c.baseline; });
    const auto b = static_cast<std::size_t>(baseline - contents.runs.begin());
    write_comparison(file, c, *baseline, hdf5::clock_start_of(contents.run_inputs, b), comparison_intervals);
  }
}

// Without this, a crash soon after the rename can leave an empty file under the new name.
// A full disk may only show here (delayed allocation, network file systems).
void sync_to_disk(const std::string& file_path) {
  const int fd = ::open(file_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Problem("reopening " + in_quotes(file_path) + " failed (" + errno_text(errno) + ")");
  const int status = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (status != 0) throw Problem(errno_text(err));
}

}  // namespace

std::string run_name_problem(std::string_view name) {
  namespace names = hdf5::names;
  if (name.empty() || name == "." || name == kScenario || name == kComparison || name == names::kInputs ||
      name == names::kInputFiles || name.find('/') != std::string_view::npos)
    return "it must be non-empty, must not contain '/', and must not be '.', 'scenario', 'comparison', 'inputs' or "
           "'input_files'";
  return "";
}

void check_writable(const std::string& path) {
  if (path.empty()) throw ResultsStoreError("cannot write results file: the path is empty");
  const std::string prefix = "cannot write results file " + in_quotes(path) + ": ";
  const fs::path file_path(path);
  const fs::path dir = file_path.has_parent_path() ? file_path.parent_path() : fs::path(".");
  std::error_code ec;
  const fs::file_status dir_status = fs::status(dir, ec);
  if (!fs::exists(dir_status))
    throw ResultsStoreError(prefix + "directory " + in_quotes(dir.string()) + " does not exist");
  if (!fs::is_directory(dir_status)) throw ResultsStoreError(prefix + in_quotes(dir.string()) + " is not a directory");
  const fs::file_status target = fs::status(file_path, ec);
  if (fs::is_directory(target)) throw ResultsStoreError(prefix + "it is a directory");
  // Renaming over a device or a FIFO would replace it (as root, /dev/null itself).
  if (fs::exists(target) && !fs::is_regular_file(target))
    throw ResultsStoreError(prefix + "it exists and is not a regular file");
  // access() says yes to root on a read-only mount; creating a file is the real test.
  const std::string probe = probe_path_of(path);
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    throw ResultsStoreError(prefix + "cannot create a file in directory " + in_quotes(dir.string()) + " (" +
                            errno_text(errno) + ")");
  ::close(fd);
  ::unlink(probe.c_str());
}

/// Everything a writer holds between its steps.
struct ResultsWriter::State {
  std::string path;
  std::string temp;
  std::string prefix;              ///< "cannot write results file 'path': "
  std::optional<OutputLock> lock;  ///< held from the constructor until the file is in place or given up
  std::optional<H5::H5File> file;
  std::map<std::string, hdf5::CallTableWriter> calls;  ///< per run; their datasets live in `file`
  /// The errno of the first write to the file that failed, 0 if none: the fail-safe driver
  /// (hdf5_failsafe_driver.hpp) records it here instead of failing HDF5.
  int io_error = 0;
  bool failed = false;
  bool finished = false;

  /// Closes every HDF5 object of the file, then the file itself (which HDF5 only really
  /// closes, and flushes, when no object of it is open), each exactly once even when
  /// closing fails (a full disk); returns whether all closed cleanly. Never throws.
  bool close() noexcept {
    bool ok = true;
    for (auto& [name, table] : calls) ok = table.close() && ok;
    calls.clear();
    if (file) ok = hdf5::close_once(*file) && ok;
    file.reset();
    return ok;
  }
  void remove_temp() const noexcept {
    std::error_code ec;
    if (!temp.empty() && !fs::is_directory(temp, ec)) fs::remove(temp, ec);
  }
  /// Runs `step`; on an error removes the temp file, releases the lock and throws
  /// ResultsStoreError with one line: the file and the reason.
  template <class Step>
  void guarded(Step&& step) {
    if (failed) throw ResultsStoreError(prefix + "an earlier step of writing it failed");
    if (finished) throw ResultsStoreError(prefix + "it was already finished");
    hdf5::ErrorRecorder errors;  // not const: HDF5 writes into it
    try {
      step();
      // HDF5 never hears of a failed write (see hdf5_failsafe_driver.hpp): ask after each step.
      if (io_error != 0) throw Problem(system_error_text(io_error));
      return;
    } catch (const Problem& e) {
      fail();
      throw ResultsStoreError(prefix + e.what());
    } catch (const H5::Exception& e) {
      // A failed write may have made HDF5 fail later: the write is the cause.
      const std::string reason = io_error != 0 ? system_error_text(io_error) : errors.describe(e);
      fail();
      throw ResultsStoreError(prefix + reason);
    } catch (...) {
      fail();
      throw;
    }
  }
  void fail() noexcept {
    failed = true;
    close();
    remove_temp();
    if (lock) lock->release();
  }
};

ResultsWriter::ResultsWriter(const std::string& path) : state_(std::make_unique<State>()) {
  check_writable(path);
  state_->path = path;
  state_->prefix = "cannot write results file " + in_quotes(path) + ": ";
  state_->lock.emplace(path, "results file", "choose another --out");  // and removes dead writers' temp files
  state_->temp = temp_path_of(path);
  state_->guarded([&] { state_->file.emplace(create_file(state_->temp, &state_->io_error)); });
}

ResultsWriter::~ResultsWriter() {
  if (state_ && !state_->finished && !state_->failed) {
    const hdf5::ErrorRecorder quiet;  // a close failing here has no one to tell
    state_->fail();
  }
}

void ResultsWriter::append_calls(const std::string& run, std::span<const run::CallRecord> rows) {
  state_->guarded([&] {
    auto table = state_->calls.find(run);
    if (table == state_->calls.end()) table = state_->calls.try_emplace(run, *state_->file).first;
    table->second.append(rows);
  });
}

void ResultsWriter::finish(const ResultsFile& contents) {
  state_->guarded([&] {
    write_contents(*state_->file, contents, state_->calls);
    // Flush now: a failure here must still abort the rename (the driver records it).
    if (!state_->close()) throw H5::FileIException("H5Fclose", "closing the file failed");
    if (state_->io_error != 0) throw Problem(system_error_text(state_->io_error));
    sync_to_disk(state_->temp);
    std::error_code ec;
    fs::rename(state_->temp, state_->path, ec);
    if (ec) throw Problem("renaming " + in_quotes(state_->temp) + " to it failed (" + errno_text(ec.value()) + ")");
    sync_parent_directory(state_->path);
    state_->finished = true;
    state_->lock->release();
  });
}

const std::string& ResultsWriter::temp_path() const { return state_->temp; }

const std::string& ResultsWriter::lock_path() const { return state_->lock->lock_path(); }

const std::vector<std::string>& ResultsWriter::removed_stale_files() const { return state_->lock->removed(); }

void write_results_file(const std::string& path, const ResultsFile& contents) { ResultsWriter(path).finish(contents); }

}  // namespace callsim::store
