// The simulator against exact queueing theory: the shipped erlang-c.yaml and erlang-a.yaml
// must reproduce Erlang C (M/M/c) and Erlang A (M/M/c+M) within the simulation's own 95%
// confidence interval.
//
// Why this tolerance is honest: the CI half-width comes from the replications themselves
// (Student-t over independent replications), it is not tuned; the seed is fixed so the test
// is deterministic, and it was not chosen to pass (it is the CLI default, 1). To keep the
// check meaningful we also require the half-width to be small (a huge CI would cover
// anything), so a bias of a fraction of a percent of service level fails the test.

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "analysis/erlang.hpp"
#include "run/experiment.hpp"
#include "scenarios/loader.hpp"

namespace {

const callsim::analysis::KpiSummary& kpi(const callsim::analysis::RunResult& run, const std::string& name) {
  for (const auto& s : run.summary) {
    if (s.kpi == name) return s;
  }
  FAIL("no KPI " << name);
  throw;
}

void check_within_ci(const callsim::analysis::RunResult& run, const std::string& name, double exact,
                     double max_half_width) {
  const auto& s = kpi(run, name);
  INFO(name << ": simulated " << s.mean << " +/- " << s.ci95 << " (n=" << s.n << "), exact " << exact);
  REQUIRE(s.n == run.replications.size());
  REQUIRE(s.ci95 < max_half_width);
  REQUIRE(std::abs(s.mean - exact) <= s.ci95);
}

callsim::analysis::RunResult simulate(const std::string& scenario, std::size_t replications) {
  const auto loaded =
      callsim::scenarios::load_scenario(std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/" + scenario);
  callsim::run::ExperimentOptions options;
  options.seed = 1;
  options.replications = replications;
  options.threads = 2;
  return callsim::run::run_in_process(loaded.spec, options);
}

}  // namespace

TEST_CASE("erlang-c.yaml reproduces Erlang C", "[validation][erlang]") {
  const auto run = simulate("erlang-c.yaml", 20);
  callsim::analysis::ErlangInput in;
  in.arrival_rate = 1000.0 / 3600;
  in.mean_service = 180;
  in.agents = 55;
  in.threshold = 20;
  const auto exact = callsim::analysis::erlang(in);
  REQUIRE(exact.stable);
  check_within_ci(run, "service_level", exact.service_level, 0.01);
  check_within_ci(run, "p_wait", exact.p_wait, 0.01);
  check_within_ci(run, "asa", exact.asa, 2.0);
  check_within_ci(run, "occupancy", exact.occupancy, 0.005);
  REQUIRE(kpi(run, "abandon_rate").mean == 0);
}

TEST_CASE("erlang-a.yaml reproduces Erlang A", "[validation][erlang]") {
  const auto run = simulate("erlang-a.yaml", 20);
  callsim::analysis::ErlangInput in;
  in.arrival_rate = 1000.0 / 3600;
  in.mean_service = 180;
  in.agents = 55;
  in.mean_patience = 300;
  in.threshold = 20;
  const auto exact = callsim::analysis::erlang(in);
  check_within_ci(run, "service_level", exact.service_level, 0.01);
  check_within_ci(run, "p_wait", exact.p_wait, 0.01);
  check_within_ci(run, "asa", exact.asa, 1.0);
  check_within_ci(run, "abandon_rate", exact.abandon_rate, 0.002);
  check_within_ci(run, "awt", exact.awt, 1.0);
  check_within_ci(run, "occupancy", exact.occupancy, 0.005);
}
