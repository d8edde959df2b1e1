// Trunk lines shared by every call type (issue 14, item 2), against exact queueing theory:
// with as many lines as agents the center is M/M/c/c (Erlang B); with more lines than
// agents and no abandonment it is M/M/c/N, whose stationary distribution is known in
// closed form; an IVR that holds the lines makes M/G/N/N of the IVR time (Erlang B is
// insensitive to its distribution); after-call work does not hold a line, so with many
// agents the lines see the talk time only. Tolerances are the simulation's own 99% CIs
// (Student-t over 20 replications, one fixed seed), each with a bound on its half-width
// small enough that holding the lines a different way would fail it.

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "analysis/erlang.hpp"
#include "analysis/erlang_reference.hpp"
#include "analysis/kpi.hpp"
#include "replication_estimate.hpp"
#include "run/experiment.hpp"
#include "scenarios/loader.hpp"

using callsim::analysis::KpiTally;
using callsim::scenarios::load_scenario_text;
using callsim::scenarios::ScenarioError;

namespace {

callsim::analysis::RunResult simulate(const std::string& text, std::size_t threads = 2) {
  return test_estimates::simulate(text, 1, threads);
}

using test_estimates::check_near;
using test_estimates::estimate;

// Calls refused with a busy signal, of all that arrived (blocked ones are not offered).
double blocking(const KpiTally& t) {
  return static_cast<double>(t.blocked) / static_cast<double>(t.offered + t.blocked);
}

using test_estimates::one_type_center;
std::string center(double rate_per_hour, int agents, const std::string& top, const std::string& type_extra = "") {
  return one_type_center(rate_per_hour, agents, top, type_extra);
}

}  // namespace

TEST_CASE("trunk lines: as many lines as agents is Erlang B", "[trunks][simulation][erlang]") {
  // 8 Erlangs on 10 agents and 10 lines: nobody can wait, M/M/10/10.
  const auto run = simulate(center(160, 10, "trunk_lines: 10\n"));
  const double exact = callsim::analysis::erlang_b(8, 10);
  check_near(estimate(run, blocking), exact, 0.004, "blocking");
  for (const auto& r : run.replications) REQUIRE(r.total.waited == 0);
}

TEST_CASE("trunk lines: more lines than agents is M/M/c/N", "[trunks][simulation][erlang]") {
  // 9 Erlangs, 10 agents, 14 lines, callers never abandon: p_n = p_0 a^n/n! for n <= c and
  // p_0 a^c/c! (a/c)^(n-c) above; an arrival finding N calls is blocked (PASTA).
  const int c = 10, n_lines = 14;
  const double a = 9, lambda = 180.0 / 3600;
  std::vector<double> p(n_lines + 1);
  p[0] = 1;
  for (int n = 1; n <= n_lines; ++n) p[n] = p[n - 1] * a / std::min(n, c);
  double total = 0;
  for (double v : p) total += v;
  for (double& v : p) v /= total;
  double queue_length = 0;
  for (int n = c + 1; n <= n_lines; ++n) queue_length += (n - c) * p[n];
  const double admitted = lambda * (1 - p[n_lines]);
  double waits = 0;  // P(an admitted call waits) = P(c <= n < N) / (1 - p_N)
  for (int n = c; n < n_lines; ++n) waits += p[n];

  const auto run = simulate(center(180, c, "trunk_lines: 14\n"));
  check_near(estimate(run, blocking), p[n_lines], 0.006, "blocking");
  check_near(estimate(run, [](const KpiTally& t) { return t.wait_answered / static_cast<double>(t.answered); }),
             queue_length / admitted, 1.5, "ASA (Little's law on the queue)");
  check_near(estimate(run, [](const KpiTally& t) { return static_cast<double>(t.waited) / t.offered; }),
             waits / (1 - p[n_lines]), 0.01, "probability of waiting");
  // The same seed gives the same numbers on one thread.
  const auto one = simulate(center(180, c, "trunk_lines: 14\n"), 1);
  for (std::size_t r = 0; r < run.replications.size(); ++r) {
    CHECK(run.replications[r].total.blocked == one.replications[r].total.blocked);
    CHECK(run.replications[r].total.wait_answered == one.replications[r].total.wait_answered);
  }
}

