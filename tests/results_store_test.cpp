#include "store/results_store.hpp"

#include "store/hdf5_result_rows.hpp"
#include "store/hdf5_table.hpp"

#include <H5Cpp.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <catch2/catch.hpp>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace callsim::analysis;
using namespace callsim::store;
namespace fs = std::filesystem;

#ifdef CALLSIM_SOURCE_DIR
const std::string kSourceDir = CALLSIM_SOURCE_DIR;
#else
const std::string kSourceDir = ".";
#endif

/// A fresh directory under the system temp directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("callsim-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }
  [[nodiscard]] std::string str() const { return path_.string(); }
  [[nodiscard]] std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(path_)) names.push_back(e.path().filename().string());
    return names;
  }

 private:
  fs::path path_;
};

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Distinct, non-round values for every field; a zero-offered interval makes service level NaN.
KpiTally make_tally(unsigned run, unsigned rep, unsigned interval) {
  KpiTally t;
  const bool empty = (run == 0 && rep == 1 && interval == 2) || (run == 1 && interval == 3);
  const double k = 100.0 * run + 10.0 * rep + interval;
  t.staffed_time = 7200.0 + 0.1 * k;
  if (empty) return t;
  t.offered = 37 + 5 * run + 3 * rep + 7 * interval;
  t.answered = t.offered - 2 - rep - interval % 2;
  t.abandoned = t.offered - t.answered;
  t.answered_within = t.answered - 3 - interval;
  t.abandoned_within = 1 + rep % 2;
  t.waited = t.answered - 5 + run;
  t.wait_answered = 12.345 * (1 + k) / 7;
  t.wait_all = t.wait_answered + 31.25 + k / 3;
  t.busy_time = 1234.5678 + 17.1 * k;
  t.talk_time = 987.125 + 11.3 * k;
  t.handle_time = t.talk_time + 60.5 + k;
  t.balked = 1 + interval % 2;
  t.blocked = 2 + rep;
  t.closed = 3 + run;
  t.ivr_self_served = 11 + interval;
  t.ivr_hang_up = 4 + rep + run;
  t.retrials = 1 + (rep + interval) % 3;
  return t;
}

// One call type's share of an interval: agent time stays 0 (not split by type). Type 1 of
// run 1 has no calls at all in replication 2, so its whole-period service level is NaN.
KpiTally make_type_tally(unsigned run, unsigned rep, unsigned interval, unsigned type) {
  KpiTally t;
  if ((run == 0 && rep == 0 && interval == 1 && type == 1) || (run == 1 && rep == 2 && type == 1)) return t;
  const double k = 1000.0 * run + 100.0 * rep + 10.0 * interval + type;
  t.offered = 11 + 2 * run + rep + 3 * interval + 5 * type;
  t.answered = t.offered - 1 - (interval + type) % 2;
  t.abandoned = t.offered - t.answered;
  t.answered_within = t.answered - 1 - type - rep;
  t.abandoned_within = (rep + type) % 2;
  t.waited = t.answered - 2 + type;
  t.wait_answered = 3.7 * (1 + k) / 11;
  t.wait_all = t.wait_answered + 9.5 + k / 7;
  return t;
}

// Group 2 of run 0 is not staffed and answers nothing in replication 1: occupancy and AHT NaN.
GroupTally make_group(unsigned run, unsigned rep, unsigned group) {
  if (run == 0 && rep == 1 && group == 2) return {};
  GroupTally g;
  g.staffed_time = 3600.0 * (group + 1) + 0.25 * rep + 0.125 * run;
  g.busy_time = 0.6 * g.staffed_time + group + rep / 3.0;
  g.handled = 40 + 7 * group + rep + 100 * run;
  g.handle_time = 123.456 * (group + 1) * static_cast<double>(g.handled) / 40 + rep / 8.0;
  return g;
}

RunResult make_run(unsigned run, const std::string& name, double interval_s, double warmup_s,
                   std::vector<std::string> call_types, std::vector<std::string> agent_groups) {
  RunResult r;
  r.name = name;
  r.interval_seconds = interval_s;
  r.warmup_seconds = warmup_s;
  r.service_level_threshold = 15 + warmup_s / 1000;
  r.call_types = std::move(call_types);
  r.agent_groups = std::move(agent_groups);
  for (unsigned rep = 0; rep < 3; ++rep) {
    ReplicationResult result;
    for (unsigned i = 0; i < 4; ++i) {
      result.intervals.push_back(make_tally(run, rep, i));
      result.total += result.intervals.back();
      for (unsigned k = 0; k < r.call_types.size(); ++k)
        result.interval_types.push_back(make_type_tally(run, rep, i, k));
    }
    for (unsigned g = 0; g < r.agent_groups.size(); ++g) result.groups.push_back(make_group(run, rep, g));
    // Per (interval, group): distinct values per cell, so a row written to the wrong cell is caught.
    for (unsigned i = 0; i < 4; ++i)
      for (unsigned g = 0; g < r.agent_groups.size(); ++g) {
        GroupTally cell = make_group(run, rep, g);
        cell.staffed_time = cell.staffed_time / 4 + i;
        cell.busy_time = cell.busy_time / 4 + 0.5 * i;
        cell.handled = cell.handled / 4 + 3 * i + g;
        cell.handle_time = cell.handle_time / 4 + 0.25 * i;
        result.interval_groups.push_back(cell);
      }
    result.calls_simulated = result.total.offered + 11 + rep;
    r.replications.push_back(result);
  }
  std::size_t k = 0;
  for (const auto& def : kpi_definitions()) {
    KpiSummary s;
    s.kpi = std::string(def.name);
    s.mean = 0.1 * static_cast<double>(k) + run + 1.0 / 3.0;
    s.std_dev = 0.01 * static_cast<double>(k + 1) / 7.0;
    s.ci95 = s.std_dev * 2.4843;
    s.n = 3;
    if (run == 1 && def.name == "asa") s = {s.kpi, kNaN, kNaN, kNaN, 0};
    r.summary.push_back(s);
    ++k;
  }
  r.summary.push_back({"a_kpi_name_of_exactly_32_bytes__", -1.5, 0.25, 0.125, 2});  // fills the field
  return r;
}

ResultsFile make_file() {
  ResultsFile f;
  f.callsim_version = "0.1.0-test";
  f.command_line = "callsim run scenarios/bank.yaml -r 3 --seed 20240607";
  f.seed = 20240607;
  f.scenario_path = "scenarios/bank.yaml";
  f.scenario_text = "name: bank\n# dünn besetzt\ncall_types:\n  - name: retail\n    rate: 120 # per hour\n";
  f.runs.push_back(make_run(0, "base", 900.0, 1800.0, {"retail", "business"}, {"general", "premium", "Überlauf"}));
  f.runs.push_back(make_run(1, "after hiring", 1800.0, 0.5, {"retail", "claims"}, {"front", "back", "experts"}));
  return f;
}

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

