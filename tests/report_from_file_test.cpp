// Reports come from the results file alone: forecast, clock labels, costs and required
// staffing are the inputs the run recorded (ResultsFile::run_inputs), never a scenario
// loaded again, so a file moved elsewhere, or made with overrides, draws what it ran.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "app/experiment_file.hpp"
#include "app/resume.hpp"
#include "report/csv_export.hpp"
#include "report/forecast.hpp"
#include "report/html_report.hpp"
#include "report/interval_figures.hpp"
#include "report/run_context.hpp"
#include "report/staffing.hpp"
#include "run/experiment_design.hpp"
#include "run/forecast.hpp"
#include "scenarios/loader.hpp"

#ifndef CALLSIM_SOURCE_DIR
#define CALLSIM_SOURCE_DIR "."
#endif

using namespace callsim;

namespace {

std::string library(const std::string& name) { return std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/" + name; }

/// The results file `callsim run SCENARIO --set ...` writes, in memory, moved away: its
/// scenario path names nothing on this machine.
store::ResultsFile file_of(const scenarios::LoadedScenario& scenario, std::uint64_t replications) {
  run::ExperimentSettings s;
  s.seed = 3;
  s.replications = replications;
  s.threads = 1;
  store::ResultsFile file =
      app::experiment_file(run::Experiment(scenario).run(s), {"callsim run x.yaml", 3, scenario.overrides});
  file.scenario_path = "/nowhere/moved/" + file.scenario_path;
  return file;
}

std::size_t index_of_label(const store::ResultsFile& file, const report::RunContext& context,
                           const std::string& label) {
  for (std::size_t i = 0; i < report::interval_count(file.runs[0]); ++i)
    if (report::interval_label(file.runs[0], context, i) == label) return i;
  FAIL("no interval labelled " << label);
  return 0;
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("report: bank-weekday with retail arrivals x2 draws the scaled forecast at 10:00", "[report][inputs]") {
  const auto plain = scenarios::load_scenario(library("bank-weekday.yaml"));
  const auto scaled = scenarios::load_scenario(library("bank-weekday.yaml"), {"call_types.retail.arrivals.scale=2"});
  const store::ResultsFile file = file_of(scaled, 1);
  const std::vector<report::RunContext> contexts = report::run_contexts(file);
  REQUIRE(contexts.size() == 1);
  REQUIRE(contexts[0].inputs);
  const std::size_t ten = index_of_label(file, contexts[0], "10:00");
  CHECK(ten == 6);
  const report::Forecast line = report::forecast(*contexts[0].inputs);
  // The unscaled forecast of 10:00, per call type, from the scenario as written.
  const std::vector<double> unscaled = run::forecast_by_type(plain.spec);
  const std::size_t types = plain.spec.call_types.size();
  double unscaled_total = 0;
  for (std::size_t k = 0; k < types; ++k) unscaled_total += unscaled[ten * types + k];
  const double retail = unscaled[ten * types + 0];
  REQUIRE(retail > 10);
  // Retail's share counts twice; the dashboard's line is what the simulation drew from.
  CHECK(line.calls[ten] == Approx(unscaled_total + retail));
  CHECK(contexts[0].inputs->forecast[ten * types] == Approx(2 * retail));
  CHECK(line.calls[ten] == Approx(report::forecast(run::run_inputs(scaled, scaled.spec, 0)).calls[ten]));
  CHECK(line.calls[ten] > unscaled_total * 1.2);

  // The page: the forecast line has a point per interval and the overrides are named.
  const std::string html = report::html_report(file, contexts, {});
  CHECK(count_of(html, "class=\"pt forecast\"") == report::interval_count(file.runs[0]));
  CHECK(html.find("Made with the overrides call_types.retail.arrivals.scale=2") != std::string::npos);
  CHECK(html.find("id=\"r0-notes\"") == std::string::npos);
  CHECK(html.find("id=\"r0-costs\"") != std::string::npos);  // bank-weekday's prices came with the file
}

TEST_CASE("report: without recorded inputs the page leaves out forecast and costs and says why", "[report][inputs]") {
  const auto loaded = scenarios::load_scenario(library("bank-weekday.yaml"));
  store::ResultsFile file = file_of(loaded, 1);
  file.run_inputs.clear();  // as read from a file before format 4
  const std::vector<report::RunContext> contexts = report::run_contexts(file);
  CHECK_FALSE(contexts[0].inputs);
  CHECK(contexts[0].problem.find("does not record its scenario's inputs") != std::string::npos);
  const std::string html = report::html_report(file, contexts, {});
  CHECK(count_of(html, "class=\"pt forecast\"") == 0);
  CHECK(html.find("id=\"r0-costs\"") == std::string::npos);
  CHECK(html.find("id=\"r0-notes\"") != std::string::npos);
  CHECK(report::interval_label(file.runs[0], contexts[0], 6) == "+03:00");  // no clock: offsets
}

TEST_CASE("report: required staffing and costs come from the recorded means and prices", "[report][inputs]") {
  const auto loaded = scenarios::load_scenario(library("bank-weekday.yaml"));
  const store::ResultsFile file = file_of(loaded, 2);
  const auto contexts = report::run_contexts(file);
  const report::Staffing from_file = report::staffing(file.runs[0], &*contexts[0].inputs, 0.8, 0);
  const report::Staffing simulated_aht = report::staffing(file.runs[0], nullptr, 0.8, 0);
  CHECK(from_file.method.find("with the scenario's handle and patience times") != std::string::npos);
  CHECK(simulated_aht.method.find("scenario not available") != std::string::npos);
  std::size_t known = 0;
  for (double r : from_file.required) known += std::isnan(r) ? 0 : 1;
  CHECK(known == from_file.required.size());
  const std::string daily = report::daily_csv(file, contexts);
  CHECK(daily.find(",net,EUR,") != std::string::npos);
  CHECK(daily.find(",p_contract_missed,fraction,") != std::string::npos);
}

TEST_CASE("report: inputs of another center are left out with a reason", "[report][inputs]") {
  const auto loaded = scenarios::load_scenario(library("bank-weekday.yaml"));
  const store::ResultsFile file = file_of(loaded, 1);
  run::RunInputs wrong = file.run_inputs[0];
  wrong.handle_mean.pop_back();
  const report::RunContext context = report::run_context(file.runs[0], wrong);
  CHECK_FALSE(context.inputs);
  CHECK(context.problem.find("do not fit its call types") != std::string::npos);
}

TEST_CASE("resume: the scenario comes from the file's stored inputs, not the disk", "[report][inputs]") {
  const auto loaded = scenarios::load_scenario(library("bank-weekday.yaml"), {"call_types.retail.arrivals.scale=2"});
  app::ResumePoint point;
  point.path = "r.h5";
  point.file = file_of(loaded, 1);
  // Every stored path is moved where nothing exists: only memory can serve them.
  for (auto& input : point.file.sources[0].inputs) input.path = "/nowhere/" + input.path;
  const auto again = app::resume_scenario(point, loaded.overrides);
  CHECK(again.text == loaded.text);
  CHECK(again.path == "/nowhere/" + loaded.path);
  CHECK(run::forecast_by_type(again.spec) == run::forecast_by_type(loaded.spec));
  REQUIRE(again.inputs.size() == loaded.inputs.size());
  for (std::size_t i = 0; i < again.inputs.size(); ++i) CHECK(again.inputs[i].bytes == loaded.inputs[i].bytes);
  app::check_resume_scenario(point, again);  // the same scenario: no ResumeError

  // A stored CSV missing from the file is an error naming it, not a read of the disk.
  point.file.sources[0].inputs.pop_back();
  CHECK_THROWS_WITH(app::resume_scenario(point, loaded.overrides),
                    Catch::Contains("the results file does not hold it"));
}
