// Routing policies: each one's defining invariant, and common random numbers across them.

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "models/call_center.hpp"
#include "models/routing_policies.hpp"
#include "run/experiment.hpp"
#include "scenarios/loader.hpp"
#include "spec_builders.hpp"

using callsim::models::CallInfo;
using callsim::models::CenterSpec;
using callsim::sim::Time;
using test_specs::group;
using test_specs::type;

namespace {

/// Two types on one group, loaded (about 95%): 'vip' has priority 1, 'regular' 0.
CenterSpec two_priorities(const std::string& policy) {
  CenterSpec spec;
  spec.name = policy;
  spec.time.duration = Time(100 * 3600);
  spec.call_types = {type("regular", 300, 180, 600), type("vip", 80, 180, 600)};
  spec.call_types[1].priority = 1;
  spec.agent_groups = {group("all", {"regular", "vip"}, 20)};
  spec.routing.policy = policy;
  return spec;
}

double kpi(const callsim::analysis::RunResult& run, std::size_t type, const std::string& name) {
  const auto summary = callsim::analysis::summarize_call_type(run.replications, type, run.call_types.size());
  for (const auto& s : summary) {
    if (s.kpi == name) return s.mean;
  }
  return -1;
}

callsim::analysis::RunResult run(const CenterSpec& spec, std::size_t replications = 4) {
  callsim::run::ExperimentOptions options;
  options.seed = 3;
  options.replications = replications;
  options.threads = 2;
  return callsim::run::run_in_process(spec, options);
}

/// Records what waits, to check each answer against the calls waiting at that moment.
struct Waiting : callsim::models::NullObserver {
  std::vector<CallInfo> waiting;
  std::uint64_t queued_answers = 0;
  void on_arrival(const CallInfo& c) { waiting.push_back(c); }
  void forget(const CallInfo& c) {
    std::erase_if(waiting, [&](const CallInfo& w) { return w.id == c.id; });
  }
  void on_abandon(const CallInfo& c, Time) { forget(c); }
  void on_balk(const CallInfo& c, Time) { forget(c); }
};

}  // namespace

TEST_CASE("static_priority answers the high-priority type faster", "[models][routing]") {
  const auto lia = run(two_priorities("longest_idle_agent"));
  const auto prio = run(two_priorities("static_priority"));
  const double vip_asa = kpi(prio, 1, "asa"), regular_asa = kpi(prio, 0, "asa");
  INFO("static_priority: vip ASA " << vip_asa << " s, regular " << regular_asa << " s; LIA vip " << kpi(lia, 1, "asa")
                                   << " s, regular " << kpi(lia, 0, "asa") << " s");
  REQUIRE(vip_asa < 0.25 * regular_asa);
  // Under FIFO across types both wait alike (within 20%).
  REQUIRE(std::abs(kpi(lia, 1, "asa") - kpi(lia, 0, "asa")) < 0.2 * kpi(lia, 0, "asa"));
}

TEST_CASE("static_priority never takes a regular call while a vip call waits", "[models][routing]") {
  const CenterSpec spec = two_priorities("static_priority");
  struct Obs : Waiting {
    void on_answer(const CallInfo& c, Time now, const callsim::models::Service&) {
      if (now > c.arrival && c.type == 0) {
        for (const auto& w : waiting) REQUIRE((w.type != 1 || w.id == c.id));
      }
      queued_answers += now > c.arrival;
      forget(c);
    }
  } obs;
  callsim::models::CallCenter<Obs, callsim::sim::EventCalendar, callsim::models::StaticPriority> center(spec, 1, 0,
                                                                                                        obs);
  center.run_until(Time(20 * 3600));
  REQUIRE(obs.queued_answers > 1000);
}

TEST_CASE("skill_preference sends calls to the groups that rank them first", "[models][routing]") {
  // Specialists rank retail 1; generalists rank business 1 and retail 2.
  CenterSpec spec;
  spec.name = "preference";
  spec.time.duration = Time(50 * 3600);
  spec.call_types = {type("retail", 200, 200, 300), type("business", 150, 200, 300)};
  spec.agent_groups = {group("specialists", {"retail"}, 8), group("generalists", {"retail", "business"}, 12)};
  spec.agent_groups[1].skill_levels = {2, 1};
  spec.routing.policy = "skill_preference";
  struct Obs : Waiting {
    int idle_specialists = 8;
    std::uint64_t retail_to_generalists_at_arrival = 0;
    void on_answer(const CallInfo& c, Time now, const callsim::models::Service& s) {
      if (s.group == 0) --idle_specialists;
      if (now == c.arrival && c.type == 0 && s.group == 1) {
        REQUIRE(idle_specialists == 0);  // a generalist gets retail only when no specialist is free
        ++retail_to_generalists_at_arrival;
      }
      if (now > c.arrival && s.group == 1 && c.type == 0) {
        for (const auto& w : waiting) REQUIRE((w.type != 1 || w.id == c.id));  // business first
      }
      queued_answers += now > c.arrival;
      forget(c);
    }
    void on_service_end(const CallInfo&, Time, const callsim::models::Service& s) { idle_specialists += s.group == 0; }
  } obs;
  callsim::models::CallCenter<Obs, callsim::sim::EventCalendar, callsim::models::SkillPreference> center(spec, 2, 0,
                                                                                                         obs);
  center.run_to_completion();
  REQUIRE(obs.queued_answers > 500);
  REQUIRE(obs.retail_to_generalists_at_arrival > 50);
}

