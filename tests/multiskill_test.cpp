// The multi-skill call center: skills respected, routing rules, conservation, and a pooled
// multi-type queue against the exact Erlang C figures.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "analysis/erlang.hpp"
#include "models/call_center.hpp"
#include "run/experiment.hpp"
#include "sim/distribution.hpp"
#include "spec_builders.hpp"

using callsim::models::CallInfo;
using callsim::models::CenterSpec;
using callsim::sim::Time;

namespace {

using test_specs::group;
using test_specs::type;

/// retail and business calls; generalists take both, specialists only business.
CenterSpec two_skill_center() {
  CenterSpec spec;
  spec.name = "two-skill";
  spec.time.duration = Time(10 * 3600);
  spec.call_types = {type("retail", 300, 200, 300), type("business", 150, 300, 300)};
  spec.agent_groups = {group("generalists", {"retail", "business"}, 15), group("specialists", {"business"}, 8)};
  return spec;
}

struct Event {
  CallInfo call;
  double at;
  std::uint32_t agent;
  std::uint32_t group;
};

/// Records answers with their agent and group, and the state needed to check routing.
struct RoutingObserver : callsim::models::NullObserver {
  const CenterSpec* spec;
  std::vector<std::uint32_t> agent_group;
  std::vector<Event> answers;
  std::uint64_t abandons = 0, ends = 0;
  void on_staffing(Time, std::uint32_t group, int n) {
    for (int i = 0; i < n; ++i) agent_group.push_back(group);
  }
  void on_arrival(const CallInfo&) {}
  void on_answer(const CallInfo& c, Time now, const callsim::models::Service& s) {
    answers.push_back({c, now.seconds(), s.agent, s.group});
  }
  void on_abandon(const CallInfo&, Time) { ++abandons; }
  void on_service_end(const CallInfo&, Time, const callsim::models::Service&) { ++ends; }
};

bool has_skill(const CenterSpec& spec, std::uint32_t group, std::uint32_t type) {
  for (const auto& s : spec.agent_groups[group].skills) {
    if (s == spec.call_types[type].name) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("no call is answered by a group lacking its skill", "[models][multiskill]") {
  const CenterSpec spec = two_skill_center();
  RoutingObserver obs;
  obs.spec = &spec;
  callsim::models::CallCenter<RoutingObserver> center(spec, 1, 0, obs);
  center.run_to_completion();
  std::uint64_t by_specialists = 0, business_by_generalists = 0;
  for (const auto& a : obs.answers) {
    REQUIRE(has_skill(spec, a.group, a.call.type));
    REQUIRE(obs.agent_group[a.agent] == a.group);
    by_specialists += a.group == 1;
    business_by_generalists += a.group == 0 && a.call.type == 1;
  }
  // Both groups really work, and business calls overflow to the generalists.
  REQUIRE(by_specialists > 100);
  REQUIRE(business_by_generalists > 100);
  REQUIRE(center.arrivals() == center.answered() + center.abandoned());
  REQUIRE(obs.ends == center.answered());
}

TEST_CASE("flow is conserved with several call types at every cut time", "[models][multiskill][conservation]") {
  const CenterSpec spec = two_skill_center();
  RoutingObserver obs;
  obs.spec = &spec;
  callsim::models::CallCenter<RoutingObserver> center(spec, 2, 0, obs);
  for (double cut = 0; cut <= spec.time.duration.seconds(); cut += 1234.5) {
    center.run_until(Time(cut));
    REQUIRE(center.arrivals() == obs.ends + center.abandoned() + center.waiting() + center.in_service());
    REQUIRE(center.in_service() <= 23);
  }
}

TEST_CASE("a freed agent takes the longest-waiting call among its skills with credit", "[models][multiskill]") {
  // One agent, two call types with heavy queues; business has 60 s of credit. Every answer
  // that came from the queue must be the call whose arrival minus credit was smallest
  // among the calls then waiting.
  CenterSpec spec;
  spec.name = "credit";
  spec.time.duration = Time(4 * 3600);
  spec.call_types = {type("retail", 50, 60), type("business", 50, 60, 0, 60)};
  spec.agent_groups = {group("one", {"retail", "business"}, 2)};
  struct Obs : RoutingObserver {
    std::vector<CallInfo> waiting;
    void on_arrival(const CallInfo& c) { waiting.push_back(c); }
    void on_answer(const CallInfo& c, Time now, const callsim::models::Service& s) {
      if (now > c.arrival) {  // from the queue: check against every call still waiting
        const double key = c.arrival.seconds() - (c.type == 1 ? 60.0 : 0.0);
        for (const auto& w : waiting) {
          REQUIRE(w.arrival.seconds() - (w.type == 1 ? 60.0 : 0.0) >= key);
        }
      }
      std::erase_if(waiting, [&](const CallInfo& w) { return w.id == c.id; });
      RoutingObserver::on_answer(c, now, s);
    }
  };
  Obs obs;
  obs.spec = &spec;
  callsim::models::CallCenter<Obs> center(spec, 3, 0, obs);
  center.run_to_completion();
  std::uint64_t queued = 0;
  for (const auto& a : obs.answers) queued += a.at > a.call.arrival.seconds();
  REQUIRE(queued > 200);
}

TEST_CASE("an arriving call goes to the longest idle agent across groups", "[models][multiskill]") {
  CenterSpec spec;
  spec.name = "lia";
  spec.time.duration = Time(3 * 3600);
  spec.call_types = {type("a", 40, 300)};
  spec.agent_groups = {group("g1", {"a"}, 3), group("g2", {"a"}, 3)};
  struct Obs : RoutingObserver {
    std::vector<double> idle_since = std::vector<double>(6, 0.0);
    std::vector<bool> busy = std::vector<bool>(6, false);
    std::uint64_t checked = 0;
    void on_answer(const CallInfo& c, Time now, const callsim::models::Service& s) {
      const std::uint32_t agent = s.agent;
      if (now == c.arrival) {
        for (std::uint32_t g = 0; g < 6; ++g) {
          if (!busy[g]) REQUIRE(idle_since[agent] <= idle_since[g]);
        }
        ++checked;
      }
      busy[agent] = true;
      RoutingObserver::on_answer(c, now, s);
    }
    void on_service_end(const CallInfo&, Time now, const callsim::models::Service& s) {
      const std::uint32_t agent = s.agent;
      busy[agent] = false;
      idle_since[agent] = now.seconds();
      ++ends;
    }
  };
  Obs obs;
  obs.spec = &spec;
  callsim::models::CallCenter<Obs> center(spec, 4, 0, obs);
  center.run_to_completion();
  REQUIRE(obs.checked > 50);
  std::uint64_t g2 = 0;
  for (const auto& a : obs.answers) g2 += a.group == 1;
  REQUIRE(g2 > 20);  // the second group is not starved by the tie rule
}

TEST_CASE("two call types pooled on one group reproduce Erlang C for their total load", "[validation][multiskill]") {
  // Same exponential service for both types and one group: an M/M/c queue with rate
  // l1 + l2, FIFO across types. Tolerance: the simulation's own 95% CI (see
  // erlang_validation_test.cpp for why that is honest), with a bound on its width.
  CenterSpec spec;
  spec.name = "pooled";
  spec.time.warmup = Time(3600);
  spec.time.duration = Time(100 * 3600);
  spec.call_types = {type("a", 600, 180), type("b", 400, 180)};
  spec.agent_groups = {group("all", {"a", "b"}, 55)};
  callsim::run::ExperimentOptions options;
  options.seed = 1;
  options.replications = 20;
  options.threads = 2;
  const auto run = callsim::run::run_in_process(spec, options);
  callsim::analysis::ErlangInput in;
  in.arrival_rate = 1000.0 / 3600;
  in.mean_service = 180;
  in.agents = 55;
  const auto exact = callsim::analysis::erlang(in);
  for (const auto& s : run.summary) {
    double expected = std::nan("");
    double bound = 0;
    if (s.kpi == "service_level") expected = exact.service_level, bound = 0.015;
    if (s.kpi == "asa") expected = exact.asa, bound = 1.5;
    if (s.kpi == "occupancy") expected = exact.occupancy, bound = 0.005;
    if (std::isnan(expected)) continue;
    INFO(s.kpi << ": simulated " << s.mean << " +/- " << s.ci95 << ", exact " << expected);
    REQUIRE(s.ci95 < bound);
    REQUIRE(std::abs(s.mean - expected) <= s.ci95);
  }
  REQUIRE(run.call_types == std::vector<std::string>{"a", "b"});
  REQUIRE(run.replications[0].groups.size() == 1);
}
