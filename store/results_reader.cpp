// Reading the results file back into the structs it was written from
// (docs/results-format.md). The writer is results_writer.cpp.

#include "store/results_store.hpp"

#include <H5Cpp.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <limits>
#include <optional>
#include <system_error>

#include "analysis/tally_fields.hpp"
#include "store/hdf5_attributes.hpp"
#include "store/hdf5_call_table.hpp"
#include "store/hdf5_names.hpp"
#include "store/hdf5_result_rows.hpp"
#include "store/hdf5_run_inputs.hpp"
#include "store/hdf5_table.hpp"
#include "store/hdf5_util.hpp"

namespace callsim::store {

namespace {

namespace fs = std::filesystem;
using hdf5::in_quotes;
using hdf5::Problem;

using hdf5::names::kComparison;
using hdf5::names::kScenario;
constexpr int kFirstLongFormat = 4;  ///< 1-D labelled tables from here on

/// Names one dataset of a run, and says how its extents disagree with the rest of the run.
class RunDataset {
 public:
  RunDataset(const std::string& run, const char* name) : path_("/" + run + "/" + name) {}
  [[nodiscard]] std::string quoted() const { return in_quotes(path_); }
  /// Throws unless `extent` (this dataset's, counting `what`) equals the run's `expected`,
  /// which `source` (a quoted object) has.
  void check_extent(hsize_t extent, const char* what, std::size_t expected, const std::string& source) const {
    if (extent != expected)
      throw Problem(quoted() + " has " + std::to_string(extent) + " " + what + ", " + source + " has " +
                    std::to_string(expected));
  }
  /// "row [r, i] of '/run/name'".
  [[nodiscard]] std::string row(std::initializer_list<std::size_t> index) const {
    std::string text;
    for (std::size_t n : index) text += (text.empty() ? "" : ", ") + std::to_string(n);
    return "row [" + text + "] of " + quoted();
  }

