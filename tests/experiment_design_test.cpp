// run::Experiment, the library entry to running scenarios: results in memory, the same as
// the primitives it is built on, and the inputs it records for reports (run_inputs,
// sources) filled from the scenario as applied.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "run/experiment.hpp"
#include "run/experiment_design.hpp"
#include "run/forecast.hpp"
#include "scenarios/loader.hpp"

#ifndef CALLSIM_SOURCE_DIR
#define CALLSIM_SOURCE_DIR "."
#endif

using namespace callsim;

namespace {

std::string library(const std::string& name) { return std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/" + name; }

// Two call types on a two-hour day in half hours, with prices.
const std::string kCenter = R"(name: small
time:
  start: 08:00
  duration: 2h
  interval: 30min
call_types:
  - name: retail
    arrivals: {rate: 120/h}
    service: {distribution: exponential, mean: 4min}
    patience: {distribution: exponential, mean: 5min}
  - name: business
    arrivals: {rate: 60/h}
    service: {distribution: exponential, mean: 6min}
agent_groups:
  - name: generalists
    skills: [retail, business]
    count: 14
costs:
  currency: EUR
  agent_hour: {generalists: 30}
  sla: {target: 0.8, per: day, penalty: 500}
)";

run::ExperimentSettings settings(std::uint64_t replications, unsigned threads = 1) {
  run::ExperimentSettings s;
  s.seed = 7;
  s.replications = replications;
  s.threads = threads;
  return s;
}

double summary_mean(const analysis::RunResult& run, const std::string& kpi) {
  for (const auto& s : run.summary)
    if (s.kpi == kpi) return s.mean;
  return std::nan("");
}

}  // namespace

TEST_CASE("experiment: one scenario gives the run of run_in_process, for any thread count", "[experiment]") {
  const auto loaded = scenarios::load_scenario_text(kCenter, "small.yaml");
  const run::ExperimentResult one = run::Experiment(loaded).run(settings(4, 1));
  const run::ExperimentResult two = run::Experiment(loaded).run(settings(4, 2));
  run::ExperimentOptions options;
  options.seed = 7;
  options.replications = 4;
  const analysis::RunResult direct = run::run_in_process(loaded.spec, options);
  REQUIRE(one.runs.size() == 1);
  CHECK_FALSE(one.comparison);
  CHECK(one.runs[0].name == "small");
  CHECK(one.runs[0].replications.size() == 4);
  std::uint64_t calls = 0;
  for (std::size_t r = 0; r < 4; ++r) {
    CHECK(one.runs[0].replications[r].calls_simulated == direct.replications[r].calls_simulated);
    CHECK(two.runs[0].replications[r].calls_simulated == direct.replications[r].calls_simulated);
    calls += direct.replications[r].calls_simulated;
  }
  CHECK(one.calls_simulated == calls);
  CHECK(summary_mean(one.runs[0], "service_level") == summary_mean(direct, "service_level"));
  CHECK(summary_mean(two.runs[0], "asa") == summary_mean(direct, "asa"));
}

TEST_CASE("experiment: run_inputs hold the forecast, clock, handle and patience means and costs", "[experiment]") {
  const auto loaded = scenarios::load_scenario_text(kCenter, "small.yaml", {"call_types.retail.arrivals.scale=2"});
  const run::ExperimentResult result = run::Experiment(loaded).run(settings(1));
  REQUIRE(result.run_inputs.size() == 1);
  const run::RunInputs& in = result.run_inputs[0];
  CHECK(in.source == 0);
  CHECK(in.overrides == std::vector<std::string>{"call_types.retail.arrivals.scale=2"});
  CHECK(in.clock_start == 8 * 3600);
  // 4 intervals x 2 call types: retail 120/h scaled by 2 -> 120 per half hour, business 30.
  REQUIRE(in.forecast.size() == 8);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(in.forecast[i * 2] == Approx(120));
    CHECK(in.forecast[i * 2 + 1] == Approx(30));
  }
  CHECK(in.ivr_forecast.empty());
  REQUIRE(in.handle_mean.size() == 2);
  CHECK(in.handle_mean[0] == Approx(240));
  CHECK(in.handle_mean[1] == Approx(360));
  CHECK(in.patience_mean[0] == Approx(300));
  CHECK(std::isnan(in.patience_mean[1]));  // business callers never abandon
  REQUIRE(in.costs);
  CHECK(in.costs->currency == "EUR");
  REQUIRE(in.costs->sla);
  CHECK(in.costs->sla->target == 0.8);
  // The applied text is the scenario after the override: loading it alone gives the same spec.
  const auto again = scenarios::load_scenario_text(in.applied_text, "small.yaml");
  CHECK(run::forecast_by_type(again.spec) == in.forecast);
  // The source holds the scenario's text as given, not as applied.
  REQUIRE(result.sources.size() == 1);
  REQUIRE_FALSE(result.sources[0].inputs.empty());
  CHECK(result.sources[0].inputs[0].role == "scenario");
  CHECK(result.sources[0].inputs[0].bytes == kCenter);
  CHECK(result.provenance.text == kCenter);
}