void check_tally(const KpiTally& a, const KpiTally& b) {
  CHECK(a.offered == b.offered);
  CHECK(a.answered == b.answered);
  CHECK(a.abandoned == b.abandoned);
  CHECK(a.balked == b.balked);
  CHECK(a.blocked == b.blocked);
  CHECK(a.closed == b.closed);
  CHECK(a.ivr_self_served == b.ivr_self_served);
  CHECK(a.ivr_hang_up == b.ivr_hang_up);
  CHECK(a.retrials == b.retrials);
  CHECK(a.answered_within == b.answered_within);
  CHECK(a.abandoned_within == b.abandoned_within);
  CHECK(a.waited == b.waited);
  CHECK(a.wait_answered == b.wait_answered);
  CHECK(a.wait_all == b.wait_all);
  CHECK(a.busy_time == b.busy_time);
  CHECK(a.staffed_time == b.staffed_time);
  CHECK(same(a.talk_time, b.talk_time));
  CHECK(same(a.handle_time, b.handle_time));
}

// same(): the tallies of a file without them read as NaN, on both sides.
void check_group(const GroupTally& a, const GroupTally& b) {
  CHECK(same(a.staffed_time, b.staffed_time));
  CHECK(same(a.busy_time, b.busy_time));
  CHECK(a.handled == b.handled);
  CHECK(same(a.handle_time, b.handle_time));
}

void check_equal(const ResultsFile& a, const ResultsFile& b) {
  CHECK(a.callsim_version == b.callsim_version);
  CHECK(a.command_line == b.command_line);
  CHECK(a.seed == b.seed);
  CHECK(a.scenario_path == b.scenario_path);
  CHECK(a.scenario_text == b.scenario_text);
  REQUIRE(a.runs.size() == b.runs.size());
  for (std::size_t r = 0; r < a.runs.size(); ++r) {
    const RunResult& x = a.runs[r];
    const RunResult& y = b.runs[r];
    INFO("run " << x.name);
    CHECK(x.name == y.name);
    CHECK(x.interval_seconds == y.interval_seconds);
    CHECK(x.warmup_seconds == y.warmup_seconds);
    CHECK(x.service_level_threshold == y.service_level_threshold);
    CHECK(x.call_types == y.call_types);
    CHECK(x.agent_groups == y.agent_groups);
    REQUIRE(x.replications.size() == y.replications.size());
    for (std::size_t rep = 0; rep < x.replications.size(); ++rep) {
      INFO("replication " << rep);
      CHECK(x.replications[rep].calls_simulated == y.replications[rep].calls_simulated);
      check_tally(x.replications[rep].total, y.replications[rep].total);
      REQUIRE(x.replications[rep].intervals.size() == y.replications[rep].intervals.size());
      for (std::size_t i = 0; i < x.replications[rep].intervals.size(); ++i) {
        INFO("interval " << i);
        check_tally(x.replications[rep].intervals[i], y.replications[rep].intervals[i]);
      }
      REQUIRE(x.replications[rep].interval_types.size() == y.replications[rep].interval_types.size());
      for (std::size_t cell = 0; cell < x.replications[rep].interval_types.size(); ++cell) {
        INFO("interval x call type cell " << cell);
        check_tally(x.replications[rep].interval_types[cell], y.replications[rep].interval_types[cell]);
      }
      REQUIRE(x.replications[rep].groups.size() == y.replications[rep].groups.size());
      for (std::size_t g = 0; g < x.replications[rep].groups.size(); ++g) {
        INFO("agent group " << g);
        check_group(x.replications[rep].groups[g], y.replications[rep].groups[g]);
      }
      REQUIRE(x.replications[rep].interval_groups.size() == y.replications[rep].interval_groups.size());
      for (std::size_t cell = 0; cell < x.replications[rep].interval_groups.size(); ++cell) {
        INFO("interval x agent group cell " << cell);
        check_group(x.replications[rep].interval_groups[cell], y.replications[rep].interval_groups[cell]);
      }
    }
    REQUIRE(x.summary.size() == y.summary.size());
    for (std::size_t k = 0; k < x.summary.size(); ++k) {
      INFO("summary row " << k);
      CHECK(x.summary[k].kpi == y.summary[k].kpi);
      CHECK(same(x.summary[k].mean, y.summary[k].mean));
      CHECK(same(x.summary[k].std_dev, y.summary[k].std_dev));
      CHECK(same(x.summary[k].ci95, y.summary[k].ci95));
      CHECK(x.summary[k].n == y.summary[k].n);
    }
  }
}

std::string what_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ResultsStoreError& e) {
    return e.what();
  }
  return "(no ResultsStoreError)";
}

bool has_temp_file(const TempDir& dir) {
  for (const auto& name : dir.entries())
    if (name.find(".tmp-") != std::string::npos) return true;
  return false;
}

// Reads one field of a compound dataset by name, as the documented contract promises a
// reader can, independently of the writer's row layout.
template <class T>
std::vector<T> read_field(const H5::H5File& file, const std::string& dataset, const std::string& field,
                          const H5::DataType& mem_type) {
  const H5::DataSet ds = file.openDataSet(dataset);
  H5::CompType type(sizeof(T));
  type.insertMember(field, 0, mem_type);
  std::vector<T> values(static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints()));
  ds.read(values.data(), type);
  return values;
}

std::vector<double> read_f64(const H5::H5File& file, const std::string& dataset, const std::string& field) {
  return read_field<double>(file, dataset, field, H5::PredType::NATIVE_DOUBLE);
}

// The names of a run-group attribute, read with the C API as any reader would: a 1-D
// array of variable-length UTF-8 strings.
/// A text label column of a format 4 table (NUL-padded, at most 64 bytes), without the padding.
std::vector<std::string> read_labels(const H5::H5File& file, const std::string& dataset, const std::string& field) {
  H5::StrType text(H5::PredType::C_S1, 64);
  text.setStrpad(H5T_STR_NULLPAD);
  std::vector<std::string> labels;
  for (const auto& raw : read_field<std::array<char, 64>>(file, dataset, field, text)) {
    const std::string s(raw.data(), raw.size());
    labels.push_back(s.substr(0, s.find('\0')));
  }
  return labels;
}

