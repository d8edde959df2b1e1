// The scenario's `costs` key: prices and the service-level contract, validated with
// FILE:LINE messages like every other key.
#include <catch2/catch.hpp>
#include <string>

#include "scenarios/loader.hpp"

using callsim::models::SlaContract;
using callsim::scenarios::load_scenario_text;
using callsim::scenarios::ScenarioError;

namespace {

// Two groups; `costs` starts on line 17.
const std::string kBase = R"(name: center
time:
  start: 07:00
  duration: 2h
call_types:
  - name: retail
    arrivals: {rate: 100/h}
    service: {distribution: exponential, mean: 3min}
    patience: {distribution: exponential, mean: 5min}
agent_groups:
  - name: agents
    skills: [retail]
    count: 10
  - name: experts
    skills: [retail]
    count: 2
)";

callsim::scenarios::LoadedScenario load(const std::string& costs) {
  return load_scenario_text(kBase + costs, "center.yaml");
}

std::string error_of(const std::string& costs) {
  try {
    load(costs);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("costs: a full costs block is read", "[scenario][costs]") {
  const auto loaded = load(R"(costs:
  currency: EUR
  agent_hour: {agents: 28, experts: 35}
  trunk_minute: 0.01
  revenue_per_call: 4.5
  revenue_per_hour: 2
  sla: {target: 0.8, per: interval, penalty: 500}
)");
  REQUIRE(loaded.costs.has_value());
  const auto& c = *loaded.costs;
  CHECK(c.currency == "EUR");
  CHECK(c.agent_hour == std::vector<double>{28, 35});
  CHECK(c.trunk_minute == 0.01);
  CHECK(c.revenue_per_call == 4.5);
  CHECK(c.revenue_per_hour == 2);
  REQUIRE(c.sla.has_value());
  CHECK(c.sla->target == 0.8);
  CHECK(c.sla->per == SlaContract::Per::INTERVAL);
  CHECK(c.sla->penalty == 500);
}

TEST_CASE("costs: one number prices every group and the rest defaults to nothing", "[scenario][costs]") {
  const auto loaded = load("costs: {agent_hour: 20}\n");
  REQUIRE(loaded.costs.has_value());
  CHECK(loaded.costs->agent_hour == std::vector<double>{20, 20});
  CHECK(loaded.costs->trunk_minute == 0);
  CHECK(loaded.costs->revenue_per_call == 0);
  CHECK_FALSE(loaded.costs->sla.has_value());
  CHECK_FALSE(load("").costs.has_value());
}

TEST_CASE("costs: every bad value gets one message with file and line", "[scenario][costs]") {
  CHECK(error_of("costs: {agent_hour: 20, trunk_minutes: 0.01}\n") ==
        "center.yaml:17: unknown key 'trunk_minutes' in 'costs' (did you mean 'trunk_minute'?); valid keys are: "
        "agent_hour, currency, revenue_per_call, revenue_per_hour, sla, trunk_minute");
  CHECK(error_of("costs: {agent_hour: {agnets: 20, experts: 30}}\n") ==
        "center.yaml:17: unknown key 'agnets' in 'costs.agent_hour' (did you mean 'agents'?); valid keys are: agents, "
        "experts");
  CHECK(error_of("costs: {agent_hour: {agents: 20}}\n") ==
        "center.yaml:17: costs.agent_hour has no rate for agent group 'experts'; give every group its cost per paid "
        "hour, or one number for all groups");
  CHECK(error_of("costs: {agent_hour: -5}\n") == "center.yaml:17: costs.agent_hour must not be negative, got -5");
  CHECK(error_of("costs: {trunk_minute: 0.01}\n") ==
        "center.yaml:17: 'costs' is missing 'agent_hour' (the cost of a paid agent hour, one number or one per agent "
        "group)");
  CHECK(error_of("costs: {agent_hour: 20, sla: {target: 0.8, per: week}}\n") ==
        "center.yaml:17: costs.sla.per must be 'interval' (each reporting interval is judged) or 'day' (the whole "
        "counted period is), got 'week'");
  CHECK(error_of("costs: {agent_hour: 20, sla: {target: 80, per: day}}\n") ==
        "center.yaml:17: costs.sla.target must be a fraction greater than 0 and at most 1 (0.8 for 80 %), got 80");
  CHECK(error_of("costs: {agent_hour: 20, sla: {per: day}}\n") ==
        "center.yaml:17: 'costs.sla' is missing 'target' (the service level to reach, a fraction, e.g. 0.8)");
  CHECK(error_of("costs: [20]\n") ==
        "center.yaml:17: 'costs' must be a mapping with keys: agent_hour, currency, revenue_per_call, "
        "revenue_per_hour, sla, trunk_minute; got a list");
  CHECK(error_of("costs: {agent_hour: 20, revenue_per_call: cheap}\n") ==
        "center.yaml:17: costs.revenue_per_call 'cheap' is not a number; expected a plain number without a unit, e.g. "
        "0.8");
  CHECK(error_of("costs: {agent_hour: 20, sla: {target: 0.8, per: day, penalty: -1}}\n") ==
        "center.yaml:17: costs.sla.penalty must not be negative, got -1");
}

TEST_CASE("costs: messages point at the line of the nested key", "[scenario][costs]") {
  CHECK(error_of("costs:\n  agent_hour: 20\n  sla:\n    target: 0.8\n    per: monthly\n") ==
        "center.yaml:21: costs.sla.per must be 'interval' (each reporting interval is judged) or 'day' (the whole "
        "counted period is), got 'monthly'");
  CHECK(error_of("costs:\n  agent_hour:\n    agents: 20\n    experts: -3\n") ==
        "center.yaml:20: costs.agent_hour.experts must not be negative, got -3");
}

TEST_CASE("costs: the shipped bank-weekday scenario carries its illustrative prices", "[scenario][costs]") {
  const auto loaded = callsim::scenarios::load_scenario(CALLSIM_SOURCE_DIR "/scenarios/library/bank-weekday.yaml");
  REQUIRE(loaded.costs.has_value());
  CHECK(loaded.costs->agent_hour == std::vector<double>{28});
  REQUIRE(loaded.costs->sla.has_value());
  CHECK(loaded.costs->sla->per == SlaContract::Per::DAY);
}
