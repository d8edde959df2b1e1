// The routing entry and the --policy option: policy parameters per call type and group.

#include <catch2/catch.hpp>

#include <string>

#include "scenarios/loader.hpp"
#include "scenarios/routing_field.hpp"

using callsim::scenarios::load_scenario_text;
using callsim::scenarios::parse_policy_option;
using callsim::scenarios::ScenarioError;

namespace {

const std::string kCenter =
    "name: r\ntime: {duration: 1h}\ncall_types:\n"
    "  - {name: retail, arrivals: {rate: 10/h}, service: {distribution: exponential, mean: 60s}}\n"
    "  - {name: business, arrivals: {rate: 10/h}, service: {distribution: exponential, mean: 60s}, priority: 2}\n"
    "agent_groups:\n"
    "  - {name: specialists, skills: [retail], count: 2}\n"
    "  - {name: generalists, skills: [{type: retail, level: 2}, business], count: 2}\n";

callsim::models::RoutingSpec routing(const std::string& entry) {
  return load_scenario_text(kCenter + "routing: " + entry + "\n", "r.yaml").spec.routing;
}

std::string error_of(const std::string& entry) {
  try {
    routing(entry);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("routing parameters take their defaults and per-cell overrides", "[scenario][routing]") {
  auto r = routing("{policy: overflow_delay}");
  REQUIRE(r.policy == "overflow_delay");
  REQUIRE(r.params.size() == 1);
  REQUIRE(r.params[0].name == "delay");
  REQUIRE(r.params[0].values == std::vector<double>{30, 30, 30, 30});
  // More specific wins whatever the order; cells are [type * G + group].
  r = routing("{policy: overflow_delay, delay.retail.generalists: 1min, delay: 20s}");
  REQUIRE(r.params[0].values == std::vector<double>{20, 60, 20, 20});
  r = routing("{policy: overflow_delay, delay: {retail: 45s, business: {generalists: 2s}}}");
  REQUIRE(r.params[0].values == std::vector<double>{45, 45, 30, 2});
  r = routing("{policy: reserve, reserved: {generalists: 3}, min_priority: 2}");
  REQUIRE(r.params[0].values == std::vector<double>{1, 3});
  REQUIRE(r.params[1].values == std::vector<double>{2});
}

TEST_CASE("bad routing parameters are refused with the file and line", "[scenario][routing]") {
  CHECK(error_of("{policy: overflow_delay, dely: 30s}") ==
        "r.yaml:9: unknown key 'dely' in 'routing' (did you mean 'delay'?); routing policy 'overflow_delay' takes: "
        "delay");
  CHECK(error_of("{policy: static_priority, delay: 30s}") ==
        "r.yaml:9: unknown key 'delay' in 'routing'; routing policy 'static_priority' takes no parameters, so the only "
        "key is 'policy'");
  CHECK(error_of("{policy: overflow_delay, delay: -3s}") == "r.yaml:9: routing.delay must not be negative, got -3s");
  CHECK(error_of("{policy: overflow_delay, delay.retial: 3s}") ==
        "r.yaml:9: routing.delay.retial: no call type named 'retial' (did you mean 'retail'?); call types are: retail, "
        "business");
  CHECK(error_of("{policy: overflow_delay, delay.business.specialists: 3s}") ==
        "r.yaml:9: routing.delay.business.specialists: agent group 'specialists' does not take call type 'business' "
        "(its skills are: retail)");
  CHECK(error_of("{policy: reserve, min_priority.retail: 1}") ==
        "r.yaml:9: routing.min_priority.retail: 'min_priority' takes one value");
  CHECK(error_of("{policy: reserve, reserved: 1.5}") ==
        "r.yaml:9: routing.reserved '1.5' is not a whole number; expected a whole number such as 2");
  CHECK(error_of("{policy: overflow, delay: 1s}")
            .starts_with(
                "r.yaml:9: unknown routing policy 'overflow' (did you mean 'overflow_delay'?); valid values are: "));
}

TEST_CASE("the policy option takes the same parameters and names itself in messages", "[scenario][routing]") {
  const auto spec = load_scenario_text(kCenter, "r.yaml").spec;
  auto r = parse_policy_option("overflow_delay:delay=10s,delay.retail.generalists=1min", spec);
  REQUIRE(r.policy == "overflow_delay");
  REQUIRE(r.params[0].values == std::vector<double>{10, 60, 10, 10});
  REQUIRE(parse_policy_option("static_priority", spec).params.empty());
  REQUIRE_THROWS_WITH(parse_policy_option("overflow_delay:delay", spec),
                      "--policy 'overflow_delay:delay': 'delay' is not param=value; write e.g. --policy "
                      "overflow_delay:delay=30s,delay.business=60s");
  REQUIRE_THROWS_WITH(parse_policy_option("overflow_delay:delay=soon", spec),
                      Catch::Matchers::StartsWith("--policy 'overflow_delay:delay=soon': routing.delay 'soon' "));
  REQUIRE_THROWS_WITH(
      parse_policy_option("nope", spec),
      Catch::Matchers::StartsWith("--policy 'nope': unknown routing policy 'nope'; valid values are: "));
}

TEST_CASE("weighted_groups takes one relative weight per agent group", "[scenario][routing]") {
  auto r = routing("{policy: weighted_groups}");
  REQUIRE(r.policy == "weighted_groups");
  REQUIRE(r.params.size() == 1);
  REQUIRE(r.params[0].name == "weights");
  REQUIRE(r.params[0].values == std::vector<double>{1, 1});  // [group]: all alike by default
  r = routing("{policy: weighted_groups, weights: {specialists: 2, generalists: 1}}");
  REQUIRE(r.params[0].values == std::vector<double>{2, 1});
  r = routing("{policy: weighted_groups, weights: {generalists: 0.5}}");  // the other keeps the default
  REQUIRE(r.params[0].values == std::vector<double>{1, 0.5});
  r = routing("{policy: weighted_groups, weights.specialists: 3, weights: 0}");  // 0: only when no other is free
  REQUIRE(r.params[0].values == std::vector<double>{3, 0});
  const auto spec = load_scenario_text(kCenter, "r.yaml").spec;
  REQUIRE(parse_policy_option("weighted_groups:weights.specialists=4", spec).params[0].values ==
          std::vector<double>{4, 1});
}

TEST_CASE("bad weighted_groups weights are refused with the file and line", "[scenario][routing]") {
  CHECK(error_of("{policy: weighted_groups, weights: {specialist: 2}}") ==
        "r.yaml:9: routing.weights.specialist: no agent group named 'specialist' (did you mean 'specialists'?); agent "
        "groups are: specialists, generalists");
  CHECK(error_of("{policy: weighted_groups, weights: {specialists: -1}}") ==
        "r.yaml:9: routing.weights.specialists must not be negative, got -1");
  CHECK(error_of("{policy: weighted_groups, weights: {specialists: 0, generalists: 0}}") ==
        "r.yaml:9: routing.weights gives every agent group a weight of 0; weights are relative shares, so at least "
        "one must be greater than 0 (e.g. weights: {specialists: 2, generalists: 1})");
  CHECK(error_of("{policy: weighted_groups, weights: 0}") ==
        "r.yaml:9: routing.weights gives every agent group a weight of 0; weights are relative shares, so at least "
        "one must be greater than 0 (e.g. weights: {specialists: 2, generalists: 1})");
  CHECK(error_of("{policy: weighted_groups, weights: {specialists: 2e6}}") ==
        "r.yaml:9: routing.weights.specialists must be at most 1000000, got 2e6");
  CHECK(error_of("{policy: weighted_groups, weights: {specialists: heavy}}")
            .starts_with("r.yaml:9: routing.weights.specialists 'heavy' "));
  CHECK(error_of("{policy: weighted_groups, weights: {specialists: .nan}}").starts_with("r.yaml:9: routing.weights"));
  CHECK(error_of("{policy: weighted_groups, weights.retail.specialists: 2}") ==
        "r.yaml:9: routing.weights.retail.specialists: 'weights' takes one value, or one per agent group "
        "(routing.weights.GROUP)");
  CHECK(error_of("{policy: weighted_groups, weight: {specialists: 2}}") ==
        "r.yaml:9: unknown key 'weight.specialists' in 'routing' (did you mean 'weights'?); routing policy "
        "'weighted_groups' "
        "takes: weights");
  CHECK(error_of("{policy: random_agent, weights: {specialists: 2}}") ==
        "r.yaml:9: unknown key 'weights.specialists' in 'routing'; routing policy 'random_agent' takes no parameters, "
        "so the only "
        "key is 'policy'");
  const auto spec = load_scenario_text(kCenter, "r.yaml").spec;
  REQUIRE_THROWS_WITH(parse_policy_option("weighted_groups:weights=0", spec),
                      Catch::Matchers::StartsWith("--policy 'weighted_groups:weights=0': routing.weights gives every "
                                                  "agent group a weight of 0"));
}