std::vector<std::string> read_text_list(const H5::Group& group, const char* name) {
  const H5::Attribute attr = group.openAttribute(name);
  const H5::StrType type = attr.getStrType();
  CHECK(type.isVariableStr());
  CHECK(type.getCset() == H5T_CSET_UTF8);
  const H5::DataSpace space = attr.getSpace();
  CHECK(space.getSimpleExtentNdims() == 1);
  std::vector<char*> pointers(static_cast<std::size_t>(space.getSimpleExtentNpoints()), nullptr);
  if (pointers.empty()) return {};
  attr.read(type, pointers.data());
  std::vector<std::string> names(pointers.begin(), pointers.end());
  H5Dvlen_reclaim(type.getId(), space.getId(), H5P_DEFAULT, pointers.data());
  return names;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// "YYYY-MM-DDTHH:MM:SSZ"; std::regex would trip GCC 12's -Wmaybe-uninitialized under ASan.
bool looks_like_utc_timestamp(const std::string& s) {
  const std::string pattern = "dddd-dd-ddTdd:dd:ddZ";
  if (s.size() != pattern.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (pattern[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(s[i])) : s[i] != pattern[i]) return false;
  return true;
}

// Rewrites a run-group name list the way the writer stores it, to make a file inconsistent.
void replace_text_list(const std::string& path, const std::string& group, const char* name,
                       const std::vector<const char*>& values) {
  const H5::H5File file(path, H5F_ACC_RDWR);
  H5::Group g = file.openGroup(group);
  g.removeAttr(name);
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);
  const hsize_t count = values.size();
  g.createAttribute(name, type, H5::DataSpace(1, &count)).write(type, values.data());
}

void set_format_version(const std::string& path, int version) {
  const H5::H5File file(path, H5F_ACC_RDWR);
  file.openAttribute("format_version").write(H5::PredType::NATIVE_INT, &version);
}

bool command_succeeds(const std::string& command) { return std::system(command.c_str()) == 0; }

std::string fixed(double value, const char* format) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

// A comparison of "after hiring" (and, degenerate but allowed, "base" itself) against
// "base": every field distinct, some NaN, some significant, a KPI name filling its field.
Comparison make_comparison() {
  Comparison c;
  c.baseline = "base";
  const auto defs = kpi_definitions();
  for (const std::string variant : {"after hiring", "base"}) {
    VariantComparison v{variant, "base", {}, {}};
    const double shift = static_cast<double>(c.variants.size());
    for (std::size_t i = 0; i <= 4; ++i) {  // i == 4: the day
      for (std::size_t k = 0; k < defs.size(); ++k) {
        const double x = shift + 0.1 * static_cast<double>(k) + static_cast<double>(i) / 7.0;
        PairedDifference d{std::string(defs[k].name), x - 0.5, x / 3, x / 9, 3 + i + k, (k + i) % 3 == 0};
        if (k == 7 && i == 2) d = {d.kpi, kNaN, kNaN, kNaN, 0, false};
        if (k == 9 && i == 1) d = {d.kpi, 0.25, kNaN, kNaN, 1, false};
        (i == 4 ? v.day : v.intervals).push_back(d);
      }
    }
    v.day.back().kpi = "a_kpi_name_of_exactly_32_bytes__";
    c.variants.push_back(v);
  }
  return c;
}

std::string hdf5_unit(const std::string& kpi) {
  for (const auto& def : kpi_definitions())
    if (def.name == kpi) return std::string(def.unit);
  return "";
}

void check_same_difference(const PairedDifference& a, const PairedDifference& b) {
  CHECK(a.kpi == b.kpi);
  CHECK(same(a.mean, b.mean));
  CHECK(same(a.std_dev, b.std_dev));
  CHECK(same(a.ci95, b.ci95));
  CHECK(a.n == b.n);
  CHECK(a.significant == b.significant);
}

void check_same_comparison(const Comparison& a, const Comparison& b) {
  CHECK(a.baseline == b.baseline);
  REQUIRE(a.variants.size() == b.variants.size());
  for (std::size_t v = 0; v < a.variants.size(); ++v) {
    INFO("variant " << v);
    CHECK(a.variants[v].variant == b.variants[v].variant);
    CHECK(a.variants[v].baseline == b.variants[v].baseline);
    REQUIRE(a.variants[v].day.size() == b.variants[v].day.size());
    for (std::size_t k = 0; k < a.variants[v].day.size(); ++k)
      check_same_difference(a.variants[v].day[k], b.variants[v].day[k]);
    REQUIRE(a.variants[v].intervals.size() == b.variants[v].intervals.size());
    for (std::size_t k = 0; k < a.variants[v].intervals.size(); ++k)
      check_same_difference(a.variants[v].intervals[k], b.variants[v].intervals[k]);
  }
}

}  // namespace

TEST_CASE("results store: a comparison reads back exactly and is not a run", "[results_store][comparison]") {
  TempDir dir;
  ResultsFile written = make_file();
  written.comparison = make_comparison();
  write_results_file(dir.file("r.h5"), written);
  const ResultsFile read = read_results_file(dir.file("r.h5"));
  check_equal(written, read);
  REQUIRE(read.comparison.has_value());
  check_same_comparison(*written.comparison, *read.comparison);

  // The documented layout, read field by field as any reader would.
  const H5::H5File file(dir.file("r.h5"), H5F_ACC_RDONLY);
  const H5::Group group = file.openGroup("/comparison");
  std::string baseline;
  const H5::Attribute baseline_attr = group.openAttribute("baseline");
  baseline_attr.read(baseline_attr.getStrType(), baseline);
  CHECK(baseline == "base");
  CHECK(read_text_list(group, "variants") == std::vector<std::string>{"after hiring", "base"});
  const std::size_t s = kpi_definitions().size();
  // Format 4: long tables, one row per (variant, KPI) and per (variant, interval, KPI).
  hsize_t day_dims[1] = {0};
  REQUIRE(file.openDataSet("/comparison/day").getSpace().getSimpleExtentNdims() == 1);
  file.openDataSet("/comparison/day").getSpace().getSimpleExtentDims(day_dims);
  CHECK(day_dims[0] == 2 * s);
  hsize_t iv_dims[1] = {0};
  REQUIRE(file.openDataSet("/comparison/intervals").getSpace().getSimpleExtentNdims() == 1);
  file.openDataSet("/comparison/intervals").getSpace().getSimpleExtentDims(iv_dims);
  CHECK(iv_dims[0] == 2 * 4 * s);
  const auto significant = read_field<std::uint8_t>(file, "/comparison/day", "significant", H5::PredType::NATIVE_UINT8);
  const auto ci = read_f64(file, "/comparison/day", "ci95");
  for (std::size_t row = 0; row < 2 * s; ++row) {
    CHECK(significant[row] == (written.comparison->variants[row / s].day[row % s].significant ? 1 : 0));
    CHECK(same(ci[row], written.comparison->variants[row / s].day[row % s].ci95));
  }
  const auto starts = read_f64(file, "/comparison/intervals", "interval_start");
  const auto interval =
      read_field<std::uint32_t>(file, "/comparison/intervals", "interval", H5::PredType::NATIVE_UINT32);
  for (std::size_t row = 0; row < starts.size(); ++row) {
    CHECK(interval[row] == (row / s) % 4);
    CHECK(starts[row] == 1800.0 + 900.0 * static_cast<double>((row / s) % 4));  // the baseline's intervals
  }
  H5::CompType unit_type(std::size_t{16});
  unit_type.insertMember("unit", 0, H5::StrType(H5::PredType::C_S1, 16));
  std::vector<std::array<char, 16>> units(2 * s);
  file.openDataSet("/comparison/day").read(units.data(), unit_type);
  CHECK(std::string(units[kpi_definitions().size() + 7].data(), 1) == "s");  // asa

  // Reading the per-call table of "comparison" finds no such run.
  CHECK(what_of([&] { read_call_records(dir.file("r.h5"), "comparison"); }) ==
        "cannot read results file '" + dir.file("r.h5") + "': it has no run 'comparison'");
}

TEST_CASE("results store: a comparison must name runs of the file and have rectangular rows",
          "[results_store][comparison]") {
  TempDir dir;
  ResultsFile bad = make_file();
  bad.comparison = make_comparison();
  bad.comparison->variants[1].variant = "nobody";
  CHECK(what_of([&] { write_results_file(dir.file("r.h5"), bad); }) ==
        "cannot write results file '" + dir.file("r.h5") +
            "': in the comparison, the variant 'nobody' is not a run of the file");
  bad.comparison = make_comparison();
  bad.comparison->variants[1].intervals.pop_back();
  CHECK(what_of([&] { write_results_file(dir.file("r.h5"), bad); }) ==
        "cannot write results file '" + dir.file("r.h5") + "': in the comparison, variant 'base' has " +
            std::to_string(4 * kpi_definitions().size() - 1) + " interval rows, not 4 intervals x " +
            std::to_string(kpi_definitions().size()) + " KPIs");
  CHECK_FALSE(fs::exists(dir.file("r.h5")));

  ResultsFile named = make_file();
  named.runs[1].name = "comparison";
  CHECK(what_of([&] { write_results_file(dir.file("r.h5"), named); }) ==
        "cannot write results file '" + dir.file("r.h5") +
            "': run name 'comparison' is not allowed (it must be non-empty, must not contain '/', and must not be "
            "'.', 'scenario', 'comparison', 'inputs' or 'input_files')");
  CHECK(run_name_problem("comparison") != "");
  CHECK(run_name_problem("inputs") != "");
  CHECK(run_name_problem("input_files") != "");
  CHECK(run_name_problem("static_priority:threshold=30,weight=2") == "");
}

