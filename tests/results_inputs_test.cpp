// Format 4's self-description: the scenario files byte for byte with their SHA-256, and per
// run the inputs its reports need, written and read back exactly (store/hdf5_run_inputs).

#include "store/results_store.hpp"

#include <catch2/catch.hpp>

#include <H5Cpp.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "analysis/summary.hpp"
#include "store/sha256.hpp"

using namespace callsim;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("callsim-inputs-test-" + std::to_string(::getpid()));
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

analysis::RunResult make_run(const std::string& name) {
  analysis::RunResult run;
  run.name = name;
  run.interval_seconds = 1800;
  run.warmup_seconds = 3600;
  run.call_types = {"retail", "Geschäft"};
  run.agent_groups = {"general", "premium"};
  for (int r = 0; r < 2; ++r) {
    analysis::ReplicationResult rep;
    for (int i = 0; i < 3; ++i) {
      analysis::KpiTally t;
      t.offered = static_cast<std::uint64_t>(10 * r + i + 1);
      t.answered = t.offered - 1;
      t.answered_within = t.answered / 2;
      t.wait_answered = 12.5 * (i + 1);
      t.wait_all = t.wait_answered + 3;
      t.busy_time = 1000.0 + i;
      t.staffed_time = 1800.0 * 2;
      rep.intervals.push_back(t);
      rep.total += t;
      for (int k = 0; k < 2; ++k) rep.interval_types.push_back(t);
    }
    rep.groups = {{3600, 1500, 7, 1400}, {1800, 0, 0, 0}};
    for (int i = 0; i < 3; ++i)
      rep.interval_groups.insert(rep.interval_groups.end(), {{1200, 500, 2, 400}, {600, 0, 0, 0}});
    rep.calls_simulated = 100 + static_cast<std::uint64_t>(r);
    run.replications.push_back(rep);
  }
  run.summary = analysis::summarize(run.replications);
  return run;
}

store::ResultsFile make_file() {
  store::ResultsFile f;
  f.callsim_version = "0.1.0-test";
  f.seed = 3;
  f.scenario_path = "bank.yaml";
  f.scenario_text = "name: bank\n";
  f.runs = {make_run("bank"), make_run("bank+20%")};
  run::ScenarioSource source;
  source.path = "bank.yaml";
  source.inputs = {{"scenario", "bank.yaml", "name: bank\nforecast: f.csv\n", ""},
                   {"forecast", "data/f.csv", std::string("interval,calls\n08:00,12\n\0binary\xff", 30), ""}};
  f.sources = {source};
  for (std::size_t r = 0; r < 2; ++r) {
    run::RunInputs in;
    in.source = 0;
    if (r == 1) in.overrides = {"call_types.retail.arrivals.scale=1.2"};
    in.applied_text = "name: bank\n# applied " + std::to_string(r) + "\n";
    in.clock_start = 8 * 3600;
    in.forecast = {1, 2, 3, 4, 5, 6.5};
    in.ivr_forecast = {7, 8, 9};
    in.handle_mean = {240, 300};
    in.patience_mean = {120, std::numeric_limits<double>::quiet_NaN()};
    if (r == 0) {
      models::CostSpec costs;
      costs.currency = "EUR";
      costs.agent_hour = {30, 45};
      costs.trunk_minute = 0.02;
      costs.revenue_per_call = 1.5;
      costs.sla = models::SlaContract{0.8, models::SlaContract::Per::INTERVAL, 100};
      in.costs = costs;
      in.rostered = {4, 6.5, 3};
      in.roster_cost = 1616.5;
    }
    if (r == 1) in.rostered = {2, 2, 0};  // a roster without costs
    f.run_inputs.push_back(in);
  }
  return f;
}

std::string read_text_field(const H5::H5File& file, const std::string& dataset, const char* field, std::size_t row) {
  const H5::DataSet ds = file.openDataSet(dataset);
  H5::StrType text(H5::PredType::C_S1, 64);
  text.setStrpad(H5T_STR_NULLPAD);
  H5::CompType type(std::size_t{64});
  type.insertMember(field, 0, text);
  std::vector<char> rows(static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints()) * 64);
  ds.read(rows.data(), type);
  const std::string s(rows.data() + row * 64, 64);
  return s.substr(0, s.find('\0'));
}

}  // namespace