TEST_CASE("experiment: the forecast per interval is the scenario's times the --set scale (bank-weekday)",
          "[experiment]") {
  const auto plain = scenarios::load_scenario(library("bank-weekday.yaml"));
  const auto scaled = scenarios::load_scenario(library("bank-weekday.yaml"), {"call_types.retail.arrivals.scale=2"});
  const run::ExperimentResult result = run::Experiment(scaled).run(settings(1));
  const std::vector<double> unscaled = run::forecast_by_type(plain.spec);
  const std::vector<double>& recorded = result.run_inputs[0].forecast;
  const std::size_t types = plain.spec.call_types.size();
  REQUIRE(types == 6);
  REQUIRE(recorded.size() == unscaled.size());
  REQUIRE(recorded.size() == 34 * types);  // 07:00 to midnight in half hours
  for (std::size_t i = 0; i < recorded.size(); ++i) {
    const bool retail = i % types == 0;
    CHECK(recorded[i] == Approx(unscaled[i] * (retail ? 2 : 1)));
  }
  CHECK(unscaled[6 * types] > 0);
  // The applied text, loaded beside the scenario, is the scenario as simulated.
  const auto applied = scenarios::load_scenario_text(result.run_inputs[0].applied_text, scaled.path);
  CHECK(run::forecast_by_type(applied.spec) == recorded);
  CHECK(result.run_inputs[0].applied_text.find("scale: 2") != std::string::npos);
  // Every file the scenario read, byte for byte: the scenario, then its CSV files.
  const auto& inputs = result.sources[0].inputs;
  REQUIRE(inputs.size() == scaled.inputs.size());
  CHECK(inputs[0].role == "scenario");
  bool forecast_csv = false;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    CHECK(inputs[i].bytes == scaled.inputs[i].bytes);
    CHECK(inputs[i].path == scaled.inputs[i].path);
    forecast_csv = forecast_csv || inputs[i].role == "forecast";
  }
  CHECK(forecast_csv);
}

TEST_CASE("experiment: what-if variants on common random numbers, each with its own overrides", "[experiment]") {
  const auto base = scenarios::load_scenario_text(kCenter, "small.yaml");
  const auto variants =
      run::what_if_variants(base, {"agent_groups.generalists.count=16;call_types.business.arrivals.scale=1.5"});
  REQUIRE(variants.size() == 2);
  CHECK(variants[1].name == "agent_groups.generalists.count=16;call_types.business.arrivals.scale=1.5");
  const run::ExperimentResult result = run::Experiment(variants).run(settings(3));
  REQUIRE(result.runs.size() == 2);
  REQUIRE(result.comparison);
  CHECK(result.comparison->baseline == "small");
  CHECK(result.sources.size() == 1);  // one scenario file
  REQUIRE(result.run_inputs.size() == 2);
  CHECK(result.run_inputs[0].overrides.empty());
  CHECK(result.run_inputs[1].overrides ==
        std::vector<std::string>{"agent_groups.generalists.count=16", "call_types.business.arrivals.scale=1.5"});
  CHECK(result.run_inputs[1].forecast[1] == Approx(45));  // business 30 per half hour x 1.5
  CHECK(result.run_inputs[0].forecast[1] == Approx(30));
  // The variant simulated its own scenario: half as many business calls again.
  CHECK(summary_mean(result.runs[1], "offered") > summary_mean(result.runs[0], "offered"));
}

TEST_CASE("experiment: a what-if that changes the intervals is refused", "[experiment]") {
  const auto base = scenarios::load_scenario_text(kCenter, "small.yaml");
  CHECK_THROWS_WITH(run::what_if_variants(base, {"time.interval=15min"}),
                    "--what-if 'time.interval=15min' changes the warm-up, duration or interval; the variants of a "
                    "comparison must be simulated over the same intervals");
  CHECK_THROWS_WITH(run::what_if_variants(base, {"a/b=1"}),
                    "--what-if 'a/b=1' contains '/', which a run name in the results file cannot");
}