 private:
  std::string path_;
};

/// Reads table `name` of `group` (`where` its path) with `layout`, its rows in the order of
/// the axes `axes` (the replication or variant first): format 4's 1-D long table, whose
/// rows must be one per cell, or format 3's table of rank axes.size(). `extents` holds each
/// axis's extent, known from `sources[a]` (a quoted object, for messages); an axis whose
/// source is "" (the intervals) is not known beforehand and is set from the file.
hdf5::Table read_shaped(const H5::Group& group, const std::string& where, const char* name,
                        const hdf5::RowLayout& layout, int version, std::vector<std::size_t>& extents,
                        const std::vector<std::string>& axes, const std::vector<std::string>& sources) {
  const RunDataset dataset(where.substr(1), name);
  if (version >= kFirstLongFormat) {
    hdf5::Table table = hdf5::read_table(group, where, name, layout, 1);
    std::size_t known = 1;
    std::size_t open = extents.size();
    for (std::size_t a = 0; a < extents.size(); ++a) {
      if (sources[a].empty())
        open = a;
      else
        known *= extents[a];
    }
    if (open < extents.size()) extents[open] = known == 0 ? 0 : table.dims[0] / known;
    std::size_t rows = 1;
    std::string cells;
    for (std::size_t a = 0; a < extents.size(); ++a) {
      rows *= extents[a];
      cells += (a == 0 ? "" : " x ") + std::to_string(extents[a]) + " " + axes[a];
    }
    if (table.dims[0] != rows)
      throw Problem(dataset.quoted() + " has " + std::to_string(table.dims[0]) + " rows, not one per cell of " + cells);
    return table;
  }
  hdf5::Table table = hdf5::read_table(group, where, name, layout, static_cast<int>(extents.size()));
  for (std::size_t a = 0; a < extents.size(); ++a) {
    if (sources[a].empty())
      extents[a] = table.dims[a];
    else
      dataset.check_extent(table.dims[a], axes[a].c_str(), extents[a], sources[a]);
  }
  return table;
}

/// Checks a format 4 name label against the name it must be.
void check_label(const std::string& got, const std::string& want, const char* what, const std::string& row) {
  if (got != want) throw Problem(row + " has " + what + " " + in_quotes(got) + ", not " + in_quotes(want));
}

void read_replications(const H5::Group& group, analysis::RunResult& run, int version) {
  const hdf5::RowLayout layout = hdf5::replications_layout(version);
  const hdf5::Table table = hdf5::read_table(group, "/" + run.name, hdf5::names::kReplications, layout, 1);
  const RunDataset dataset(run.name, hdf5::names::kReplications);
  run.replications.resize(table.dims[0]);
  for (std::size_t r = 0; r < run.replications.size(); ++r) {
    const std::string row = "row " + std::to_string(r) + " of " + dataset.quoted();
    hdf5::RowReader rd(table.rows.data() + r * layout.size());
    if (rd.u32() != r) throw Problem(row + " is not replication " + std::to_string(r));
    run.replications[r].calls_simulated = rd.u64();
    run.replications[r].total = hdf5::get_tally(rd, version, row, table.absent);
  }
}

// Returns I, the number of intervals of every replication.
std::size_t read_intervals(const H5::Group& group, analysis::RunResult& run, int version) {
  const hdf5::RowLayout layout = hdf5::intervals_layout(version);
  const std::string reps = in_quotes("/" + run.name + "/replications");
  std::vector<std::size_t> extents{run.replications.size(), 0};
  const hdf5::Table table = read_shaped(group, "/" + run.name, hdf5::names::kIntervals, layout, version, extents,
                                        {"replications", "intervals"}, {reps, ""});
  const RunDataset dataset(run.name, hdf5::names::kIntervals);
  const std::size_t intervals = extents[1];
  for (std::size_t r = 0; r < run.replications.size(); ++r) {
    run.replications[r].intervals.resize(intervals);
    for (std::size_t i = 0; i < intervals; ++i) {
      const std::string row = dataset.row({r, i});
      hdf5::RowReader rd(table.rows.data() + (r * intervals + i) * layout.size());
      if (rd.u32() != r || rd.u32() != i) throw Problem(row + " has the wrong replication or interval number");
      rd.f64();                                                     // interval_start: derived from the run's attributes
      if (version >= kFirstLongFormat) rd.text(hdf5::kClockBytes);  // clock: likewise
      run.replications[r].intervals[i] = hdf5::get_tally(rd, version, row, table.absent);
    }
  }
  return intervals;
}

/// Reads the (replication, interval, name) table `name` into `cells_of(replication)`
/// [I x N], cell i * N + n, as in analysis::ReplicationResult: `labels` are the N names
/// (the run attribute `attribute`, each a `what`), `get(reader, row, table)` reads a cell's
/// tally after its label columns. Format 3 (interval_types only) has index columns.
template <class CellsOf, class Get>
void read_interval_cells(const H5::Group& group, analysis::RunResult& run, const char* name,
                         const hdf5::RowLayout& layout, int version, std::size_t intervals,
                         const std::vector<std::string>& labels, const char* axis, const char* attribute,
                         const char* what, CellsOf cells_of, Get get) {
  const std::size_t count = labels.size();
  const std::size_t label_bytes = hdf5::label_bytes(labels);
  std::vector<std::size_t> extents{run.replications.size(), intervals, count};
  const hdf5::Table table =
      read_shaped(group, "/" + run.name, name, layout, version, extents, {"replications", "intervals", axis},
                  {in_quotes("/" + run.name + "/replications"), in_quotes("/" + run.name + "/intervals"),
                   "the attribute '" + std::string(attribute) + "' of " + in_quotes("/" + run.name)});
  const RunDataset dataset(run.name, name);
  for (std::size_t r = 0; r < run.replications.size(); ++r) {
    auto& cells = cells_of(run.replications[r]);
    cells.resize(intervals * count);
    for (std::size_t cell = 0; cell < cells.size(); ++cell) {
      const std::size_t i = cell / count;
      const std::size_t k = cell % count;
      const std::string row = dataset.row({r, i, k});
      hdf5::RowReader rd(table.rows.data() + (r * cells.size() + cell) * layout.size());
      if (version >= kFirstLongFormat) {
        if (rd.u32() != r || rd.u32() != i) throw Problem(row + " has the wrong replication or interval number");
        rd.f64();                    // interval_start: derived from the run's attributes
        rd.text(hdf5::kClockBytes);  // clock: likewise
        check_label(rd.text(label_bytes), labels[k], what, row);
      } else {
        if (rd.u32() != r || rd.u32() != i || rd.u32() != k)
          throw Problem(row + " has the wrong replication, interval or " + what + " number");
        rd.f64();  // interval_start
      }
      cells[cell] = get(rd, row, table);
    }
  }
}

void read_interval_types(const H5::Group& group, analysis::RunResult& run, std::size_t intervals, int version) {
  read_interval_cells(
      group, run, hdf5::names::kIntervalTypes, hdf5::interval_types_layout(version, hdf5::label_bytes(run.call_types)),
      version, intervals, run.call_types, "call types", "call_types", "call type",
      [](analysis::ReplicationResult & r) -> auto& { return r.interval_types; },
      [&](hdf5::RowReader& rd, const std::string& row, const hdf5::Table& table) {
        return hdf5::get_tally(rd, version, row, table.absent);
      });
}

void read_groups(const H5::Group& group, analysis::RunResult& run, int version) {
  const std::size_t group_bytes = hdf5::label_bytes(run.agent_groups);
  const hdf5::RowLayout layout = hdf5::groups_layout(version, group_bytes);
  const std::size_t groups = run.agent_groups.size();
  std::vector<std::size_t> extents{run.replications.size(), groups};
  const hdf5::Table table = read_shaped(
      group, "/" + run.name, hdf5::names::kGroups, layout, version, extents, {"replications", "agent groups"},
      {in_quotes("/" + run.name + "/replications"), "the attribute 'agent_groups' of " + in_quotes("/" + run.name)});
  const RunDataset dataset(run.name, hdf5::names::kGroups);
  for (std::size_t r = 0; r < run.replications.size(); ++r) {
    run.replications[r].groups.resize(groups);
    for (std::size_t g = 0; g < groups; ++g) {
      hdf5::RowReader rd(table.rows.data() + (r * groups + g) * layout.size());
      const std::string row = dataset.row({r, g});
      if (rd.u32() != r) throw Problem(row + " has the wrong replication number");
      if (version >= kFirstLongFormat)
        check_label(rd.text(group_bytes), run.agent_groups[g], "group", row);
      else if (rd.u32() != g)
        throw Problem(row + " has the wrong group number");
      run.replications[r].groups[g] = hdf5::get_group(rd);
    }
  }
}

/// Files of format 3, and the first ones of format 4, have no per-(interval, group) table:
/// their tallies are unknown, NaN for the sums and 0 for the counts (as for a field
/// appended to a format, analysis/tally_fields.hpp).
void read_interval_groups(const H5::Group& group, analysis::RunResult& run, std::size_t intervals, int version) {
  const std::size_t groups = run.agent_groups.size();
  if (version < kFirstLongFormat || !group.nameExists(hdf5::names::kIntervalGroups)) {
    analysis::GroupTally unknown;
    for (const auto& f : analysis::group_tally_fields())
      if (f.seconds) unknown.*f.seconds = std::numeric_limits<double>::quiet_NaN();
    for (auto& rep : run.replications) rep.interval_groups.assign(intervals * groups, unknown);
    return;
  }
  read_interval_cells(
      group, run, hdf5::names::kIntervalGroups, hdf5::interval_groups_layout(hdf5::label_bytes(run.agent_groups)),
      version, intervals, run.agent_groups, "agent groups", "agent_groups", "group",
      [](analysis::ReplicationResult & r) -> auto& { return r.interval_groups; },
      [](hdf5::RowReader& rd, const std::string&, const hdf5::Table&) { return hdf5::get_group(rd); });
}

void read_summary(const H5::Group& group, analysis::RunResult& run) {
  const hdf5::RowLayout layout = hdf5::summary_layout();
  const hdf5::Table table = hdf5::read_table(group, "/" + run.name, hdf5::names::kSummary, layout, 1);
  run.summary.resize(table.dims[0]);
  for (std::size_t k = 0; k < run.summary.size(); ++k) {
    hdf5::RowReader rd(table.rows.data() + k * layout.size());
    run.summary[k] = hdf5::get_summary(rd);
  }
}

analysis::RunResult read_run(const H5::Group& group, const std::string& name, int version) {
  const std::string where = in_quotes("/" + name);
  analysis::RunResult run;
  run.name = name;
  const auto f64_attr = [&](const char* attr) {
    return hdf5::get_number_attr<double>(group, where, attr, H5::PredType::NATIVE_DOUBLE);
  };
  run.interval_seconds = f64_attr("interval_seconds");
  run.warmup_seconds = f64_attr("warmup_seconds");
  run.service_level_threshold = f64_attr("service_level_threshold");
  run.call_types = hdf5::get_text_list_attr(group, where, "call_types");
  run.agent_groups = hdf5::get_text_list_attr(group, where, "agent_groups");
  read_replications(group, run, version);
  const std::size_t intervals = read_intervals(group, run, version);
  read_interval_types(group, run, intervals, version);
  read_groups(group, run, version);
  read_interval_groups(group, run, intervals, version);
  read_summary(group, run);
  return run;
}

// Asks the root group itself: a reopened file's creation property list reports 0 here.
bool tracks_creation_order(const H5::Group& group) {
  const hid_t gcpl = H5Gget_create_plist(group.getId());
  hdf5::check(gcpl < 0 ? -1 : 0, "H5Gget_create_plist");
  unsigned flags = 0;
  const herr_t status = H5Pget_link_creation_order(gcpl, &flags);
  H5Pclose(gcpl);
  hdf5::check(status, "H5Pget_link_creation_order");
  return (flags & H5P_CRT_ORDER_TRACKED) != 0;
}

// Since version 3, '/comparison' is the comparison, not a run; a version 2 writer allowed
// a run of that name.
std::vector<std::string> run_names(const H5::H5File& file, int version) {
  const H5_index_t index = tracks_creation_order(file.openGroup("/")) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  H5G_info_t info;
  hdf5::check(H5Gget_info(file.getId(), &info), "H5Gget_info");
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t length = H5Lget_name_by_idx(file.getId(), ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    hdf5::check(length < 0 ? -1 : 0, "H5Lget_name_by_idx");
    std::vector<char> name(static_cast<std::size_t>(length) + 1);
    const ssize_t copied =
        H5Lget_name_by_idx(file.getId(), ".", index, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
    hdf5::check(copied < 0 ? -1 : 0, "H5Lget_name_by_idx");
    const std::string n(name.data());
    if (version >= 3 && n == kComparison) continue;
    if (version >= kFirstLongFormat && (n == hdf5::names::kInputs || n == hdf5::names::kInputFiles)) continue;
    if (file.childObjType(n) == H5O_TYPE_GROUP) names.push_back(n);
  }
  return names;
}

int check_version(const H5::H5File& file) {
  const int version = hdf5::get_number_attr<int>(file, "'/'", "format_version", H5::PredType::NATIVE_INT);
  if (version < kOldestReadableFormatVersion || version > kResultsFormatVersion)
    throw Problem("its format_version is " + std::to_string(version) + "; this callsim reads versions " +
                  std::to_string(kOldestReadableFormatVersion) + " to " + std::to_string(kResultsFormatVersion));
  return version;
}

/// The runs a comparison names must be runs of the file: readers look them up there.
void require_run(const ResultsFile& contents, const std::string& name, const char* role) {
  for (const analysis::RunResult& run : contents.runs)
    if (run.name == name) return;
  throw Problem("the " + std::string(role) + " " + in_quotes(name) + " of '/comparison' is not a run of the file");
}

analysis::Comparison read_comparison(const H5::Group& group, const ResultsFile& contents, int version) {
  const std::string where = "'/comparison'";
  analysis::Comparison c;
  c.baseline = hdf5::get_text_attr(group, where, "baseline");
  require_run(contents, c.baseline, "baseline");
  const std::vector<std::string> variants = hdf5::get_text_list_attr(group, where, "variants");
  for (const auto& name : variants) {
    require_run(contents, name, "variant");
    c.variants.push_back({name, c.baseline, {}, {}});
  }

  const std::size_t variant_bytes = hdf5::label_bytes(variants);
  const hdf5::RowLayout day_layout = hdf5::comparison_day_layout(version, variant_bytes);
  const RunDataset day_set(kComparison, hdf5::names::kDay);
  // The number of KPIs S: format 3 gives it as an axis, format 4 as rows per variant.
  std::size_t kpis = 0;
  hdf5::Table day;
  if (version >= kFirstLongFormat) {
    day = hdf5::read_table(group, "/comparison", hdf5::names::kDay, day_layout, 1);
    kpis = variants.empty() ? 0 : day.dims[0] / variants.size();
    if (day.dims[0] != kpis * variants.size())
      throw Problem(day_set.quoted() + " has " + std::to_string(day.dims[0]) + " rows, not a multiple of the " +
                    std::to_string(variants.size()) + " variants");
  } else {
    day = hdf5::read_table(group, "/comparison", hdf5::names::kDay, day_layout, 2);
    day_set.check_extent(day.dims[0], "variants", variants.size(), "the attribute 'variants' of " + where);
    kpis = day.dims[1];
  }
  const auto check_variant = [&](hdf5::RowReader& rd, std::size_t v, const std::string& row) {
    if (version >= kFirstLongFormat)
      check_label(rd.text(variant_bytes), variants[v], "variant", row);
    else if (rd.u32() != v)
      throw Problem(row + " has the wrong variant number");
  };
  for (std::size_t v = 0; v < variants.size(); ++v) {
    for (std::size_t s = 0; s < kpis; ++s) {
      const std::string row = day_set.row({v, s});
      hdf5::RowReader rd(day.rows.data() + (v * kpis + s) * day_layout.size());
      check_variant(rd, v, row);
      c.variants[v].day.push_back(hdf5::get_difference(rd, row));
    }
  }

  const hdf5::RowLayout iv_layout = hdf5::comparison_intervals_layout(version, variant_bytes);
  std::vector<std::size_t> extents{variants.size(), 0, kpis};
  const hdf5::Table iv =
      read_shaped(group, "/comparison", hdf5::names::kComparisonIntervals, iv_layout, version, extents,
                  {"variants", "intervals", "KPIs"}, {"the attribute 'variants' of " + where, "", day_set.quoted()});
  const RunDataset iv_set(kComparison, hdf5::names::kComparisonIntervals);
  const std::size_t intervals = extents[1];
  for (std::size_t v = 0; v < variants.size(); ++v) {
    for (std::size_t cell = 0; cell < intervals * kpis;
         ++cell) {  // cell = i * S + s, as in analysis::VariantComparison
      const std::string row = iv_set.row({v, cell / kpis, cell % kpis});
      hdf5::RowReader rd(iv.rows.data() + (v * intervals * kpis + cell) * iv_layout.size());
      check_variant(rd, v, row);
      if (rd.u32() != cell / kpis) throw Problem(row + " has the wrong interval number");
      rd.f64();  // interval_start: derived from the baseline run's attributes
      if (version >= kFirstLongFormat) rd.text(hdf5::kClockBytes);
      c.variants[v].intervals.push_back(hdf5::get_difference(rd, row));
    }
  }
  return c;
}

ResultsFile read_file(const H5::H5File& file) {
  const std::string root = "'/'";
  const int version = check_version(file);
  ResultsFile contents;
  contents.format_version = version;
  contents.callsim_version = hdf5::get_text_attr(file, root, "callsim_version");
  contents.command_line = hdf5::get_text_attr(file, root, "command_line");
  contents.seed = hdf5::get_number_attr<std::uint64_t>(file, root, "seed", H5::PredType::NATIVE_UINT64);
  contents.created = hdf5::get_text_attr(file, root, "created");
  // Added to version 3 later (provenance and interruption): older files lack them and
  // were complete runs without overrides.
  if (file.attrExists("overrides")) contents.overrides = hdf5::get_text_list_attr(file, root, "overrides");
  if (file.attrExists("complete"))
    contents.complete = hdf5::get_number_attr<std::uint8_t>(file, root, "complete", H5::PredType::NATIVE_UINT8) != 0;
  if (!file.nameExists(kScenario)) throw Problem("'/scenario' is missing");
  contents.scenario_text = hdf5::get_text_dataset(file, "", kScenario);
  contents.scenario_path = hdf5::get_text_attr(file.openDataSet(kScenario), "'/scenario'", "path");
  for (const auto& name : run_names(file, version))
    contents.runs.push_back(read_run(file.openGroup(name), name, version));
  if (version >= kFirstLongFormat) {
    contents.sources = hdf5::read_sources(file);
    for (const analysis::RunResult& run : contents.runs) {
      auto in = hdf5::read_run_inputs(file.openGroup(run.name), run);
      if (!in) break;  // written without inputs: none of its runs has them
      contents.run_inputs.push_back(std::move(*in));
    }
    if (!contents.run_inputs.empty() && contents.run_inputs.size() != contents.runs.size())
      throw Problem("only " + std::to_string(contents.run_inputs.size()) + " of its " +
                    std::to_string(contents.runs.size()) + " runs have their inputs");
  }
  if (version >= 3 && file.nameExists(kComparison)) {
    if (file.childObjType(kComparison) != H5O_TYPE_GROUP) throw Problem("'/comparison' is not a group");
    contents.comparison = read_comparison(file.openGroup(kComparison), contents, version);
  }
  contents.replications_requested = contents.runs.empty() ? 0 : contents.runs[0].replications.size();
  if (file.attrExists("replications_requested"))
    contents.replications_requested =
        hdf5::get_number_attr<std::uint64_t>(file, root, "replications_requested", H5::PredType::NATIVE_UINT64);
  return contents;
}

std::vector<run::CallRecord> read_calls(const H5::H5File& file, const std::string& run) {
  const int version = check_version(file);
  const std::string where = "/" + run;
  // nameExists() would take "a/b" as a path: a run name never contains '/'.
  if (run.empty() || run.find('/') != std::string::npos || !file.nameExists(run) ||
      file.childObjType(run) != H5O_TYPE_GROUP || (version >= 3 && run == kComparison))
    throw Problem("it has no run " + in_quotes(run));
  const hdf5::RowLayout layout = hdf5::calls_layout();
  const hdf5::Table table = hdf5::read_table(file.openGroup(run), where, hdf5::names::kCalls, layout, 1);
  std::vector<run::CallRecord> calls(table.count());
  for (std::size_t i = 0; i < calls.size(); ++i) {
    hdf5::RowReader rd(table.rows.data() + i * layout.size());
    calls[i] = hdf5::get_call(rd);
  }
  return calls;
}

/// Opens `path` read-only and returns what `read` makes of it, errors as ResultsStoreError.
template <class Read>
auto read_with(const std::string& path, Read&& read) {
  const std::string prefix = "cannot read results file " + in_quotes(path) + ": ";
  std::error_code ec;
  if (!fs::exists(path, ec)) throw ResultsStoreError(prefix + "no such file");
  if (!fs::is_regular_file(path, ec)) throw ResultsStoreError(prefix + "it is not a regular file");
  hdf5::ErrorRecorder errors;  // not const: HDF5 writes into it
  try {
    if (!H5::H5File::isHdf5(path)) throw Problem("it is not an HDF5 file");
    const H5::H5File file(path, H5F_ACC_RDONLY);
    return read(file);
  } catch (const Problem& e) {
    throw ResultsStoreError(prefix + e.what());
  } catch (const H5::Exception& e) {
    throw ResultsStoreError(prefix + errors.describe(e));
  }
}

}  // namespace

ResultsFile read_results_file(const std::string& path) { return read_with(path, read_file); }

std::optional<std::uint64_t> call_record_count(const std::string& path, const std::string& run) {
  return read_with(path, [&](const H5::H5File& file) -> std::optional<std::uint64_t> {
    check_version(file);
    if (run.empty() || run.find('/') != std::string::npos || !file.nameExists(run) ||
        file.childObjType(run) != H5O_TYPE_GROUP)
      throw Problem("it has no run " + in_quotes(run));
    const H5::Group group = file.openGroup(run);
    if (!group.nameExists(hdf5::names::kCalls)) return std::nullopt;
    hsize_t rows = 0;
    const H5::DataSpace space = group.openDataSet(hdf5::names::kCalls).getSpace();
    if (space.getSimpleExtentNdims() != 1) throw Problem("'/" + run + "/calls' is not one-dimensional");
    space.getSimpleExtentDims(&rows);
    return std::uint64_t{rows};
  });
}

void for_each_call_block(const std::string& path, const std::string& run,
                         const std::function<void(std::span<const run::CallRecord>)>& consume) {
  read_with(path, [&](const H5::H5File& file) {
    check_version(file);
    if (run.empty() || run.find('/') != std::string::npos || !file.nameExists(run) ||
        file.childObjType(run) != H5O_TYPE_GROUP)
      throw Problem("it has no run " + in_quotes(run));
    const hdf5::RowLayout layout = hdf5::calls_layout();
    const std::string where = "/" + run;
    hdf5::read_table_blocks(file.openGroup(run), where, hdf5::names::kCalls, layout, 16 * hdf5::kCallChunkRows,
                            [&](const hdf5::Table& table) {
                              std::vector<run::CallRecord> calls(table.count());
                              for (std::size_t i = 0; i < calls.size(); ++i) {
                                hdf5::RowReader rd(table.rows.data() + i * layout.size());
                                calls[i] = hdf5::get_call(rd);
                              }
                              consume(calls);
                            });
    return 0;
  });
}

std::vector<run::CallRecord> read_call_records(const std::string& path, const std::string& run) {
  return read_with(path, [&](const H5::H5File& file) { return read_calls(file, run); });
}

}  // namespace callsim::store