TEST_CASE("policies see the same callers and identical policies give identical runs", "[models][routing]") {
  const auto a = run(two_priorities("longest_idle_agent"), 3);
  const auto b = run(two_priorities("longest_idle_agent"), 3);
  const auto c = run(two_priorities("static_priority"), 3);
  for (std::size_t r = 0; r < 3; ++r) {
    REQUIRE(a.replications[r].total.wait_all == b.replications[r].total.wait_all);
    REQUIRE(a.replications[r].total.answered == b.replications[r].total.answered);
    // The same callers arrive (common random numbers); only who waits how long differs.
    REQUIRE(a.replications[r].calls_simulated == c.replications[r].calls_simulated);
    REQUIRE(a.replications[r].total.offered == c.replications[r].total.offered);
    REQUIRE(a.replications[r].total.wait_all != c.replications[r].total.wait_all);
  }
}

TEST_CASE("every registered policy runs and the names match the registry", "[models][routing]") {
  std::set<std::string> ran;
  for (const auto& info : callsim::models::routing_policies()) {
    auto spec = two_priorities(std::string(info.name));
    spec.time.duration = Time(3600);
    const auto r = run(spec, 1);
    REQUIRE(r.replications[0].total.offered > 0);
    ran.insert(std::string(info.name));
  }
  REQUIRE(ran == std::set<std::string>{"callback_offer", "expected_delay", "longest_idle_agent", "overflow_delay",
                                       "random_agent", "reserve", "skill_preference", "static_priority",
                                       "weighted_groups", "weighted_wait"});
  REQUIRE_THROWS_AS(callsim::models::with_policy("nope", [](auto) { return 0; }), std::invalid_argument);
}

TEST_CASE("a call type's priority is read from the scenario", "[scenario][routing]") {
  const std::string text =
      "name: p\ntime: {duration: 1h}\ncall_types:\n  - name: a\n    arrivals: {rate: 10/h}\n"
      "    service: {distribution: exponential, mean: 60s}\n    priority: 3\n"
      "agent_groups:\n  - {name: g, skills: [a], count: 2}\nrouting: {policy: static_priority}\n";
  const auto loaded = callsim::scenarios::load_scenario_text(text, "p.yaml");
  REQUIRE(loaded.spec.call_types[0].priority == 3);
  REQUIRE(loaded.spec.routing.policy == "static_priority");
  std::string bad = text;
  bad.replace(bad.find("priority: 3"), 11, "priority: high");
  REQUIRE_THROWS_WITH(
      callsim::scenarios::load_scenario_text(bad, "p.yaml"),
      "p.yaml:7: call_types[0].priority 'high' is not a whole number; expected a whole number such as 2");
}

TEST_CASE("weighted_wait takes the call with the largest weight times wait", "[models][routing]") {
  CenterSpec spec = two_priorities("weighted_wait");
  spec.call_types[1].policy_keys = {{"weight", 3}};  // a vip call counts three times its wait
  struct Obs : Waiting {
    void on_answer(const CallInfo& c, Time now, const callsim::models::Service&) {
      if (now > c.arrival) {
        const auto weight = [](const CallInfo& x) { return x.type == 1 ? 3.0 : 1.0; };
        const double mine = weight(c) * (now - c.arrival).seconds();
        for (const auto& w : waiting) REQUIRE(weight(w) * (now - w.arrival).seconds() <= mine + 1e-9);
        ++queued_answers;
      }
      forget(c);
    }
  } obs;
  callsim::models::CallCenter<Obs, callsim::sim::EventCalendar, callsim::models::WeightedWait> center(spec, 4, 0, obs);
  center.run_until(Time(20 * 3600));
  REQUIRE(obs.queued_answers > 1000);
  // Weight 3 makes vip calls wait about a third as long as regular ones.
  const auto run_result = run(spec);
  REQUIRE(kpi(run_result, 1, "asa") < 0.6 * kpi(run_result, 0, "asa"));
}

TEST_CASE("call type keys come from the policies that declare them", "[models][routing]") {
  const auto keys = callsim::models::policy_call_type_keys();
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].name == "weight");
  const auto* weighted = callsim::models::find_routing_policy("weighted_wait");
  REQUIRE(weighted);
  REQUIRE(weighted->call_type_keys.size() == 1);
  CHECK(weighted->call_type_keys[0].name == "weight");
  CHECK(callsim::models::find_routing_policy("reserve")->call_type_keys.empty());

  callsim::models::CallTypeSpec type;
  CHECK(callsim::models::call_type_key(type, keys[0]) == 1);  // the declared default
  type.policy_keys = {{"weight", 2.5}};
  CHECK(callsim::models::call_type_key(type, keys[0]) == 2.5);
}

TEST_CASE("a call type's weight loads whatever the policy, for weighted_wait to read", "[scenario][routing]") {
  const std::string yaml =
      "name: w\ntime: {duration: 1h}\ncall_types:\n  - name: a\n    arrivals: {rate: 10/h}\n"
      "    service: {distribution: exponential, mean: 60s}\n    weight: 4\n"
      "  - {name: b, arrivals: {rate: 10/h}, service: {distribution: exponential, mean: 60s}}\n"
      "agent_groups:\n  - {name: g, skills: [a, b], count: 2}\nrouting: {policy: static_priority}\n";
  const auto loaded = callsim::scenarios::load_scenario_text(yaml, "w.yaml");
  const auto& key = callsim::models::policy_call_type_keys()[0];
  CHECK(callsim::models::call_type_key(loaded.spec.call_types[0], key) == 4);
  CHECK(callsim::models::call_type_key(loaded.spec.call_types[1], key) == 1);
}
