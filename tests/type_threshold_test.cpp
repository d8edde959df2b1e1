// A service-level threshold per call type (issue 14, item 6): a type's own
// `service_level: {threshold: ...}` is the T its calls are counted against; the others keep
// the center's. Two types served by separate groups are two independent M/M/c queues, so
// each type's share answered within its own T is Erlang C's P(W <= T) exactly; the day's
// tally adds the types' counts, each against its own T. Tolerances are the simulation's
// own 99% CIs (20 replications, one fixed seed).

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

namespace {

const std::string kTwoQueues = R"(name: two
time: {warmup: 2h, duration: 200h}
service_level: {threshold: 20s}
call_types:
  - name: retail
    arrivals: {rate: 80/h}
    service: {distribution: exponential, mean: 180s}
  - name: vip
    arrivals: {rate: 50/h}
    service: {distribution: exponential, mean: 240s}
    service_level: {threshold: 60s}
agent_groups:
  - {name: retail_agents, skills: [retail], count: 5}
  - {name: vip_agents, skills: [vip], count: 4}
)";

// Erlang C's share answered within `threshold` of an M/M/c queue.
double erlang_within(double rate_per_hour, double mean_service, int agents, double threshold) {
  callsim::analysis::ErlangInput in;
  in.arrival_rate = rate_per_hour / 3600;
  in.mean_service = mean_service;
  in.agents = agents;
  in.threshold = threshold;
  return callsim::analysis::erlang(in).service_level_offered;
}

}  // namespace

TEST_CASE("a call type's own service-level threshold, against Erlang C", "[service_level][exact]") {
  const auto loaded = callsim::scenarios::load_scenario_text(kTwoQueues, "center.yaml");
  REQUIRE_FALSE(loaded.spec.call_types[0].service_level_threshold.has_value());
  REQUIRE(callsim::models::service_level_threshold_of(loaded.spec, 0) == callsim::sim::Time(20));
  REQUIRE(callsim::models::service_level_threshold_of(loaded.spec, 1) == callsim::sim::Time(60));
  const auto run = test_estimates::simulate(kTwoQueues, 7);
  REQUIRE(run.replications.size() == 20);
  const std::size_t types = run.call_types.size();
  const double exact[2] = {erlang_within(80, 180, 5, 20), erlang_within(50, 240, 4, 60)};
  // The other type's T would give a clearly different figure: the check can tell them apart.
  CHECK(std::abs(erlang_within(50, 240, 4, 20) - exact[1]) > 0.05);
  for (std::size_t k = 0; k < 2; ++k) {
    std::vector<double> x;
    for (const auto& rep : run.replications) {
      KpiTally t;
      for (std::size_t i = 0; i * types + k < rep.interval_types.size(); ++i) t += rep.interval_types[i * types + k];
      x.push_back(static_cast<double>(t.answered_within) / static_cast<double>(t.offered));
    }
    const auto [mean, half_width] = test_estimates::estimate(x);
    INFO(run.call_types[k] << ": within its T " << mean << " +/- " << half_width << " (99%), Erlang C " << exact[k]);
    CHECK(half_width < 0.025);  // half the 0.05 that tells the two thresholds apart
    CHECK(std::abs(mean - exact[k]) <= half_width);
  }
  for (const auto& rep : run.replications) {
    std::uint64_t within = 0;
    for (const KpiTally& t : rep.interval_types) within += t.answered_within;
    CHECK(rep.total.answered_within == within);
  }
}

TEST_CASE("the Erlang reference of a one-type center uses the type's own threshold", "[service_level]") {
  const std::string text = R"(name: one
time: {duration: 10h}
service_level: {threshold: 20s}
call_types:
  - name: general
    arrivals: {rate: 80/h}
    service: {distribution: exponential, mean: 180s}
    service_level: {threshold: 45s}
agent_groups:
  - {name: agents, skills: [general], count: 5}
)";
  const auto reference =
      callsim::analysis::erlang_reference(callsim::scenarios::load_scenario_text(text, "c.yaml").spec);
  REQUIRE(reference.has_value());
  CHECK(reference->service_level_offered == erlang_within(80, 180, 5, 45));
  CHECK(reference->service_level_offered != erlang_within(80, 180, 5, 20));
  // A maximum queue time makes it M/M/c+D: Erlang's figures are no reference any more.
  std::string limited = text;
  limited.insert(limited.find("agent_groups:"), "    max_queue_time: 2min\n");
  CHECK_FALSE(
      callsim::analysis::erlang_reference(callsim::scenarios::load_scenario_text(limited, "c.yaml").spec).has_value());
}