TEST_CASE("results store: version 2 files are read and there a run may be named comparison",
          "[results_store][comparison]") {
  TempDir dir;
  // A version 2 file is a version 3 file without '/comparison': make one from the fixture.
  const std::string fixture = std::string(CALLSIM_SOURCE_DIR) + "/tests/data/format3-run.h5";
  ResultsFile written = read_results_file(fixture);
  fs::copy_file(fixture, dir.file("r.h5"));
  {
    const H5::H5File file(dir.file("r.h5"), H5F_ACC_RDWR);
    file.move("multiskill-small", "comparison");  // a version 2 writer allowed this name
  }
  set_format_version(dir.file("r.h5"), 2);
  written.runs[0].name = "comparison";
  ResultsFile read = read_results_file(dir.file("r.h5"));
  CHECK(read.format_version == 2);
  read.format_version = written.format_version;
  check_equal(written, read);
  CHECK_FALSE(read.comparison.has_value());
  // In version 3 that group is the comparison, which it is not.
  set_format_version(dir.file("r.h5"), 3);
  CHECK(what_of([&] { read_results_file(dir.file("r.h5")); }) ==
        "cannot read results file '" + dir.file("r.h5") + "': '/comparison' has no attribute 'baseline'");
}

TEST_CASE("results store: the format 3 fixtures read, and read as they did", "[results_store]") {
  const std::string data = std::string(CALLSIM_SOURCE_DIR) + "/tests/data/";
  const ResultsFile run = read_results_file(data + "format3-run.h5");
  CHECK(run.format_version == 3);
  REQUIRE(run.runs.size() == 1);
  const RunResult& r = run.runs[0];
  CHECK(r.name == "multiskill-small");
  CHECK(r.call_types == std::vector<std::string>{"retail", "business", "support"});
  CHECK(r.agent_groups == std::vector<std::string>{"generalists", "specialists"});
  REQUIRE(r.replications.size() == 2);
  CHECK(r.replications[0].intervals.size() == 12);
  CHECK(r.replications[0].interval_types.size() == 36);
  // What `callsim inspect` printed of it before format 4: offered 1149.0 on average.
  CHECK(r.summary[kpi_index("offered")].mean == 1149.0);
  CHECK(r.replications[0].total.offered + r.replications[1].total.offered == 2298);
  // The tallies add up as they did when written: intervals to the day, types to intervals.
  for (const auto& rep : r.replications) {
    KpiTally sum;
    for (const auto& t : rep.intervals) sum += t;
    CHECK(sum.offered == rep.total.offered);
    CHECK(sum.answered_within == rep.total.answered_within);
  }
  CHECK(run.sources.empty());
  CHECK(run.run_inputs.empty());

  const ResultsFile compare = read_results_file(data + "format3-compare.h5");
  REQUIRE(compare.comparison.has_value());
  CHECK(compare.comparison->baseline == "longest_idle_agent");
  REQUIRE(compare.comparison->variants.size() == 1);
  CHECK(compare.comparison->variants[0].variant == "overflow_delay:delay=30s");
  // The fixture predates the KPIs appended since (hdf5::kAppendedKpis): its comparison has the others.
  const std::size_t kpis_then = kpi_definitions().size() - callsim::store::hdf5::kAppendedKpis.size();
  CHECK(compare.comparison->variants[0].day.size() == kpis_then);
  CHECK(compare.comparison->variants[0].intervals.size() == 12 * kpis_then);
}

TEST_CASE("results store: a written file reads back exactly", "[results_store]") {
  TempDir dir;
  const ResultsFile written = make_file();
  write_results_file(dir.file("r.h5"), written);
  const ResultsFile read = read_results_file(dir.file("r.h5"));
  check_equal(written, read);
  CHECK(read.runs.at(0).name == "base");  // write order, not alphabetical
  CHECK(read.runs.at(1).name == "after hiring");
  CHECK(std::isnan(compute_kpis(read.runs[0].replications[1].intervals[2])[3]));
  CHECK(read.runs[0].call_types == std::vector<std::string>{"retail", "business"});
  CHECK(read.runs[0].agent_groups == std::vector<std::string>{"general", "premium", "Überlauf"});
  REQUIRE(read.runs[1].replications[2].interval_types.size() == 4 * 2);
  CHECK(read.runs[1].replications[2].interval_types[3 * 2 + 0].offered == 11 + 2 + 2 + 9);  // (i 3, k 0) at i*K + k
  CHECK(read.runs[1].replications[2].interval_types[3 * 2 + 1].offered == 0);
  REQUIRE(read.runs[0].replications[1].groups.size() == 3);
  CHECK(read.runs[0].replications[1].groups[1].handled == 48);
  CHECK(read.runs[0].replications[1].groups[2].handled == 0);
}

