// random_agent and weighted_groups: exact uniformity and proportionality of their draws,
// the pieces they rest on (RandomStream::below, taking an idle agent out of the middle of a
// group's ring), common random numbers across policies, and results that do not depend on
// the thread count.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "models/agent_pool.hpp"
#include "models/call_center.hpp"
#include "models/call_queues.hpp"
#include "models/routing_policies.hpp"
#include "run/experiment.hpp"
#include "scenarios/loader.hpp"
#include "sim/random_stream.hpp"
#include "sim/ring_queue.hpp"
#include "spec_builders.hpp"

using callsim::models::AgentPool;
using callsim::models::CallInfo;
using callsim::models::CallQueues;
using callsim::models::CenterSpec;
using callsim::models::kNoAgent;
using callsim::models::RandomAgent;
using callsim::models::RoutingView;
using callsim::models::WeightedGroups;
using callsim::sim::Time;
using test_specs::group;
using test_specs::type;

namespace {

/// Pearson's chi-square statistic of `counts` against `expected` (same length).
double chi_square(const std::vector<double>& counts, const std::vector<double>& expected) {
  double x2 = 0;
  for (std::size_t i = 0; i < counts.size(); ++i)
    x2 += (counts[i] - expected[i]) * (counts[i] - expected[i]) / expected[i];
  return x2;
}

// Upper 0.1% points of the chi-square distribution: a fixed seed makes each test
// deterministic, and a correct draw passes such a bound with probability 0.999.
constexpr double kChi2_1 = 10.828;  // 1 degree of freedom
constexpr double kChi2_4 = 18.467;  // 4
constexpr double kChi2_6 = 22.458;  // 6

/// `retail` on three groups: 'a' (2 agents) and 'b' (3) take it, 'c' (4) takes only
/// `other`. Every agent comes on duty idle, group after group, a second apart.
CenterSpec three_groups() {
  CenterSpec spec;
  spec.name = "three";
  spec.call_types = {type("retail", 60, 100), type("other", 60, 100)};
  spec.agent_groups = {group("a", {"retail"}, 2), group("b", {"retail", "other"}, 3), group("c", {"other"}, 4)};
  return spec;
}

/// A pool with every agent of `spec` on duty and idle.
struct IdleCenter {
  explicit IdleCenter(const CenterSpec& s) : spec(s), pool(spec, headcounts(spec), 1, 0), queues(spec) {
    double t = 0;
    for (std::uint32_t g = 0; g < spec.agent_groups.size(); ++g) {
      const int n = pool.restaff(g, spec.agent_groups[g].count);
      for (int i = 0; i < n; ++i) pool.go_idle(pool.come_on_duty(g), Time(t++));
    }
  }
  static std::vector<int> headcounts(const CenterSpec& spec) {
    std::vector<int> h;
    for (const auto& g : spec.agent_groups) h.push_back(g.count);
    return h;
  }
  RoutingView view() { return RoutingView(spec, queues, pool, Time(100)); }
  CenterSpec spec;
  AgentPool pool;
  CallQueues queues;
};

}  // namespace

TEST_CASE("a ring queue reads by position and erases from the middle in order", "[sim]") {
  callsim::sim::RingQueue<int> q;
  // 20 in, 13 out, 20 in: 27 elements 13..19, 0..19 on a buffer of 32 from slot 13, so
  // they wrap around its end.
  for (int i = 0; i < 20; ++i) q.push_back(i);
  for (int i = 0; i < 13; ++i) q.pop_front();
  for (int i = 0; i < 20; ++i) q.push_back(i);
  std::vector<int> expect{13, 14, 15, 16, 17, 18, 19};
  for (int i = 0; i < 20; ++i) expect.push_back(i);
  REQUIRE(q.size() == 27);
  for (std::size_t j = 0; j < q.size(); ++j) REQUIRE(q[j] == expect[j]);
  for (std::size_t i : {0u, 25u, 3u, 20u, 11u, 12u}) {  // front, back, near the front, near the back, middle
    q.erase(i);
    expect.erase(expect.begin() + static_cast<std::ptrdiff_t>(i));
    REQUIRE(q.size() == expect.size());
    for (std::size_t j = 0; j < q.size(); ++j) REQUIRE(q[j] == expect[j]);
    REQUIRE(q.front() == expect.front());
    REQUIRE(q.back() == expect.back());
  }
  q.push_back(99);
  REQUIRE(q.back() == 99);
}

