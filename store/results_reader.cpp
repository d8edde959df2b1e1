// Reading the results file back into the structs it was written from
// (docs/results-format.md). The writer is results_writer.cpp.

#include "store/results_store.hpp"

#include <H5Cpp.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <optional>
#include <system_error>

#include "store/hdf5_attributes.hpp"
#include "store/hdf5_call_table.hpp"
#include "store/hdf5_result_rows.hpp"
#include "store/hdf5_table.hpp"
#include "store/hdf5_util.hpp"

namespace callsim::store {

namespace {

namespace fs = std::filesystem;
using hdf5::in_quotes;
using hdf5::Problem;

constexpr const char* kScenarioName = "scenario";
constexpr const char* kComparisonName = "comparison";

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

void read_replications(const H5::Group& group, analysis::RunResult& run) {
  const hdf5::RowLayout layout = hdf5::replications_layout();
  const hdf5::Table table = hdf5::read_table(group, "/" + run.name, "replications", layout, 1);
  const RunDataset dataset(run.name, "replications");
  run.replications.resize(table.dims[0]);
  for (std::size_t r = 0; r < run.replications.size(); ++r) {
    const std::string row = "row " + std::to_string(r) + " of " + dataset.quoted();
    hdf5::RowReader rd(table.rows.data() + r * layout.size());
    if (rd.u32() != r) throw Problem(row + " is not replication " + std::to_string(r));
    run.replications[r].calls_simulated = rd.u64();
    run.replications[r].total = hdf5::get_tally(rd, row, hdf5::has_talk_time(table));
  }
}

// Returns I, the number of intervals of every replication.
std::size_t read_intervals(const H5::Group& group, analysis::RunResult& run) {
  const hdf5::RowLayout layout = hdf5::intervals_layout();
  const hdf5::Table table = hdf5::read_table(group, "/" + run.name, "intervals", layout, 2);
  const RunDataset dataset(run.name, "intervals");
  dataset.check_extent(table.dims[0], "replications", run.replications.size(),
                       in_quotes("/" + run.name + "/replications"));
  const std::size_t intervals = table.dims[1];
  for (std::size_t r = 0; r < run.replications.size(); ++r) {
    run.replications[r].intervals.resize(intervals);
    for (std::size_t i = 0; i < intervals; ++i) {
      const std::string row = dataset.row({r, i});
      hdf5::RowReader rd(table.rows.data() + (r * intervals + i) * layout.size());
      if (rd.u32() != r || rd.u32() != i) throw Problem(row + " has the wrong replication or interval number");
      rd.f64();  // interval_start: derived from the run's attributes
      run.replications[r].intervals[i] = hdf5::get_tally(rd, row, hdf5::has_talk_time(table));
    }
  }
  return intervals;
}

void read_interval_types(const H5::Group& group, analysis::RunResult& run, std::size_t intervals) {
  const hdf5::RowLayout layout = hdf5::interval_types_layout();
  const hdf5::Table table = hdf5::read_table(group, "/" + run.name, "interval_types", layout, 3);
  const RunDataset dataset(run.name, "interval_types");
  const std::size_t types = run.call_types.size();
  dataset.check_extent(table.dims[0], "replications", run.replications.size(),
                       in_quotes("/" + run.name + "/replications"));
  dataset.check_extent(table.dims[1], "intervals", intervals, in_quotes("/" + run.name + "/intervals"));
  dataset.check_extent(table.dims[2], "call types", types,
                       "the attribute 'call_types' of " + in_quotes("/" + run.name));
  for (std::size_t r = 0; r < run.replications.size(); ++r) {
    auto& cells = run.replications[r].interval_types;
    cells.resize(intervals * types);
    for (std::size_t cell = 0; cell < cells.size(); ++cell) {  // cell = i * K + k, as in analysis::ReplicationResult
      const std::size_t i = cell / types;
      const std::size_t k = cell % types;
      const std::string row = dataset.row({r, i, k});
      hdf5::RowReader rd(table.rows.data() + (r * cells.size() + cell) * layout.size());
      if (rd.u32() != r || rd.u32() != i || rd.u32() != k)
        throw Problem(row + " has the wrong replication, interval or call type number");
      rd.f64();  // interval_start: derived from the run's attributes
      cells[cell] = hdf5::get_tally(rd, row, hdf5::has_talk_time(table));
    }
  }
}

void read_groups(const H5::Group& group, analysis::RunResult& run) {
  const hdf5::RowLayout layout = hdf5::groups_layout();
  const hdf5::Table table = hdf5::read_table(group, "/" + run.name, "groups", layout, 2);
  const RunDataset dataset(run.name, "groups");
  const std::size_t groups = run.agent_groups.size();
  dataset.check_extent(table.dims[0], "replications", run.replications.size(),
                       in_quotes("/" + run.name + "/replications"));
  dataset.check_extent(table.dims[1], "agent groups", groups,
                       "the attribute 'agent_groups' of " + in_quotes("/" + run.name));
  for (std::size_t r = 0; r < run.replications.size(); ++r) {
    run.replications[r].groups.resize(groups);
    for (std::size_t g = 0; g < groups; ++g) {
      hdf5::RowReader rd(table.rows.data() + (r * groups + g) * layout.size());
      if (rd.u32() != r || rd.u32() != g)
        throw Problem(dataset.row({r, g}) + " has the wrong replication or group number");
      run.replications[r].groups[g] = hdf5::get_group(rd);
    }
  }
}

void read_summary(const H5::Group& group, analysis::RunResult& run) {
  const hdf5::RowLayout layout = hdf5::summary_layout();
  const hdf5::Table table = hdf5::read_table(group, "/" + run.name, "summary", layout, 1);
  run.summary.resize(table.dims[0]);
  for (std::size_t k = 0; k < run.summary.size(); ++k) {
    hdf5::RowReader rd(table.rows.data() + k * layout.size());
    analysis::KpiSummary& s = run.summary[k];
    s.kpi = rd.text(hdf5::kKpiNameBytes);
    rd.text(hdf5::kUnitBytes);  // the unit follows from the KPI name
    s.mean = rd.f64();
    s.std_dev = rd.f64();
    s.ci95 = rd.f64();
    s.n = rd.u64();
  }
}

analysis::RunResult read_run(const H5::Group& group, const std::string& name) {
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
  read_replications(group, run);
  const std::size_t intervals = read_intervals(group, run);
  read_interval_types(group, run, intervals);
  read_groups(group, run);
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
    if (version >= 3 && n == kComparisonName) continue;
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

analysis::Comparison read_comparison(const H5::Group& group, const ResultsFile& contents) {
  const std::string where = "'/comparison'";
  analysis::Comparison c;
  c.baseline = hdf5::get_text_attr(group, where, "baseline");
  require_run(contents, c.baseline, "baseline");
  const std::vector<std::string> variants = hdf5::get_text_list_attr(group, where, "variants");
  for (const auto& name : variants) {
    require_run(contents, name, "variant");
    c.variants.push_back({name, c.baseline, {}, {}});
  }

  const hdf5::RowLayout day_layout = hdf5::comparison_day_layout();
  const hdf5::Table day = hdf5::read_table(group, "/comparison", "day", day_layout, 2);
  const RunDataset day_set(kComparisonName, "day");
  day_set.check_extent(day.dims[0], "variants", variants.size(), "the attribute 'variants' of " + where);
  const std::size_t kpis = day.dims[1];
  for (std::size_t v = 0; v < variants.size(); ++v) {
    for (std::size_t s = 0; s < kpis; ++s) {
      const std::string row = day_set.row({v, s});
      hdf5::RowReader rd(day.rows.data() + (v * kpis + s) * day_layout.size());
      if (rd.u32() != v) throw Problem(row + " has the wrong variant number");
      c.variants[v].day.push_back(hdf5::get_difference(rd, row));
    }
  }

  const hdf5::RowLayout iv_layout = hdf5::comparison_intervals_layout();
  const hdf5::Table iv = hdf5::read_table(group, "/comparison", "intervals", iv_layout, 3);
  const RunDataset iv_set(kComparisonName, "intervals");
  iv_set.check_extent(iv.dims[0], "variants", variants.size(), "the attribute 'variants' of " + where);
  iv_set.check_extent(iv.dims[2], "KPIs", kpis, day_set.quoted());
  const std::size_t intervals = iv.dims[1];
  for (std::size_t v = 0; v < variants.size(); ++v) {
    for (std::size_t cell = 0; cell < intervals * kpis; ++cell) {  // cell = i * S + s, as in analysis::VariantComparison
      const std::string row = iv_set.row({v, cell / kpis, cell % kpis});
      hdf5::RowReader rd(iv.rows.data() + (v * intervals * kpis + cell) * iv_layout.size());
      if (rd.u32() != v || rd.u32() != cell / kpis) throw Problem(row + " has the wrong variant or interval number");
      rd.f64();  // interval_start: derived from the baseline run's attributes
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
  if (!file.nameExists(kScenarioName)) throw Problem("'/scenario' is missing");
  const H5::DataSet scenario = file.openDataSet(kScenarioName);
  if (scenario.getTypeClass() != H5T_STRING) throw Problem("'/scenario' is not a string");
  scenario.read(contents.scenario_text, scenario.getStrType());
  contents.scenario_path = hdf5::get_text_attr(scenario, "'/scenario'", "path");
  for (const auto& name : run_names(file, version)) contents.runs.push_back(read_run(file.openGroup(name), name));
  if (version >= 3 && file.nameExists(kComparisonName)) {
    if (file.childObjType(kComparisonName) != H5O_TYPE_GROUP) throw Problem("'/comparison' is not a group");
    contents.comparison = read_comparison(file.openGroup(kComparisonName), contents);
  }
  contents.replications_requested = contents.runs.empty() ? 0 : contents.runs[0].replications.size();
  if (file.attrExists("replications_requested"))
    contents.replications_requested = hdf5::get_number_attr<std::uint64_t>(file, root, "replications_requested",
                                                                           H5::PredType::NATIVE_UINT64);
  return contents;
}

std::vector<run::CallRecord> read_calls(const H5::H5File& file, const std::string& run) {
  const int version = check_version(file);
  const std::string where = "/" + run;
  // nameExists() would take "a/b" as a path: a run name never contains '/'.
  if (run.empty() || run.find('/') != std::string::npos || !file.nameExists(run) ||
      file.childObjType(run) != H5O_TYPE_GROUP || (version >= 3 && run == kComparisonName))
    throw Problem("it has no run " + in_quotes(run));
  const hdf5::RowLayout layout = hdf5::calls_layout();
  const hdf5::Table table = hdf5::read_table(file.openGroup(run), where, "calls", layout, 1);
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
    if (!group.nameExists("calls")) return std::nullopt;
    hsize_t rows = 0;
    const H5::DataSpace space = group.openDataSet("calls").getSpace();
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
    hdf5::read_table_blocks(file.openGroup(run), where, "calls", layout, 16 * hdf5::kCallChunkRows,
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