TEST_CASE("results store: fields hold the documented values and read by name", "[results_store]") {
  TempDir dir;
  const ResultsFile written = make_file();
  write_results_file(dir.file("r.h5"), written);
  const H5::H5File file(dir.file("r.h5"), H5F_ACC_RDONLY);

  int version = 0;
  file.openAttribute("format_version").read(H5::PredType::NATIVE_INT, &version);
  CHECK(version == 4);
  std::uint64_t reps = 0;
  file.openAttribute("replications").read(H5::PredType::NATIVE_UINT64, &reps);
  CHECK(reps == 3);
  std::string created;
  const H5::Attribute created_attr = file.openAttribute("created");
  created_attr.read(created_attr.getStrType(), created);
  CHECK(looks_like_utc_timestamp(created));

  const auto defs = kpi_definitions();
  for (std::size_t r = 0; r < written.runs.size(); ++r) {
    const RunResult& run = written.runs[r];
    const std::string g = "/" + run.name;
    INFO("run " << run.name);
    double warmup = 0;
    file.openGroup(g).openAttribute("warmup_seconds").read(H5::PredType::NATIVE_DOUBLE, &warmup);
    CHECK(warmup == run.warmup_seconds);

    // Format 4: every table is 1-D and long, labelled by its leading columns.
    hsize_t dims[1] = {0};
    REQUIRE(file.openDataSet(g + "/intervals").getSpace().getSimpleExtentNdims() == 1);
    file.openDataSet(g + "/intervals").getSpace().getSimpleExtentDims(dims);
    CHECK(dims[0] == 3 * 4);
    const auto clocks = read_labels(file, g + "/intervals", "clock");
    CHECK(clocks[1] == callsim::store::hdf5::clock_text(run.warmup_seconds + run.interval_seconds));
    const auto starts = read_f64(file, g + "/intervals", "interval_start");
    const auto interval_no = read_field<std::uint32_t>(file, g + "/intervals", "interval", H5::PredType::NATIVE_UINT32);
    for (std::size_t row = 0; row < starts.size(); ++row) {
      CHECK(interval_no[row] == row % 4);
      CHECK(starts[row] == run.warmup_seconds + static_cast<double>(row % 4) * run.interval_seconds);
    }
    for (std::size_t k = 0; k < defs.size(); ++k) {
      INFO("KPI " << defs[k].name);
      const auto per_rep = read_f64(file, g + "/replications", std::string(defs[k].name));
      const auto per_interval = read_f64(file, g + "/intervals", std::string(defs[k].name));
      for (std::size_t rep = 0; rep < 3; ++rep) {
        CHECK(same(per_rep[rep], compute_kpis(run.replications[rep].total)[k]));
        for (std::size_t i = 0; i < 4; ++i)
          CHECK(same(per_interval[rep * 4 + i], compute_kpis(run.replications[rep].intervals[i])[k]));
      }
    }
    const auto within =
        read_field<std::uint64_t>(file, g + "/intervals", "answered_within", H5::PredType::NATIVE_UINT64);
    CHECK(within[5] == run.replications[1].intervals[1].answered_within);
    CHECK(read_f64(file, g + "/replications", "staffed_time")[2] == run.replications[2].total.staffed_time);

    CHECK(read_text_list(file.openGroup(g), "call_types") == run.call_types);
    CHECK(read_text_list(file.openGroup(g), "agent_groups") == run.agent_groups);
    hsize_t type_dims[1] = {0};
    REQUIRE(file.openDataSet(g + "/interval_types").getSpace().getSimpleExtentNdims() == 1);
    file.openDataSet(g + "/interval_types").getSpace().getSimpleExtentDims(type_dims);
    CHECK(type_dims[0] == 3 * 4 * 2);
    const std::string it = g + "/interval_types";
    const auto type_no = read_labels(file, it, "call_type");
    const auto type_interval = read_field<std::uint32_t>(file, it, "interval", H5::PredType::NATIVE_UINT32);
    const auto type_starts = read_f64(file, it, "interval_start");
    const auto type_busy = read_f64(file, it, "busy_time");
    const auto type_occupancy = read_f64(file, it, "occupancy");
    REQUIRE(type_no.size() == 3 * 4 * 2);
    for (std::size_t row = 0; row < type_no.size(); ++row) {
      INFO("interval_types row " << row);
      CHECK(type_no[row] == run.call_types[row % 2]);
      CHECK(type_interval[row] == (row / 2) % 4);
      CHECK(type_starts[row] == run.warmup_seconds + static_cast<double>((row / 2) % 4) * run.interval_seconds);
      CHECK(type_busy[row] == 0);
      CHECK(std::isnan(type_occupancy[row]));  // agent time is not split by type
    }
    for (std::size_t k = 0; k < defs.size(); ++k) {
      INFO("KPI " << defs[k].name);
      const auto per_cell = read_f64(file, it, std::string(defs[k].name));
      for (std::size_t rep = 0; rep < 3; ++rep)
        for (std::size_t cell = 0; cell < 8; ++cell)
          CHECK(same(per_cell[rep * 8 + cell], compute_kpis(run.replications[rep].interval_types[cell])[k]));
    }

    hsize_t group_dims[1] = {0};
    file.openDataSet(g + "/groups").getSpace().getSimpleExtentDims(group_dims);
    CHECK(group_dims[0] == 3 * 3);
    const auto group_no = read_labels(file, g + "/groups", "group");
    const auto handled = read_field<std::uint64_t>(file, g + "/groups", "handled", H5::PredType::NATIVE_UINT64);
    const auto staffed = read_f64(file, g + "/groups", "staffed_time");
    const auto busy = read_f64(file, g + "/groups", "busy_time");
    const auto handle_time = read_f64(file, g + "/groups", "handle_time");
    const auto occupancy = read_f64(file, g + "/groups", "occupancy");
    const auto aht = read_f64(file, g + "/groups", "aht");
    for (std::size_t rep = 0; rep < 3; ++rep) {
      for (std::size_t a = 0; a < 3; ++a) {
        INFO("replication " << rep << " agent group " << a);
        const GroupTally& t = run.replications[rep].groups[a];
        const std::size_t row = rep * 3 + a;
        CHECK(group_no[row] == run.agent_groups[a]);
        CHECK(staffed[row] == t.staffed_time);
        CHECK(busy[row] == t.busy_time);
        CHECK(handled[row] == t.handled);
        CHECK(handle_time[row] == t.handle_time);
        CHECK(same(occupancy[row], t.staffed_time > 0 ? t.busy_time / t.staffed_time : kNaN));
        CHECK(same(aht[row], t.handled > 0 ? t.handle_time / static_cast<double>(t.handled) : kNaN));
      }
    }

    H5::StrType unit_type(H5::PredType::C_S1, 16);
    unit_type.setStrpad(H5T_STR_NULLPAD);
    using Unit = std::array<char, 16>;
    const auto units = read_field<Unit>(file, g + "/summary", "unit", unit_type);
    CHECK(std::string(units[0].data(), 5) == "calls");     // offered
    CHECK(std::string(units[3].data(), 8) == "fraction");  // service_level
    CHECK(units.back()[0] == '\0');                        // not a KPI: no unit
  }
  // Creation and modification times are off, so equal results give equal bytes.
  for (const char* object : {"/", "/scenario", "/base", "/base/intervals", "/base/interval_types", "/base/groups",
                             "/after hiring/summary"}) {
    INFO(object);
    H5O_info_t info;
    REQUIRE(H5Oget_info_by_name2(file.getId(), object, &info, H5O_INFO_TIME, H5P_DEFAULT) >= 0);
    CHECK(info.ctime == 0);
    CHECK(info.mtime == 0);
  }
}

TEST_CASE("results store: two writes of the same results differ only in the created time", "[results_store]") {
  TempDir dir;
  write_results_file(dir.file("a.h5"), make_file());
  write_results_file(dir.file("b.h5"), make_file());
  const std::string a = read_text(dir.file("a.h5"));
  const std::string b = read_text(dir.file("b.h5"));
  REQUIRE(a.size() == b.size());
  std::size_t differing = 0;
  for (std::size_t i = 0; i < a.size(); ++i) differing += a[i] != b[i] ? 1 : 0;
  CHECK(differing <= std::string("2024-06-07T12:00:00Z").size());
}