TEST_CASE("RandomStream::below draws each whole number below n equally often", "[sim][random]") {
  callsim::sim::RandomStream one(3, 0, {14, 0});
  for (int i = 0; i < 100; ++i) REQUIRE(one.below(1) == 0);
  callsim::sim::RandomStream s(3, 0, {14, 1});
  const int n = 7, draws = 70000;
  std::vector<double> counts(n, 0);
  for (int i = 0; i < draws; ++i) {
    const auto v = s.below(n);
    REQUIRE(v < static_cast<std::uint64_t>(n));
    ++counts[v];
  }
  const double x2 = chi_square(counts, std::vector<double>(n, double(draws) / n));
  INFO("chi-square " << x2);
  REQUIRE(x2 < kChi2_6);
  // n just above 2^63 rejects about half of the raw draws: still in range, both halves hit.
  const std::uint64_t big = (std::uint64_t{1} << 63) + 1;
  int upper = 0;
  for (int i = 0; i < 2000; ++i) {
    const auto v = s.below(big);
    REQUIRE(v < big);
    upper += v >= big / 2;
  }
  REQUIRE(upper > 850);
  REQUIRE(upper < 1150);
}

TEST_CASE("an idle agent taken from the middle of its group leaves the others in order", "[models][agents]") {
  IdleCenter c(three_groups());
  // Group b's agents 2, 3, 4 came on duty in that order: the longest idle first.
  REQUIRE(c.pool.idle_agents(1) == 3);
  REQUIRE(c.pool.idle_agent(1, 0) == 2);
  REQUIRE(c.pool.idle_agent(1, 2) == 4);
  c.pool.take_idle(3);
  REQUIRE(c.pool.idle_agents(1) == 2);
  REQUIRE(c.pool.longest_idle_in(1) == 2);
  REQUIRE(c.pool.idle_agent(1, 1) == 4);
  c.pool.go_idle(3, Time(200));
  REQUIRE(c.pool.idle_agent(1, 2) == 3);  // back of the ring: idle the shortest
  c.pool.take_idle(2);                    // the front: as take_longest_idle
  REQUIRE(c.pool.longest_idle_in(1) == 4);
}

TEST_CASE("random_agent draws uniformly among the free agents with the skill", "[models][routing]") {
  IdleCenter c(three_groups());
  RandomAgent policy(c.spec, 11, 0);
  // Retail: the 2 agents of a and the 3 of b (agents 0..4), never c's 4 (5..8), although
  // c's have been idle longest or shortest.
  const int draws = 50000;
  std::vector<double> counts(5, 0);
  for (int i = 0; i < draws; ++i) {
    const std::uint32_t agent = policy.agent_for(c.view(), 0, 0);
    REQUIRE(agent < 5);
    ++counts[agent];
  }
  const double x2 = chi_square(counts, std::vector<double>(5, draws / 5.0));
  INFO("counts " << counts[0] << " " << counts[1] << " " << counts[2] << " " << counts[3] << " " << counts[4]
                 << ", chi-square " << x2);
  REQUIRE(x2 < kChi2_4);  // each agent 1/5, so group a 2/5 and group b 3/5: by agent, not by group

  // Only free agents are drawn: with a's agents and b's first taken, b's other two share.
  c.pool.take_idle(0);
  c.pool.take_idle(1);
  c.pool.take_idle(2);
  std::vector<double> two(2, 0);
  for (int i = 0; i < 20000; ++i) {
    const std::uint32_t agent = policy.agent_for(c.view(), 0, 0);
    REQUIRE((agent == 3 || agent == 4));
    ++two[agent - 3];
  }
  REQUIRE(chi_square(two, {10000, 10000}) < kChi2_1);
  c.pool.take_idle(3);
  REQUIRE(policy.agent_for(c.view(), 0, 0) == 4);  // the one free agent
  c.pool.take_idle(4);
  REQUIRE(policy.agent_for(c.view(), 0, 0) == kNoAgent);
}

