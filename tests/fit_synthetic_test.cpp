// callsim fit on logs made by callsim itself: a known scenario simulated day by day, its
// per-call records written as a generic CSV log, then fitted. The fit must recover the
// known arrival rates, service and patience distributions (patience through censoring)
// and staffing within their sampling error, and its scenario must reproduce the log.

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_shell.hpp"
#include "fit/csv_log_reader.hpp"
#include "fit/fitted_center.hpp"
#include "run/call_log_csv.hpp"
#include "run/call_records.hpp"
#include "run/experiment.hpp"
#include "scenarios/loader.hpp"

namespace fs = std::filesystem;
using namespace callsim;

namespace {

constexpr std::size_t kDays = 40;

// 08:00-16:00: 120 calls per half hour of 'sales' until noon, then 80; 'service' 40 all day.
// 13 agents until noon, then 9: about 90 % busy, with abandonment.
const char* const kScenario = R"(name: synthetic
time:
  start: 08:00
  warmup: 0s
  duration: 8h
  interval: 30min
call_types:
  - name: sales
    arrivals: {forecast: forecast.csv}
    service: {distribution: lognormal, mean: 150s, cv: 0.9}
    patience: {distribution: PATIENCE}
  - name: service
    arrivals: {forecast: forecast.csv}
    service: {distribution: gamma, mean: 200s, cv: 0.6}
    patience: {distribution: exponential, mean: 400s}
agent_groups:
  - name: agents
    skills: [sales, service]
    staffing: staffing.csv
routing:
  policy: longest_idle_agent
)";

std::string forecast_csv() {
  std::string f = "interval_start,sales,service\n";
  for (int k = 0; k < 16; ++k) {
    char row[64];
    std::snprintf(row, sizeof row, "%02d:%02d,%d,40\n", 8 + k / 2, k % 2 * 30, k < 8 ? 120 : 80);
    f += row;
  }
  return f;
}

std::string staffing_csv() { return "interval_start,agents\n08:00,13\n12:00,9\n16:00,0\n"; }

std::string with_patience(const std::string& patience) {
  std::string s = kScenario;
  s.replace(s.find("PATIENCE"), 8, patience);
  return s;
}

/// The scenario's files in `dir`, and `kDays` simulated days of it as a CSV log: times in
/// seconds, day d's clock from d * 86400.
std::string synthetic_log(const fs::path& dir, const std::string& patience, std::uint64_t seed) {
  std::ofstream(dir / "synthetic.yaml") << with_patience(patience);
  std::ofstream(dir / "forecast.csv") << forecast_csv();
  std::ofstream(dir / "staffing.csv") << staffing_csv();
  const auto scenario = scenarios::load_scenario((dir / "synthetic.yaml").string());
  run::ExperimentOptions options;
  options.seed = seed;
  options.replications = kDays;
  options.threads = 1;
  std::vector<std::vector<run::CallRecord>> days(kDays);
  options.on_calls = [&](std::size_t r, std::vector<run::CallRecord>&& calls) { days[r] = std::move(calls); };
  run::run_in_process(scenario.spec, options);
  return run::call_log_csv(scenario.spec, days);
}

fit::CallLog read_log(const std::string& text) {
  fit::CallLog log;
  fit::read_csv_log(text, "synthetic.csv", log);
  return log;
}

const fit::FittedCallType& type_named(const fit::FittedCenter& c, const std::string& name) {
  for (const auto& t : c.call_types)
    if (t.name == name) return t;
  FAIL("no call type " << name);
  throw;
}

}  // namespace

TEST_CASE("fit recovers arrivals, service, censored patience and staffing from callsim's own calls", "[fit]") {
  const auto dir = testing::temp_dir("fit", "recover");
  const fit::CallLog log = read_log(synthetic_log(dir, "exponential, mean: 300s", 11));
  fit::FitOptions options;
  const fit::FittedCenter c = fit::fit_center(log, options);

  REQUIRE(c.days.kept.size() == kDays);
  CHECK(c.window.start_seconds() == 8 * 3600);
  CHECK(c.window.size() == 16);
  const auto& sales = type_named(c, "sales");
  const auto& service = type_named(c, "service");
  // Arrivals per interval: Poisson counts averaged over 40 days, SE sqrt(lambda / 40).
  for (std::size_t k = 0; k < 16; ++k) {
    INFO("interval " << k);
    const double lambda = k < 8 ? 120 : 80;
    CHECK(std::fabs(sales.arrivals[k] - lambda) < 4 * std::sqrt(lambda / kDays));
    CHECK(std::fabs(service.arrivals[k] - 40) < 4 * std::sqrt(40.0 / kDays));
  }
  // Service: about 3,700 and 1,500 answered calls a day... 20,000+ sales services: SE of the
  // mean = cv * mean / sqrt(n).
  REQUIRE(sales.service);
  const auto& ss = *sales.service;
  CHECK(std::fabs(ss.mean - 150) < 4 * 0.9 * 150 / std::sqrt(static_cast<double>(ss.observations)));
  CHECK(ss.distribution == "lognormal");
  CHECK(std::fabs(ss.lognormal_cv - 0.9) < 0.03);
  REQUIRE(service.service);
  CHECK(service.service->distribution == "gamma");
  CHECK(std::fabs(service.service->gamma_cv - 0.6) < 0.03);
  CHECK(std::fabs(service.service->mean - 200) <
        4 * 0.6 * 200 / std::sqrt(static_cast<double>(service.service->observations)));
  // Patience: censored MLE within 4 SE (mean / sqrt(abandonments)); the naive mean of the
  // abandoners' waits is far below it.
  REQUIRE(sales.patience);
  const auto& sp = *sales.patience;
  CHECK(sp.distribution == "exponential");
  CHECK(std::fabs(sp.exponential.mean - 300) < 4 * 300 / std::sqrt(static_cast<double>(sp.abandonments)));
  CHECK(sp.naive_mean < 0.5 * sp.exponential.mean);
  REQUIRE(service.patience);
  CHECK(std::fabs(service.patience->exponential.mean - 400) <
        4 * 400 / std::sqrt(static_cast<double>(service.patience->abandonments)));
  // One group of generalists, available as staffed: 13 then 9 (the intervals next to the
  // change and the ends, where sessions start at the first call and end at the last, may
  // fall short by a fraction).
  REQUIRE(c.pools.size() == 1);
  const auto& available = c.pools[0].availability.available;
  for (std::size_t k = 1; k < 15; ++k) {
    if (k == 7 || k == 8) continue;
    INFO("interval " << k << ": " << available[k]);
    CHECK(std::fabs(available[k] - (k < 8 ? 13 : 9)) < 0.25);
  }
  // The old proxy (distinct agents seen serving) is no more than the agents on duty, and
  // busy agents are fewer than available ones.
  for (std::size_t k = 0; k < 16; ++k) CHECK(c.pools[0].availability.busy[k] <= available[k] + 1e-9);
}