TEST_CASE("results store: h5dump reads the file", "[results_store]") {
  if (!command_succeeds("command -v h5dump >/dev/null 2>&1")) {
    WARN("h5dump not found (Debian package hdf5-tools): skipping the h5dump check");
    return;
  }
  TempDir dir;
  write_results_file(dir.file("r.h5"), make_file());
  const std::string out = dir.file("dump.txt");
  REQUIRE(command_succeeds("h5dump -H '" + dir.file("r.h5") + "' >'" + out + "' 2>&1"));
  const std::string dump = read_text(out);
  CHECK(dump.find("GROUP \"after hiring\"") != std::string::npos);
  CHECK(dump.find("H5T_IEEE_F64LE \"service_level\";") != std::string::npos);
  CHECK(dump.find("H5T_STD_U64LE \"offered\";") != std::string::npos);             // counts are integers
  CHECK(dump.find("DATASPACE  SIMPLE { ( 12 ) / ( 12 ) }") != std::string::npos);  // intervals: 3 x 4 rows
  CHECK(dump.find("DATASET \"interval_types\"") != std::string::npos);
  CHECK(dump.find("\"call_type\";") != std::string::npos);
  CHECK(dump.find("DATASPACE  SIMPLE { ( 24 ) / ( 24 ) }") != std::string::npos);  // 3 x 4 x 2
  CHECK(dump.find("DATASET \"interval_summary\"") != std::string::npos);
  CHECK(dump.find("DATASET \"groups\"") != std::string::npos);
  CHECK(dump.find("H5T_STD_U64LE \"handled\";") != std::string::npos);
  CHECK(dump.find("H5T_IEEE_F64LE \"aht\";") != std::string::npos);
  CHECK(dump.find("DATASPACE  SIMPLE { ( 9 ) / ( 9 ) }") != std::string::npos);  // groups: 3 x 3
  CHECK(dump.find("ATTRIBUTE \"call_types\"") != std::string::npos);
  CHECK(dump.find("ATTRIBUTE \"agent_groups\"") != std::string::npos);
  CHECK(dump.find("CSET H5T_CSET_UTF8;") != std::string::npos);
}

TEST_CASE("results store: an unwritable path throws and leaves nothing behind", "[results_store]") {
  CHECK(what_of([] { write_results_file("/nonexistent-dir/x.h5", make_file()); }) ==
        "cannot write results file '/nonexistent-dir/x.h5': directory '/nonexistent-dir' does not exist");
  CHECK_FALSE(fs::exists("/nonexistent-dir"));

  // A failure after the temp file exists: the old file survives, the temp file is gone.
  TempDir dir;
  const std::string path = dir.file("r.h5");
  ResultsFile old = make_file();
  old.seed = 1;
  write_results_file(path, old);
  ResultsFile bad = make_file();
  bad.runs[1].name = "a/b";
  CHECK(what_of([&] { write_results_file(path, bad); }) ==
        "cannot write results file '" + path +
            "': run name 'a/b' is not allowed (it must be non-empty, must not contain '/', and must not be '.', "
            "'scenario', 'comparison', 'inputs' or 'input_files')");
  CHECK(read_results_file(path).seed == 1);
  CHECK_FALSE(has_temp_file(dir));

  bad.runs[1].name = "base";
  CHECK(what_of([&] { write_results_file(dir.file("new.h5"), bad); }) ==
        "cannot write results file '" + dir.file("new.h5") + "': two runs are named 'base'");
  bad = make_file();
  bad.runs[0].replications[2].intervals.pop_back();
  CHECK(what_of([&] { write_results_file(dir.file("new.h5"), bad); }) ==
        "cannot write results file '" + dir.file("new.h5") +
            "': in run 'base', replication 2 has 3 intervals but replication 0 has 4");
  CHECK(dir.entries() == std::vector<std::string>{"r.h5"});
}

TEST_CASE("results store: per-type and per-group tallies must match the run names", "[results_store]") {
  TempDir dir;
  const std::string path = dir.file("new.h5");
  const std::string prefix = "cannot write results file '" + path + "': ";
  ResultsFile bad = make_file();
  bad.runs[0].replications[1].interval_types.pop_back();
  CHECK(what_of([&] { write_results_file(path, bad); }) ==
        prefix +
            "in run 'base', replication 1 has 7 per-call-type interval tallies, but 4 intervals x 2 call types "
            "make 8");
  bad = make_file();
  bad.runs[0].call_types.push_back("loans");
  CHECK(what_of([&] { write_results_file(path, bad); }) ==
        prefix +
            "in run 'base', replication 0 has 8 per-call-type interval tallies, but 4 intervals x 3 call types "
            "make 12");
  bad = make_file();
  bad.runs[1].replications[2].groups.emplace_back();
  CHECK(what_of([&] { write_results_file(path, bad); }) ==
        prefix + "in run 'after hiring', replication 2 has 4 agent group tallies, but the run names 3 agent groups");
  bad = make_file();
  bad.runs[1].agent_groups.pop_back();
  CHECK(what_of([&] { write_results_file(path, bad); }) ==
        prefix + "in run 'after hiring', replication 0 has 3 agent group tallies, but the run names 2 agent groups");
  bad = make_file();
  bad.runs[1].replications[1].interval_groups.pop_back();
  CHECK(what_of([&] { write_results_file(path, bad); }) ==
        prefix +
            "in run 'after hiring', replication 1 has 11 (interval, agent group) tallies, not 4 intervals x 3 "
            "agent groups");
  bad = make_file();
  bad.runs[0].agent_groups[1] = std::string("pre\0mium", 8);
  CHECK(what_of([&] { write_results_file(path, bad); }) ==
        prefix + "in run 'base', the name of agent group 1 contains a NUL byte");
  CHECK(dir.entries().empty());
}

TEST_CASE("results store: reading refuses datasets that disagree with the run names", "[results_store]") {
  TempDir dir;
  const std::string path = dir.file("r.h5");
  const std::string prefix = "cannot read results file '" + path + "': ";
  write_results_file(path, make_file());
  replace_text_list(path, "/base", "call_types", {"retail", "business", "loans"});
  CHECK(what_of([&] { read_results_file(path); }) ==
        prefix + "'/base/interval_types' has 24 rows, not one per cell of 3 replications x 4 intervals x 3 call types");
  replace_text_list(path, "/base", "call_types", {"retail", "business"});
  replace_text_list(path, "/base", "agent_groups", {"general", "premium"});
  CHECK(what_of([&] { read_results_file(path); }) ==
        prefix + "'/base/groups' has 9 rows, not one per cell of 3 replications x 2 agent groups");
  // As many names as before, but another one: the label column says which row disagrees.
  replace_text_list(path, "/base", "agent_groups", {"general", "premium", "overflowing"});
  CHECK(what_of([&] { read_results_file(path); }) ==
        prefix + "row [0, 2] of '/base/groups' has group 'Überlauf', not 'overflowing'");
  replace_text_list(path, "/base", "agent_groups", {"general", "premium", "Überlauf"});
  CHECK_NOTHROW(read_results_file(path));
  {
    const H5::H5File file(path, H5F_ACC_RDWR);
    H5::Group run = file.openGroup("/after hiring");
    run.removeAttr("agent_groups");
    const H5::StrType fixed(H5::PredType::C_S1, 8);
    const hsize_t three = 3;
    run.createAttribute("agent_groups", fixed, H5::DataSpace(1, &three))
        .write(fixed, "front\0\0\0back\0\0\0\0experts\0");
  }
  CHECK(what_of([&] { read_results_file(path); }) ==
        prefix + "'/after hiring' attribute 'agent_groups' is not a list of variable-length strings");
  replace_text_list(path, "/after hiring", "agent_groups", {"front", "back", "experts"});
  {
    const H5::H5File file(path, H5F_ACC_RDWR);
    file.unlink("/after hiring/groups");
  }
  CHECK(what_of([&] { read_results_file(path); }) == prefix + "'/after hiring/groups' is missing");
}