TEST_CASE("weighted_groups draws a group in proportion to its weight, the longest idle agent in it",
          "[models][routing]") {
  // 'other' is served by b and c; weights a 5 (no matter for 'other'), b 1, c 3.
  CenterSpec spec = three_groups();
  spec.routing.policy = "weighted_groups";
  spec.routing.params = {{"weights", {5, 1, 3}}};
  IdleCenter c(spec);
  WeightedGroups policy(c.spec, 12, 0);
  const int draws = 40000;
  std::vector<double> by_group(2, 0);
  for (int i = 0; i < draws; ++i) {
    const std::uint32_t agent = policy.agent_for(c.view(), 1, 0);
    const std::uint32_t g = c.pool.group_of(agent);
    REQUIRE((g == 1 || g == 2));
    REQUIRE(agent == c.pool.longest_idle_in(g));
    ++by_group[g - 1];
  }
  const double x2 = chi_square(by_group, {draws / 4.0, draws * 3 / 4.0});
  INFO("b " << by_group[0] << ", c " << by_group[1] << ", chi-square " << x2);
  REQUIRE(x2 < kChi2_1);
  // With c's agents all busy, b takes every call.
  for (int i = 0; i < 4; ++i) c.pool.take_longest_idle(c.pool.longest_idle_in(2));
  for (int i = 0; i < 100; ++i) REQUIRE(c.pool.group_of(policy.agent_for(c.view(), 1, 0)) == 1);
}

TEST_CASE("weighted_groups gives a group of weight 0 a call only when no other has a free agent", "[models][routing]") {
  CenterSpec spec = three_groups();
  spec.routing.params = {{"weights", {0, 2, 1}}};
  IdleCenter c(spec);
  WeightedGroups policy(c.spec, 13, 0);
  // Retail: a (weight 0) and b (2): always b while b has a free agent.
  for (int i = 0; i < 1000; ++i) REQUIRE(c.pool.group_of(policy.agent_for(c.view(), 0, 0)) == 1);
  for (int i = 0; i < 3; ++i) c.pool.take_longest_idle(c.pool.longest_idle_in(1));
  REQUIRE(policy.agent_for(c.view(), 0, 0) == c.pool.longest_idle_in(0));  // then a, the longest idle
  for (int i = 0; i < 2; ++i) c.pool.take_longest_idle(c.pool.longest_idle_in(0));
  REQUIRE(policy.agent_for(c.view(), 0, 0) == kNoAgent);
}

namespace {

/// Every caller as it reached the queue: what was drawn for it on arrival.
struct Callers : callsim::models::NullObserver {
  std::vector<CallInfo> calls;
  void on_arrival(const CallInfo& c) { calls.push_back(c); }
};

CenterSpec multiskill_small() {
  return callsim::scenarios::load_scenario(CALLSIM_SOURCE_DIR "/scenarios/library/multiskill-small.yaml").spec;
}

}  // namespace

TEST_CASE("every routing policy sees the very same callers (common random numbers)", "[models][routing]") {
  const CenterSpec base = multiskill_small();
  std::vector<CallInfo> reference;
  for (const auto& info : callsim::models::routing_policies()) {
    CenterSpec spec = base;
    spec.routing.policy = std::string(info.name);
    Callers callers;
    callsim::models::with_policy(info.name, [&](auto policy) {
      using Policy = typename decltype(policy)::type;
      callsim::models::CallCenter<Callers, callsim::sim::EventCalendar, Policy> center(spec, 9, 2, callers);
      center.run_to_completion();
      return 0;
    });
    INFO(info.name);
    REQUIRE(callers.calls.size() > 1000);
    if (reference.empty()) {
      reference = callers.calls;
      continue;
    }
    REQUIRE(callers.calls.size() == reference.size());
    for (std::size_t i = 0; i < reference.size(); ++i) {
      const CallInfo& a = reference[i];
      const CallInfo& b = callers.calls[i];
      REQUIRE(a.id == b.id);
      REQUIRE(a.type == b.type);
      REQUIRE(a.arrival == b.arrival);
      REQUIRE(a.service == b.service);
      REQUIRE(a.patience == b.patience);
      REQUIRE(a.wrap_up == b.wrap_up);
    }
  }
}

TEST_CASE("random_agent's per-call records keep the callers of longest_idle_agent", "[models][routing]") {
  CenterSpec lia = multiskill_small();
  CenterSpec random = lia;
  random.routing.policy = "random_agent";
  std::vector<callsim::run::CallRecord> a, b;
  callsim::run::simulate_replication(lia, 4, 1, a);
  callsim::run::simulate_replication(random, 4, 1, b);
  REQUIRE(a.size() == b.size());
  std::size_t both_answered = 0, other_agent = 0;
  // Rows are written when each call's outcome is known, so their order differs: by call.
  std::vector<const callsim::run::CallRecord*> by_call(a.size(), nullptr);
  for (const auto& r : a) by_call.at(r.call) = &r;
  for (const auto& r : b) {
    const auto* x = by_call.at(r.call);
    REQUIRE(x);
    REQUIRE(x->arrival == r.arrival);
    REQUIRE(x->call_type == r.call_type);
    if (x->outcome == callsim::run::CallOutcome::ANSWERED && r.outcome == callsim::run::CallOutcome::ANSWERED) {
      ++both_answered;
      REQUIRE(x->talk == r.talk);  // multiskill-small has no talk-time multipliers
      other_agent += x->agent != r.agent;
    }
  }
  REQUIRE(both_answered > 1000);
  REQUIRE(other_agent > 100);  // and the policy does route differently
}

