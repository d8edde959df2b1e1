// The end-to-end wait of a caller who redials (issue 14, item 7): the KPIs
// service_level_end_to_end and asa_end_to_end count, for an answered call, the waits of
// the caller's earlier abandoned attempts too. Without retrials they are service_level
// and asa exactly; with them the extra wait is positive and cannot exceed what the
// abandoned attempts waited (a conservation bound: no warm-up, so every earlier attempt
// of a counted redial is counted too). A redial by the same caller (same_caller: true)
// keeps the patience that already ran out once, so it abandons clearly more often than a
// fresh caller would; the margin is the simulation's own 99% CI (20 replications, one
// fixed seed).

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "analysis/kpi.hpp"
#include "replication_estimate.hpp"
#include "run/experiment.hpp"
#include "scenarios/loader.hpp"

using callsim::analysis::KpiTally;

namespace {

callsim::analysis::RunResult simulate(const std::string& text) { return test_estimates::simulate(text, 3); }

double kpi(const KpiTally& t, const char* name) { return callsim::analysis::kpi(name).compute(t); }

// One overloaded type (impatient callers) and, for the redials, `redial_type` lines.
std::string center(const std::string& retrial, const std::string& redial_type = "") {
  return "name: redials\n"
         "time: {duration: 100h}\n"
         "call_types:\n"
         "  - name: first\n"
         "    arrivals: {rate: 80/h}\n"
         "    service: {distribution: exponential, mean: 180s}\n"
         "    patience: {distribution: exponential, mean: 90s}\n" +
         retrial + redial_type +
         "agent_groups:\n"
         "  - {name: agents, skills: [first" +
         (redial_type.empty() ? "" : ", redial") + "], count: 5}\n";
}

// The type `k` of replication `r`, summed over the intervals.
KpiTally type_total(const callsim::analysis::RunResult& run, std::size_t r, std::size_t k) {
  const auto& rep = run.replications[r];
  const std::size_t types = run.call_types.size();
  KpiTally sum;
  for (std::size_t i = 0; i * types + k < rep.interval_types.size(); i += 1) sum += rep.interval_types[i * types + k];
  return sum;
}

}  // namespace

TEST_CASE("without retrials the end-to-end KPIs are service_level and asa", "[retrial][end_to_end]") {
  const auto run = simulate(center(""));
  REQUIRE(run.replications.size() == 20);
  for (const auto& rep : run.replications) {
    CHECK(rep.total.retrials == 0);
    REQUIRE(rep.total.answered > 0);
    CHECK(rep.total.answered_within_end_to_end == rep.total.answered_within);
    CHECK(rep.total.wait_answered_end_to_end == rep.total.wait_answered);
    CHECK(kpi(rep.total, "service_level_end_to_end") == kpi(rep.total, "service_level"));
    CHECK(kpi(rep.total, "asa_end_to_end") == kpi(rep.total, "asa"));
    for (const auto& interval : rep.intervals) CHECK(interval.answered_within_end_to_end == interval.answered_within);
  }
}

TEST_CASE("a redial's answer counts the waits of the caller's abandoned attempts", "[retrial][end_to_end]") {
  const auto run = simulate(center("    retrial: {probability: 1, delay: {distribution: exponential, mean: 5min}}\n"));
  for (const auto& rep : run.replications) {
    const KpiTally& t = rep.total;
    REQUIRE(t.retrials > 0);
    const double extra = t.wait_answered_end_to_end - t.wait_answered;
    const double abandoned_waits = t.wait_all - t.wait_answered;
    INFO("extra end-to-end wait " << extra << " s; waits of the abandoned attempts " << abandoned_waits << " s");
    CHECK(extra > 0);
    CHECK(extra <= abandoned_waits * (1 + 1e-12));
    // Every abandoned caller redials until answered: only the chains the end of the day cuts
    // short (a few minutes of 100 h) leave their waits out. Carrying the last attempt's wait
    // only, not all of them, would fall well short of this.
    CHECK(extra >= 0.99 * abandoned_waits);
    CHECK(t.answered_within_end_to_end < t.answered_within);
    CHECK(kpi(t, "service_level_end_to_end") < kpi(t, "service_level"));
    CHECK(kpi(t, "asa_end_to_end") > kpi(t, "asa"));
  }
}

TEST_CASE("a redial by the same caller keeps the patience that ran out", "[retrial][end_to_end]") {
  const std::string redial =
      "  - name: redial\n"
      "    arrivals: {rate: 0.000001/h}\n"  // redials only (a rate must be above 0)
      "    service: {distribution: exponential, mean: 180s}\n"
      "    patience: {distribution: exponential, mean: 90s}\n";
  const auto retrial = [](const char* same) {
    return std::string(
               "    retrial: {probability: 1, delay: {distribution: exponential, mean: 5min}, as: redial, "
               "same_caller: ") +
           same + "}\n";
  };
  const auto fresh = simulate(center(retrial("false"), redial));
  const auto same = simulate(center(retrial("true"), redial));
  REQUIRE(same.call_types == std::vector<std::string>{"first", "redial"});
  // Per replication, the redial type's abandonment rate; then mean and 99% half-width.
  const auto abandonment = [](const callsim::analysis::RunResult& run) {
    std::vector<double> x;
    for (std::size_t r = 0; r < run.replications.size(); ++r) {
      const KpiTally t = type_total(run, r, 1);
      REQUIRE(t.offered > 100);
      CHECK(t.retrials == t.offered);  // every call of the redial type is a redial
      x.push_back(static_cast<double>(t.abandoned) / static_cast<double>(t.offered));
    }
    return test_estimates::estimate(x);
  };
  const auto [fresh_rate, fresh_hw] = abandonment(fresh);
  const auto [same_rate, same_hw] = abandonment(same);
  INFO("redials abandon: fresh callers " << fresh_rate << " +/- " << fresh_hw << ", the same callers " << same_rate
                                         << " +/- " << same_hw);
  CHECK(same_rate - same_hw > fresh_rate + fresh_hw);
  CHECK(same_rate > 1.2 * fresh_rate);
}