TEST_CASE("results store: check_writable explains why a path cannot be written", "[results_store]") {
  TempDir dir;
  CHECK(what_of([&] { check_writable(dir.file("missing/x.h5")); }) == "cannot write results file '" +
                                                                          dir.file("missing/x.h5") + "': directory '" +
                                                                          dir.file("missing") + "' does not exist");
  std::ofstream(dir.file("plain")) << "not a directory";
  CHECK(what_of([&] { check_writable(dir.file("plain/x.h5")); }) ==
        "cannot write results file '" + dir.file("plain/x.h5") + "': '" + dir.file("plain") + "' is not a directory");
  fs::create_directory(dir.file("sub"));
  CHECK(what_of([&] { check_writable(dir.file("sub")); }) ==
        "cannot write results file '" + dir.file("sub") + "': it is a directory");
  CHECK(what_of([] { check_writable(""); }) == "cannot write results file: the path is empty");
  CHECK_NOTHROW(check_writable(dir.file("fine.h5")));
  CHECK(dir.entries().size() == 2);  // "plain" and "sub": the probe file is gone
}

TEST_CASE("results store: writing over an existing file replaces it", "[results_store]") {
  TempDir dir;
  const std::string path = dir.file("r.h5");
  write_results_file(path, make_file());
  ResultsFile second;
  second.callsim_version = "0.2.0";
  second.seed = 99;
  second.scenario_text = "name: small\n";
  second.runs.push_back(make_run(1, "only", 600.0, 0.0, {}, {}));  // no call types, no agent groups
  write_results_file(path, second);
  const ResultsFile read = read_results_file(path);
  check_equal(second, read);
  CHECK(read.runs.size() == 1);
  CHECK_FALSE(has_temp_file(dir));
  CHECK(dir.entries() == std::vector<std::string>{"r.h5"});
}

TEST_CASE("results store: counts are stored as integers, exact up to 2^64 - 1", "[results_store]") {
  TempDir dir;
  ResultsFile f = make_file();
  const std::uint64_t beyond_double = (std::uint64_t{1} << 53) + 1;  // a float64 would round it
  f.runs[0].replications[0].total.offered = beyond_double;
  f.runs[0].replications[0].total.answered = std::numeric_limits<std::uint64_t>::max();
  f.runs[0].replications[1].interval_types[5].abandoned = beyond_double + 2;
  write_results_file(dir.file("big.h5"), f);
  const ResultsFile read = read_results_file(dir.file("big.h5"));
  CHECK(read.runs[0].replications[0].total.offered == beyond_double);
  CHECK(read.runs[0].replications[0].total.answered == std::numeric_limits<std::uint64_t>::max());
  CHECK(read.runs[0].replications[1].interval_types[5].abandoned == beyond_double + 2);
  const H5::H5File file(dir.file("big.h5"), H5F_ACC_RDONLY);
  const H5::CompType type = file.openDataSet("/base/replications").getCompType();
  CHECK(type.getMemberDataType(type.getMemberIndex("offered")) == H5::PredType::STD_U64LE);
}

TEST_CASE("results store: no runs and runs without replications round-trip", "[results_store]") {
  TempDir dir;
  ResultsFile f;
  write_results_file(dir.file("empty.h5"), f);
  check_equal(f, read_results_file(dir.file("empty.h5")));
  RunResult run;
  run.name = "nothing yet";
  run.interval_seconds = 900;
  f.runs.push_back(run);
  write_results_file(dir.file("empty.h5"), f);
  check_equal(f, read_results_file(dir.file("empty.h5")));
  run.name = "named but not run";  // names without replications: zero-length datasets
  run.call_types = {"retail"};
  run.agent_groups = {"general", ""};
  f.runs.push_back(run);
  write_results_file(dir.file("empty.h5"), f);
  const ResultsFile read = read_results_file(dir.file("empty.h5"));
  check_equal(f, read);
  CHECK(read.runs.at(1).agent_groups == std::vector<std::string>{"general", ""});
  const H5::H5File file(dir.file("empty.h5"), H5F_ACC_RDONLY);
  hsize_t dims[1] = {9};
  file.openDataSet("/named but not run/interval_types").getSpace().getSimpleExtentDims(dims);
  CHECK(dims[0] == 0);
  file.openDataSet("/nothing yet/groups").getSpace().getSimpleExtentDims(dims);
  CHECK(dims[0] == 0);
  CHECK(read_text_list(file.openGroup("/nothing yet"), "call_types").empty());
}

TEST_CASE("results store: reading a missing, foreign or newer file throws", "[results_store]") {
  TempDir dir;
  CHECK(what_of([&] { read_results_file(dir.file("none.h5")); }) ==
        "cannot read results file '" + dir.file("none.h5") + "': no such file");
  std::ofstream(dir.file("text.h5")) << "name: bank\n";
  CHECK(what_of([&] { read_results_file(dir.file("text.h5")); }) ==
        "cannot read results file '" + dir.file("text.h5") + "': it is not an HDF5 file");
  write_results_file(dir.file("r.h5"), make_file());
  for (const int other : {1, 5}) {
    set_format_version(dir.file("r.h5"), other);
    CHECK(what_of([&] { read_results_file(dir.file("r.h5")); }) ==
          "cannot read results file '" + dir.file("r.h5") + "': its format_version is " + std::to_string(other) +
              "; this callsim reads versions 2 to 4");
  }
  // A format 4 file labelled 3: its groups under '/' are not all runs.
  set_format_version(dir.file("r.h5"), 3);
  CHECK(what_of([&] { read_results_file(dir.file("r.h5")); }) ==
        "cannot read results file '" + dir.file("r.h5") + "': '/input_files' has no attribute 'interval_seconds'");
  set_format_version(dir.file("r.h5"), 4);
  {
    const H5::H5File file(dir.file("r.h5"), H5F_ACC_RDWR);
    file.unlink("/after hiring/summary");
  }
  CHECK(what_of([&] { read_results_file(dir.file("r.h5")); }) ==
        "cannot read results file '" + dir.file("r.h5") + "': '/after hiring/summary' is missing");

  // HDF5's own failure: the message carries the innermost reason, and HDF5's error
  // printing is as the caller left it.
  H5E_auto2_t before = nullptr;
  void* before_data = nullptr;
  H5Eget_auto2(H5E_DEFAULT, &before, &before_data);
  fs::resize_file(dir.file("r.h5"), 3000);
  const std::string truncated = what_of([&] { read_results_file(dir.file("r.h5")); });
  CHECK(truncated.rfind("cannot read results file '" + dir.file("r.h5") + "': HDF5 error in ", 0) == 0);
  CHECK(truncated.find("truncated file") != std::string::npos);
  H5E_auto2_t after = nullptr;
  void* after_data = nullptr;
  H5Eget_auto2(H5E_DEFAULT, &after, &after_data);
  CHECK(after == before);
  CHECK(after_data == before_data);
}