TEST_CASE("random_agent and weighted_groups give the same results on 1 and 2 threads", "[models][routing][parallel]") {
  for (const std::string policy : {"random_agent", "weighted_groups"}) {
    CenterSpec spec = multiskill_small();
    spec.routing.policy = policy;
    if (policy == "weighted_groups") spec.routing.params = {{"weights", {3, 1}}};
    callsim::run::ExperimentOptions options;
    options.seed = 21;
    options.replications = 6;
    options.threads = 1;
    const auto one = callsim::run::run_in_process(spec, options);
    options.threads = 2;
    const auto two = callsim::run::run_in_process(spec, options);
    INFO(policy);
    REQUIRE(one.replications.size() == 6);
    for (std::size_t r = 0; r < 6; ++r) {
      const auto& x = one.replications[r];
      const auto& y = two.replications[r];
      REQUIRE(x.calls_simulated == y.calls_simulated);
      REQUIRE(x.total.answered == y.total.answered);
      REQUIRE(x.total.wait_all == y.total.wait_all);
      REQUIRE(x.total.answered_within == y.total.answered_within);
      for (std::size_t g = 0; g < x.groups.size(); ++g) {
        REQUIRE(x.groups[g].busy_time == y.groups[g].busy_time);
        REQUIRE(x.groups[g].handled == y.groups[g].handled);
      }
    }
    // Another seed, other draws.
    options.seed = 22;
    REQUIRE(callsim::run::run_in_process(spec, options).replications[0].total.wait_all !=
            one.replications[0].total.wait_all);
  }
}

namespace {

/// One type on two groups of 5 agents each, lightly loaded (about 10%): nearly every call
/// finds both groups with free agents.
CenterSpec light_two_groups(const std::string& policy) {
  CenterSpec spec;
  spec.name = policy;
  spec.time.duration = Time(200 * 3600);
  spec.call_types = {type("retail", 60, 60)};
  spec.agent_groups = {group("a", {"retail"}, 5), group("b", {"retail"}, 5)};
  spec.routing.policy = policy;
  return spec;
}

/// Calls answered per agent and per group.
struct Handled : callsim::models::NullObserver {
  std::vector<double> agent = std::vector<double>(10, 0);
  std::vector<double> group = std::vector<double>(2, 0);
  void on_answer(const CallInfo&, Time, const callsim::models::Service& s) {
    ++agent[s.agent];
    ++group[s.group];
  }
};

template <class Policy>
Handled run_light(const CenterSpec& spec) {
  Handled handled;
  callsim::models::CallCenter<Handled, callsim::sim::EventCalendar, Policy> center(spec, 31, 0, handled);
  center.run_to_completion();
  return handled;
}

}  // namespace

TEST_CASE("in a simulation random_agent spreads calls evenly and weighted_groups by weight", "[models][routing]") {
  const Handled even = run_light<RandomAgent>(light_two_groups("random_agent"));
  double calls = 0;
  for (double n : even.agent) calls += n;
  REQUIRE(calls > 10000);
  // Ten identical agents: chi-square on 9 degrees of freedom, upper 0.1% point 27.88.
  const double x2 = chi_square(even.agent, std::vector<double>(10, calls / 10));
  INFO("calls " << calls << ", chi-square over agents " << x2);
  REQUIRE(x2 < 27.877);

  CenterSpec weighted = light_two_groups("weighted_groups");
  weighted.routing.params = {{"weights", {3, 1}}};
  const Handled split = run_light<WeightedGroups>(weighted);
  const double total = split.group[0] + split.group[1];
  // About 3:1 (a little less: a call finding all of a's agents busy goes to b); within 4
  // binomial standard deviations of 3/4 less that small correction.
  const double share = split.group[0] / total;
  INFO("share of group a " << share << " of " << total);
  REQUIRE(std::abs(share - 0.75) < 4 * std::sqrt(0.75 * 0.25 / total) + 0.002);
}