TEST_CASE("results inputs: sources and run inputs read back exactly", "[results_store][inputs]") {
  TempDir dir;
  const store::ResultsFile written = make_file();
  store::write_results_file(dir.file("r.h5"), written);
  const store::ResultsFile read = store::read_results_file(dir.file("r.h5"));
  CHECK(read.format_version == 4);
  REQUIRE(read.sources.size() == 1);
  CHECK(read.sources[0].path == "bank.yaml");
  REQUIRE(read.sources[0].inputs.size() == 2);
  for (std::size_t j = 0; j < 2; ++j) {
    const run::StoredInput& w = written.sources[0].inputs[j];
    const run::StoredInput& r = read.sources[0].inputs[j];
    CHECK(r.role == w.role);
    CHECK(r.path == w.path);
    CHECK(r.bytes == w.bytes);  // NUL and 0xff bytes included
    CHECK(r.sha256 == store::sha256_hex(w.bytes));
  }
  REQUIRE(read.run_inputs.size() == 2);
  for (std::size_t n = 0; n < 2; ++n) {
    INFO("run " << n);
    const run::RunInputs& w = written.run_inputs[n];
    const run::RunInputs& r = read.run_inputs[n];
    CHECK(r.source == w.source);
    CHECK(r.overrides == w.overrides);
    CHECK(r.applied_text == w.applied_text);
    CHECK(r.clock_start == w.clock_start);
    CHECK(r.forecast == w.forecast);
    CHECK(r.ivr_forecast == w.ivr_forecast);
    CHECK(r.handle_mean == w.handle_mean);
    REQUIRE(r.patience_mean.size() == 2);
    CHECK(r.patience_mean[0] == 120);
    CHECK(std::isnan(r.patience_mean[1]));
    REQUIRE(r.costs.has_value() == w.costs.has_value());
    CHECK(r.rostered == w.rostered);
    CHECK(r.roster_cost == w.roster_cost);
  }
  CHECK(read.run_inputs[0].roster_cost == 1616.5);
  CHECK_FALSE(read.run_inputs[1].roster_cost.has_value());
  const models::CostSpec& c = *read.run_inputs[0].costs;
  CHECK(c.currency == "EUR");
  CHECK(c.agent_hour == std::vector<double>{30, 45});
  CHECK(c.trunk_minute == 0.02);
  CHECK(c.revenue_per_call == 1.5);
  CHECK(c.revenue_per_hour == 0);
  REQUIRE(c.sla.has_value());
  CHECK(c.sla->target == 0.8);
  CHECK(c.sla->per == models::SlaContract::Per::INTERVAL);
  CHECK(c.sla->penalty == 100);
}

TEST_CASE("results inputs: tables are labelled by name and clock time", "[results_store][inputs]") {
  TempDir dir;
  const store::ResultsFile written = make_file();
  store::write_results_file(dir.file("r.h5"), written);
  const H5::H5File file(dir.file("r.h5"), H5F_ACC_RDONLY);
  // Interval 1 starts 3600 + 1800 s into the simulation, whose clock starts at 08:00.
  CHECK(read_text_field(file, "/bank/intervals", "clock", 1) == "09:30:00");
  CHECK(read_text_field(file, "/bank/interval_types", "call_type", 1) == "Geschäft");
  CHECK(read_text_field(file, "/bank/interval_types", "clock", 2) == "09:30:00");
  CHECK(read_text_field(file, "/bank/groups", "group", 3) == "premium");
  CHECK(read_text_field(file, "/bank/forecast", "call_type", 4) == "retail");
  CHECK(read_text_field(file, "/inputs", "role", 1) == "forecast");
  CHECK(read_text_field(file, "/inputs", "sha256", 1) == store::sha256_hex(written.sources[0].inputs[1].bytes));
  // The per-interval summary: one row per (interval, KPI), each KPI's mean across replications.
  const std::size_t kpis = analysis::kpi_definitions().size();
  CHECK(file.openDataSet("/bank/interval_summary").getSpace().getSimpleExtentNpoints() ==
        static_cast<hssize_t>(3 * kpis));
  CHECK(read_text_field(file, "/bank/interval_summary", "kpi", kpis + 3) == "service_level");
  CHECK(read_text_field(file, "/bank/interval_summary", "clock", kpis + 3) == "09:30:00");
  // Every table is chunked and deflated.
  for (const char* table : {"/bank/replications", "/bank/intervals", "/bank/interval_types", "/bank/groups",
                            "/bank/summary", "/bank/interval_summary", "/bank/forecast", "/inputs"}) {
    INFO(table);
    const H5::DSetCreatPropList plist = file.openDataSet(table).getCreatePlist();
    CHECK(plist.getLayout() == H5D_CHUNKED);
    bool deflated = false;
    for (int n = 0; n < plist.getNfilters(); ++n) {
      unsigned flags = 0;
      size_t elements = 0;
      unsigned values[4];
      char name[32];
      unsigned config = 0;
      if (plist.getFilter(n, flags, elements, values, sizeof name, name, config) == H5Z_FILTER_DEFLATE) deflated = true;
    }
    CHECK(deflated);
  }
}