TEST_CASE("trunk lines: the IVR holds a line", "[trunks][simulation][erlang][ivr]") {
  // Every caller is served by the IVR in a uniform 1-3 min (mean 2 min) at 300/h: 10
  // Erlangs on 12 lines, M/G/12/12, whose blocking is Erlang B (insensitivity).
  const std::string text =
      "name: lines\n"
      "time: {warmup: 2h, duration: 200h}\n"
      "trunk_lines: 12\n"
      "call_types:\n"
      // A type needs calls from somewhere: one call in 10,000 h of its own, which the lines never notice.
      "  - {name: general, arrivals: {rate: 0.0001/h}, service: {distribution: exponential, mean: 180s}}\n"
      "agent_groups:\n"
      "  - {name: agents, skills: [general], count: 1}\n"
      "ivr:\n"
      "  arrivals: {rate: 300/h}\n"
      "  nodes:\n"
      "    - name: menu\n"
      "      duration: {distribution: uniform, min: 1min, max: 3min}\n"
      "      branches: {self_served: 1}\n";
  const auto run = simulate(text);
  const auto ivr_blocking = [](const KpiTally& t) {
    return static_cast<double>(t.blocked) / static_cast<double>(t.blocked + t.ivr_self_served);
  };
  check_near(estimate(run, ivr_blocking), callsim::analysis::erlang_b(10, 12), 0.004, "blocking");
}

TEST_CASE("trunk lines: after-call work does not hold a line", "[trunks][simulation][erlang]") {
  // 60 agents never all busy (8 Erlangs of talk + 4 of after-call work), 10 lines: the lines
  // carry the talk only, M/M/10/10 of 8 Erlangs. Held through the after-call work they
  // would be Erlang B of 12 Erlangs (0.30 against 0.12).
  const auto run =
      simulate(center(160, 60, "trunk_lines: 10\n", "    wrap_up: {distribution: exponential, mean: 90s}\n"));
  check_near(estimate(run, blocking), callsim::analysis::erlang_b(8, 10), 0.004, "blocking");
}

TEST_CASE("trunk lines: lines that never run out change nothing", "[trunks][simulation]") {
  const std::string type =
      "    patience: {distribution: exponential, mean: 300s}\n"
      "    wrap_up: {distribution: exponential, mean: 30s}\n";
  const auto unlimited = simulate(center(1000, 55, "", type));
  const auto lines = simulate(center(1000, 55, "trunk_lines: 100000\n", type));
  for (std::size_t r = 0; r < unlimited.replications.size(); ++r) {
    const auto& a = unlimited.replications[r].total;
    const auto& b = lines.replications[r].total;
    CHECK(a.offered == b.offered);
    CHECK(a.answered == b.answered);
    CHECK(a.abandoned == b.abandoned);
    CHECK(a.wait_all == b.wait_all);
    CHECK(a.busy_time == b.busy_time);
    CHECK(b.blocked == 0);
  }
}

TEST_CASE("trunk lines: the loader reads and checks trunk_lines", "[trunks][scenario]") {
  const auto spec = load_scenario_text(center(60, 5, "trunk_lines: 12\n"), "center.yaml").spec;
  CHECK(spec.trunk_lines == 12);
  CHECK(load_scenario_text(center(60, 5, ""), "center.yaml").spec.trunk_lines < 0);
  // No textbook figure for a center with a limit of lines.
  CHECK(!callsim::analysis::erlang_reference(spec).has_value());
  const auto error_of = [](const std::string& value) {
    try {
      load_scenario_text(center(60, 5, "trunk_lines: " + value + "\n"), "center.yaml");
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  CHECK_THAT(error_of("0"), Catch::Contains("center.yaml:3") && Catch::Contains("trunk_lines"));
  CHECK_THAT(error_of("12.5"), Catch::Contains("center.yaml:3") && Catch::Contains("such as 120"));
  CHECK_THAT(error_of("[12]"), Catch::Contains("center.yaml:3"));
}
