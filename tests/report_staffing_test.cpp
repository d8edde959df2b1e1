// Required staffing (report/staffing.hpp) against the exact Erlang figures it inverts.
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/erlang.hpp"
#include "report/staffing.hpp"

using namespace callsim;

TEST_CASE("staffing: required agents are the fewest that reach the target", "[report][staffing]") {
  const double rate = 1000.0 / 3600;  // 1000 calls/h, 180 s: 50 Erlangs
  // Erlang C, 80/20: 55 agents give 77.94 % (README), 56 the first above 80 %.
  CHECK(report::required_agents(rate, 180, std::nullopt, 20, 0.8) == 56);
  CHECK(analysis::erlang({rate, 180, 55, std::nullopt, 20}).service_level < 0.8);
  CHECK(analysis::erlang({rate, 180, 56, std::nullopt, 20}).service_level >= 0.8);
  // Erlang A with 300 s patience: 55 agents give 90.29 %; impatience lowers the need.
  const double a = report::required_agents(rate, 180, 300.0, 20, 0.9);
  CHECK(a <= 55);
  CHECK(analysis::erlang({rate, 180, static_cast<int>(a), 300.0, 20}).service_level >= 0.9);
  CHECK(analysis::erlang({rate, 180, static_cast<int>(a) - 1, 300.0, 20}).service_level < 0.9);
  CHECK(report::required_agents(0, 180, std::nullopt, 20, 0.8) == 0);
  CHECK(std::isnan(report::required_agents(rate, std::nan(""), std::nullopt, 20, 0.8)));  // no AHT known
  // 100 % is reached by no finite staffing (far above the load it only rounds to 100 %).
  CHECK(std::isnan(report::required_agents(rate, 180, std::nullopt, 20, 1)));
  CHECK(std::isnan(report::required_agents(rate, 180, 300.0, 20, 1)));
}

TEST_CASE("staffing: present from staffed time, required with shrinkage", "[report][staffing]") {
  analysis::RunResult run;
  run.interval_seconds = 1800;
  run.service_level_threshold = 20;
  run.call_types = {"general"};
  analysis::ReplicationResult r;
  analysis::KpiTally t;
  t.offered = 500;  // 1000 calls/h over the half hour
  t.answered = 500;
  t.handle_time = 500 * 180.0;
  t.staffed_time = 55 * 1800.0;
  r.intervals = {t};
  r.interval_types = {t};
  run.replications = {r, r};
  // Without the scenario: the simulated AHT (180 s) and Erlang C.
  const auto plain = report::staffing(run, nullptr, 0.8, 0);
  REQUIRE(plain.present.size() == 1);
  CHECK(plain.present[0].mean == 55);
  CHECK(plain.load[0] == Approx(50));
  CHECK(plain.required[0] == 56);
  // 30 % shrinkage: 56 / 0.7 = 80 agents to schedule.
  CHECK(report::staffing(run, nullptr, 0.8, 0.3).required[0] == 80);
}

TEST_CASE("staffing verdicts follow the simulated service level, not the Erlang figure alone", "[report][staffing]") {
  using callsim::report::staffing_verdict;
  using V = callsim::report::StaffingVerdict;
  // Below Erlang's pooled requirement but meeting 80 % in simulation: not under-staffed.
  CHECK(staffing_verdict(9, 10, 0.83, 0.8) == V::ON_TARGET);
  // At or above the requirement but missing in simulation (backlog, skills): under-staffed.
  CHECK(staffing_verdict(10, 10, 0.74, 0.8) == V::UNDER);
  CHECK(staffing_verdict(15, 10, 0.70, 0.8) == V::UNDER);
  // Meeting with more than 15 % + 1 agent above the requirement: over-staffed; at the edge: not.
  CHECK(staffing_verdict(12.6, 10, 0.95, 0.8) == V::OVER);
  CHECK(staffing_verdict(12.5, 10, 0.95, 0.8) == V::ON_TARGET);
  // No call (no service level) or no requirement known: never under-staffed.
  CHECK(staffing_verdict(3, 0, std::nan(""), 0.8) == V::OVER);
  CHECK(staffing_verdict(0, 0, std::nan(""), 0.8) == V::ON_TARGET);
  CHECK(staffing_verdict(5, std::nan(""), 0.9, 0.8) == V::ON_TARGET);
}