TEST_CASE("fit recovers a Weibull patience through censoring", "[fit]") {
  const auto dir = testing::temp_dir("fit", "weibull");
  const fit::CallLog log = read_log(synthetic_log(dir, "weibull, shape: 0.6, scale: 250s", 12));
  const fit::FittedCenter c = fit::fit_center(log, fit::FitOptions{});
  const auto& p = *type_named(c, "sales").patience;
  CHECK(p.distribution == "weibull");
  // Thousands of abandonments: the shape is known to a few hundredths, the scale to ~5 %.
  CHECK(std::fabs(p.weibull.shape - 0.6) < 0.05);
  CHECK(std::fabs(p.weibull.scale / 250 - 1) < 0.12);
}

TEST_CASE("callsim fit writes a scenario that reproduces its log in sample", "[fit][cli]") {
  const auto dir = testing::temp_dir("fit", "cli");
  std::ofstream(dir / "log.csv") << synthetic_log(dir, "exponential, mean: 300s", 13);
  const auto r = testing::run_callsim("fit log.csv --format csv --out fitted --name synth -r 40 -j 2", dir);
  INFO(r.err << r.out);
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  for (const char* file :
       {"synth.yaml", "synth/forecast.csv", "synth/staffing.csv", "fit-report.md", "fit-report.json"})
    CHECK(fs::exists(dir / "fitted" / file));
  // A day mix of the 40 days: each day's agents and calls.
  std::size_t day_files = 0;
  for (const auto& entry : fs::directory_iterator(dir / "fitted" / "synth" / "days"))
    day_files += entry.is_regular_file();
  CHECK(day_files == 2 * kDays);
  CHECK(testing::slurp(dir / "fitted" / "synth.yaml").find("day_mix:") != std::string::npos);
  // The scenario runs as is.
  const auto run = testing::run_callsim("run fitted/synth.yaml -r 2 -q -o s.h5", dir);
  CHECK(run.code == 0);
  // In sample, per half hour: service level within 5 points and abandonment within 2.
  const auto json = nlohmann::json::parse(testing::slurp(dir / "fitted" / "fit-report.json"));
  const auto mae_of = [&](const std::string& kpi) {
    for (const auto& k : json.at("in_sample").at("kpis"))
      if (k.at("kpi") == kpi) return k.at("mae").get<double>();
    FAIL("no in-sample KPI " << kpi);
    return 0.0;
  };
  CHECK(mae_of("service_level") < 0.05);
  CHECK(mae_of("abandon_rate") < 0.02);

  // backtest of the fitted scenario against the same log: the same observed day as the
  // fit's in-sample figures (same days, same definitions), and its page.
  const auto bt = testing::run_callsim(
      "backtest fitted/synth.yaml --observed log.csv --format csv -r 10 --json --report bt.html", dir);
  INFO(bt.err);
  REQUIRE(bt.code == 0);
  const auto doc = nlohmann::json::parse(bt.out);
  for (const auto& k : doc.at("kpis")) {
    for (const auto& in : json.at("in_sample").at("kpis")) {
      if (in.at("kpi") != k.at("kpi")) continue;
      INFO(k.at("kpi"));
      CHECK(k.at("day").at("observed").get<double>() == Approx(in.at("day_observed").get<double>()));
    }
    CHECK(k.at("per_interval").size() == 16);
  }
  const std::string page = testing::slurp(dir / "bt.html");
  CHECK(page.find("id=\"bt-service_level\"") != std::string::npos);
  CHECK(page.find("data-kpi=\"abandon_rate\"") != std::string::npos);
}
