#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "models/agent_pool.hpp"
#include "spec_builders.hpp"

using callsim::models::AgentPool;
using callsim::models::CallInfo;
using callsim::models::CenterSpec;
using callsim::models::kNoAgent;
using callsim::sim::Time;

namespace {

/// 'sales' and 'support'; group 'gen' takes both (support at level 2, 1.5 x talk time),
/// group 'spec' support only.
CenterSpec two_groups() {
  CenterSpec spec;
  spec.call_types = {test_specs::type("sales", 60, 100), test_specs::type("support", 60, 100)};
  spec.agent_groups = {test_specs::group("gen", {"sales", "support"}, 3), test_specs::group("spec", {"support"}, 2)};
  spec.agent_groups[0].service_multipliers = {1.0, 1.5};
  spec.agent_groups[0].skill_levels = {1, 2};
  return spec;
}

/// Brings `n` agents of `group` on duty, each idle from time `t` on (in rank order).
std::vector<std::uint32_t> bring_on(AgentPool& pool, std::uint32_t group, int n, double t) {
  const int joining = pool.restaff(group, pool.on_duty(group) + n);
  REQUIRE(joining == n);
  std::vector<std::uint32_t> agents;
  for (int i = 0; i < joining; ++i) {
    agents.push_back(pool.come_on_duty(group));
    pool.go_idle(agents.back(), Time(t + i));
  }
  return agents;
}

}  // namespace

TEST_CASE("the pool knows each group's skills and levels", "[models][agents]") {
  const CenterSpec spec = two_groups();
  const AgentPool pool(spec, {3, 2}, 1, 0);
  CHECK(pool.servers_of(0) == std::vector<std::uint32_t>{0});
  CHECK(pool.servers_of(1) == std::vector<std::uint32_t>{0, 1});
  CHECK(pool.skills_of(0) == std::vector<std::uint32_t>{0, 1});
  CHECK(pool.skill_level(0, 1) == 2);
  CHECK(pool.skill_level(1, 1) == 1);
  CHECK(pool.skill_level(1, 0) == 0);  // no skill
  CHECK(pool.headcount(0) == 3);
  CHECK(pool.on_duty(0) == 0);
  CHECK(pool.longest_idle_in(0) == kNoAgent);
}

TEST_CASE("a skill no call type defines is refused", "[models][agents]") {
  CenterSpec spec = two_groups();
  spec.agent_groups[1].skills = {"billing"};
  CHECK_THROWS_AS(AgentPool(spec, {3, 2}, 1, 0), std::invalid_argument);
}

TEST_CASE("agents come on duty in rank order and the longest idle is first", "[models][agents]") {
  const CenterSpec spec = two_groups();
  AgentPool pool(spec, {3, 2}, 1, 0);
  const auto gen = bring_on(pool, 0, 3, 10);
  CHECK(gen == std::vector<std::uint32_t>{0, 1, 2});
  const auto specialists = bring_on(pool, 1, 2, 0);
  CHECK(specialists == std::vector<std::uint32_t>{3, 4});  // numbered across groups
  CHECK(pool.group_of(4) == 1);
  CHECK(pool.longest_idle_in(0) == 0);
  CHECK(pool.idle_since(1) == 11);
  pool.take_longest_idle(0);
  CHECK(pool.longest_idle_in(0) == 1);
  CHECK(pool.idle_agents(0) == 2);
  CHECK(pool.on_duty(0) == 3);  // busy agents are on duty
}

TEST_CASE("serving costs the group's multiplier and the call's wrap-up", "[models][agents]") {
  const CenterSpec spec = two_groups();
  AgentPool pool(spec, {3, 2}, 1, 0);
  bring_on(pool, 0, 1, 0);
  CallInfo call;
  call.type = 1;
  call.service = Time(100);
  call.wrap_up = Time(7);
  pool.take_longest_idle(0);
  const auto& service = pool.start_service(0, 42, call);
  CHECK(service.agent == 0);
  CHECK(service.group == 0);
  CHECK(service.talk.seconds() == Approx(150));
  CHECK(service.wrap_up.seconds() == 7);
  CHECK(pool.call_of(0) == 42);
  CHECK(pool.busy() == 1);
  CHECK_FALSE(pool.end_service(0));  // nobody is due to leave: free for work
  CHECK(pool.busy() == 0);
}

TEST_CASE("staffing down sends idle agents off at once and busy ones after their call", "[models][agents]") {
  const CenterSpec spec = two_groups();
  AgentPool pool(spec, {3, 2}, 1, 0);
  bring_on(pool, 0, 3, 0);  // agents 0, 1, 2 idle, 0 longest
  pool.take_longest_idle(0);
  pool.start_service(0, 0, CallInfo{});
  pool.take_longest_idle(1);
  pool.start_service(1, 1, CallInfo{});
  REQUIRE(pool.restaff(0, 1) == 0);  // two must go: idle agent 2 now, one busy agent later
  CHECK(pool.on_duty(0) == 2);
  CHECK(pool.idle_agents(0) == 0);
  CHECK(pool.end_service(1));  // leaves when its call ends
  CHECK(pool.on_duty(0) == 1);
  CHECK_FALSE(pool.end_service(0));  // the one who stays
  CHECK(pool.on_duty(0) == 1);
}

TEST_CASE("staffing up keeps busy agents due to leave before calling in others", "[models][agents]") {
  const CenterSpec spec = two_groups();
  AgentPool pool(spec, {3, 2}, 1, 0);
  bring_on(pool, 0, 2, 0);
  pool.take_longest_idle(0);
  pool.start_service(0, 0, CallInfo{});
  pool.take_longest_idle(1);
  pool.start_service(1, 1, CallInfo{});
  REQUIRE(pool.restaff(0, 0) == 0);  // both busy: both due to leave, both still on duty
  CHECK(pool.on_duty(0) == 2);
  CHECK(pool.restaff(0, 3) == 1);  // the two stay after all, one more joins
  CHECK(pool.on_duty(0) == 3);
  CHECK(pool.come_on_duty(0) == 2);
  CHECK_FALSE(pool.end_service(0));
  CHECK_FALSE(pool.end_service(1));
}