TEST_CASE("results store: the Python example reader prints summary and per-interval and per-type figures",
          "[results_store]") {
  if (!command_succeeds("/usr/bin/python3 -c 'import h5py, numpy' >/dev/null 2>&1")) {
    WARN("/usr/bin/python3 cannot import h5py and numpy (Debian: python3-h5py python3-numpy): skipping");
    return;
  }
  TempDir dir;
  const ResultsFile f = make_file();
  write_results_file(dir.file("r.h5"), f);
  const std::string script = kSourceDir + "/docs/read_results.py";
  REQUIRE(fs::exists(script));
  const std::string out = dir.file("out.txt");
  REQUIRE(command_succeeds("/usr/bin/python3 '" + script + "' '" + dir.file("r.h5") + "' >'" + out + "' 2>&1"));
  const std::string text = read_text(out);
  INFO(text);
  CHECK(text.find("seed 20240607") != std::string::npos);
  CHECK(text.find("run 'base'") < text.find("run 'after hiring'"));  // write order
  CHECK(text.find("run 'after hiring': 3 replications, 4 intervals of 1800 s from 0.5 s") != std::string::npos);
  for (const auto& run : f.runs) {
    for (const auto& s : run.summary) {
      CHECK(text.find(s.kpi) != std::string::npos);
      CHECK(text.find(fixed(s.mean, "%.6f")) != std::string::npos);
      CHECK(text.find(fixed(s.ci95, "%.6f")) != std::string::npos);
    }
    // Expected per-interval lines: mean of the defined replication values, and the
    // service level pooled over the replications' raw tallies.
    for (std::size_t i = 0; i < 4; ++i) {
      double sum = 0, within = 0, denominator = 0;
      int n = 0;
      for (const auto& rep : run.replications) {
        const KpiTally& t = rep.intervals[i];
        const double sl = compute_kpis(t)[3];
        if (!std::isnan(sl)) sum += sl, ++n;
        within += static_cast<double>(t.answered_within);
        denominator += static_cast<double>(t.answered + t.abandoned - t.abandoned_within);
      }
      char line[160];
      std::snprintf(line, sizeof line, "%9zu %10.1f %12.6f %3d %12.6f", i,
                    run.warmup_seconds + static_cast<double>(i) * run.interval_seconds, n > 0 ? sum / n : kNaN, n,
                    denominator > 0 ? within / denominator : kNaN);
      INFO("expected line: " << line);
      CHECK(text.find(line) != std::string::npos);
    }
    // Per call type: each replication's whole-period service level (its type tallies
    // summed over the intervals), averaged over the replications where it is defined.
    for (std::size_t k = 0; k < run.call_types.size(); ++k) {
      double sum = 0;
      int n = 0;
      for (const auto& rep : run.replications) {
        KpiTally whole;
        for (std::size_t i = 0; i < 4; ++i) whole += rep.interval_types[i * run.call_types.size() + k];
        const double sl = compute_kpis(whole)[3];
        if (!std::isnan(sl)) sum += sl, ++n;
      }
      char line[160];
      std::snprintf(line, sizeof line, "%12.6f %3d  %s\n", n > 0 ? sum / n : kNaN, n, run.call_types[k].c_str());
      INFO("expected line: " << line);
      CHECK(text.find(line) != std::string::npos);
    }
    for (std::size_t g = 0; g < run.agent_groups.size(); ++g) {
      double occupancy = 0, aht = 0;
      int n_occupancy = 0, n_aht = 0;
      for (const auto& rep : run.replications) {
        const GroupTally& t = rep.groups[g];
        if (t.staffed_time > 0) occupancy += t.busy_time / t.staffed_time, ++n_occupancy;
        if (t.handled > 0) aht += t.handle_time / static_cast<double>(t.handled), ++n_aht;
      }
      char line[200];
      std::snprintf(line, sizeof line, "%12.6f %3d %12.6f %3d  %s\n", n_occupancy > 0 ? occupancy / n_occupancy : kNaN,
                    n_occupancy, n_aht > 0 ? aht / n_aht : kNaN, n_aht, run.agent_groups[g].c_str());
      INFO("expected line: " << line);
      CHECK(text.find(line) != std::string::npos);
    }
  }
  CHECK(text.find("service level per call type") != std::string::npos);
  CHECK(text.find("per agent group") != std::string::npos);
}

TEST_CASE("results store: the Python example reader prints the comparison", "[results_store][comparison]") {
  if (!command_succeeds("/usr/bin/python3 -c 'import h5py, numpy' >/dev/null 2>&1")) {
    WARN("/usr/bin/python3 cannot import h5py and numpy (Debian: python3-h5py python3-numpy): skipping");
    return;
  }
  TempDir dir;
  ResultsFile f = make_file();
  f.comparison = make_comparison();
  write_results_file(dir.file("r.h5"), f);
  const std::string out = dir.file("out.txt");
  REQUIRE(command_succeeds("/usr/bin/python3 '" + kSourceDir + "/docs/read_results.py' '" + dir.file("r.h5") + "' >'" +
                           out + "' 2>&1"));
  const std::string text = read_text(out);
  INFO(text);
  CHECK(text.find("run 'comparison'") == std::string::npos);
  CHECK(text.find("comparison against the baseline 'base'") != std::string::npos);
  CHECK(text.find("variant 'after hiring'") < text.find("variant 'base'"));
  for (const auto& v : f.comparison->variants) {
    for (const PairedDifference& d : v.day) {
      char line[200];
      std::snprintf(line, sizeof line, "%-32s %-9s %14.6f %14.6f %4llu%s\n", d.kpi.c_str(), hdf5_unit(d.kpi).c_str(),
                    d.mean, d.ci95, static_cast<unsigned long long>(d.n), d.significant ? " *" : "");
      INFO("expected line: " << line);
      CHECK(text.find(line) != std::string::npos);
    }
  }
  // service_level is KPI 3: significant where (3 + i) % 3 == 0, i.e. intervals 0 and 3.
  CHECK(text.find("service level differs significantly in intervals: [0, 3]") != std::string::npos);
}

TEST_CASE("results store: format 3 files written before talk and handle times read them as unknown",
          "[results_store]") {
  TempDir dir;
  const std::string fixture = std::string(CALLSIM_SOURCE_DIR) + "/tests/data/format3-run.h5";
  std::filesystem::copy_file(fixture, dir.file("r.h5"));
  const ResultsFile written = read_results_file(fixture);
  namespace h5 = callsim::store::hdf5;
  {
    // Rewrite the tally datasets without the two fields appended last, as the first
    // version 3 writer made them: the rows' leading bytes are unchanged.
    const H5::H5File file(dir.file("r.h5"), H5F_ACC_RDWR);
    const H5::Group run = file.openGroup("multiskill-small");
    const std::pair<const char*, h5::RowLayout> tables[] = {{"replications", h5::replications_layout(3)},
                                                            {"intervals", h5::intervals_layout(3)},
                                                            {"interval_types", h5::interval_types_layout(3, 1)}};
    for (const auto& [name, full] : tables) {
      h5::RowLayout old;
      for (const auto& f : full.fields())
        if (!f.optional) old.add(f.name, f.kind);
      const h5::Table rows = h5::read_table(run, "/multiskill-small", name, full,
                                            static_cast<int>(run.openDataSet(name).getSpace().getSimpleExtentNdims()));
      h5::Table shorter(rows.dims, old);
      for (std::size_t r = 0; r < rows.count(); ++r)
        std::copy_n(rows.rows.data() + r * full.size(), old.size(), shorter.rows.data() + r * old.size());
      run.unlink(name);
      h5::write_table(run, name, old, shorter);
    }
  }
  const ResultsFile read = read_results_file(dir.file("r.h5"));
  REQUIRE(read.format_version == 3);
  CHECK(std::isnan(read.runs[0].replications[0].total.talk_time));
  CHECK(std::isnan(read.runs[0].replications[0].intervals[1].handle_time));
  CHECK(std::isnan(read.runs[0].replications[0].interval_types[0].talk_time));
  CHECK(read.runs[0].replications[0].total.offered == written.runs[0].replications[0].total.offered);
  CHECK(written.runs[0].replications[0].total.talk_time > 0);
}