TEST_CASE("experiment: sequential doubling stops at the target or the maximum", "[experiment]") {
  const auto base = scenarios::load_scenario_text(kCenter, "small.yaml");
  const auto variants = run::what_if_variants(base, {"agent_groups.generalists.count=15"});
  run::ExperimentSettings s = settings(2);
  std::vector<std::uint64_t> batches;
  s.on_batch_start = [&](std::uint64_t total) { batches.push_back(total); };
  s.sequential = run::SequentialTarget{"service_level", 1e-9, 8};  // unreachable: runs to the maximum
  const run::ExperimentResult result = run::Experiment(variants).run(s);
  REQUIRE(result.sequential);
  CHECK_FALSE(result.sequential->met);
  CHECK(result.sequential->replications == 8);
  CHECK(result.runs[0].replications.size() == 8);
  CHECK(batches == std::vector<std::uint64_t>{4, 4, 8});          // 2, then 2 more, then 4 more, x 2 variants
  s.sequential = run::SequentialTarget{"service_level", 1.0, 8};  // met at once
  const run::ExperimentResult quick = run::Experiment(variants).run(s);
  CHECK(quick.sequential->met);
  CHECK(quick.runs[1].replications.size() == 2);
  CHECK_THROWS_AS(run::Experiment(base).run(s), std::invalid_argument);  // one variant: nothing to bound
}

TEST_CASE("experiment: continuing a run gives the run made at once", "[experiment]") {
  const auto loaded = scenarios::load_scenario_text(kCenter, "small.yaml");
  const run::ExperimentResult whole = run::Experiment(loaded).run(settings(5));
  const run::ExperimentResult first = run::Experiment(loaded).run(settings(2));
  run::Experiment rest(loaded);
  rest.continue_from(first.runs[0]);
  const run::ExperimentResult continued = rest.run(settings(5));
  REQUIRE(continued.runs[0].replications.size() == 5);
  std::uint64_t new_calls = 0;
  for (std::size_t r = 0; r < 5; ++r) {
    CHECK(continued.runs[0].replications[r].calls_simulated == whole.runs[0].replications[r].calls_simulated);
    if (r >= 2) new_calls += whole.runs[0].replications[r].calls_simulated;
  }
  CHECK(continued.calls_simulated == new_calls);
  CHECK(summary_mean(continued.runs[0], "service_level") == summary_mean(whole.runs[0], "service_level"));
}

TEST_CASE("experiment: what-if variants take the base scenario's CSV files from memory", "[experiment]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("callsim-what-if-memory-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "bank-weekday");
  fs::copy(library("bank-weekday.yaml"), dir / "b.yaml");
  for (const char* csv : {"forecast.csv", "staffing.csv", "ivr_arrivals.csv", "vru_arrivals.csv"})
    if (fs::exists(library("bank-weekday/") + csv))
      fs::copy(library("bank-weekday/") + csv, dir / "bank-weekday" / csv);
  const auto base = scenarios::load_scenario((dir / "b.yaml").string());
  fs::remove_all(dir);  // the what-if must not need the disk any more
  const auto variants = run::what_if_variants(base, {"call_types.retail.arrivals.scale=2"});
  REQUIRE(variants.size() == 2);
  const auto& scaled = variants[1].scenario;
  CHECK(scaled.overrides == std::vector<std::string>{"call_types.retail.arrivals.scale=2"});
  const std::vector<double> plain = run::forecast_by_type(base.spec), doubled = run::forecast_by_type(scaled.spec);
  REQUIRE(plain.size() == doubled.size());
  CHECK(doubled[6 * 6] == Approx(2 * plain[6 * 6]));      // retail at 10:00
  CHECK(doubled[6 * 6 + 1] == Approx(plain[6 * 6 + 1]));  // english unchanged
  REQUIRE(scaled.inputs.size() == base.inputs.size());
  for (std::size_t i = 0; i < base.inputs.size(); ++i) CHECK(scaled.inputs[i].bytes == base.inputs[i].bytes);

  // Without the disk fallback, a file that was never stored is an error that names it.
  scenarios::StoredInputs only_scenario;
  only_scenario.files.emplace(base.inputs[0].path, base.inputs[0].bytes);
  CHECK_THROWS_WITH(scenarios::load_stored_scenario(base.text, base.path, {}, only_scenario),
                    Catch::Contains("the results file does not hold it"));
}