TEST_CASE("results inputs: bad inputs are refused on writing, altered bytes on reading", "[results_store][inputs]") {
  TempDir dir;
  const std::string path = dir.file("r.h5");
  const std::string prefix = "cannot write results file '" + path + "': ";
  store::ResultsFile bad = make_file();
  bad.run_inputs.pop_back();
  CHECK_THROWS_WITH(store::write_results_file(path, bad), prefix + "there are inputs for 1 runs but 2 runs");
  bad = make_file();
  bad.run_inputs[1].forecast.pop_back();
  CHECK_THROWS_WITH(store::write_results_file(path, bad),
                    prefix + "in run 'bank+20%', the forecast has 5 values, not 0 or 6");
  bad = make_file();
  bad.run_inputs[0].rostered.pop_back();
  CHECK_THROWS_WITH(store::write_results_file(path, bad),
                    prefix + "in run 'bank', the roster has 2 values, not 0 or 3");
  bad = make_file();
  bad.run_inputs[0].source = 1;
  CHECK_THROWS_WITH(store::write_results_file(path, bad), prefix + "in run 'bank', the inputs name source 1 of 1");
  bad = make_file();
  bad.sources[0].inputs[0].sha256 = std::string(64, '0');
  CHECK_THROWS_WITH(store::write_results_file(path, bad), prefix + "the stored input 'bank.yaml' has SHA-256 " +
                                                              store::sha256_hex(bad.sources[0].inputs[0].bytes) +
                                                              ", not the " + std::string(64, '0') +
                                                              " it was given with");
  CHECK_FALSE(fs::exists(path));

  store::write_results_file(path, make_file());
  {
    // One byte of the stored forecast changed: the digest no longer matches.
    const H5::H5File file(path, H5F_ACC_RDWR);
    const H5::DataSet bytes = file.openDataSet("/input_files/1");
    const unsigned char x = 'X';
    const hsize_t one = 1, at = 0;
    H5::DataSpace space = bytes.getSpace();
    space.selectHyperslab(H5S_SELECT_SET, &one, &at);
    bytes.write(&x, H5::PredType::NATIVE_UINT8, H5::DataSpace(1, &one), space);
  }
  CHECK_THROWS_WITH(store::read_results_file(path),
                    "cannot read results file '" + path +
                        "': the stored input 'data/f.csv' (row 1 of '/inputs') does not have the size and SHA-256 "
                        "recorded for it");
}

TEST_CASE("results inputs: a file written without inputs has none", "[results_store][inputs]") {
  TempDir dir;
  store::ResultsFile f = make_file();
  f.sources.clear();
  f.run_inputs.clear();
  store::write_results_file(dir.file("r.h5"), f);
  const store::ResultsFile read = store::read_results_file(dir.file("r.h5"));
  CHECK(read.sources.empty());
  CHECK(read.run_inputs.empty());
  const H5::H5File file(dir.file("r.h5"), H5F_ACC_RDONLY);
  CHECK(read_text_field(file, "/bank/intervals", "clock", 1) == "01:30:00");  // clock start 0
}
