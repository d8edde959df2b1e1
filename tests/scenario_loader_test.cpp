#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "scenarios/loader.hpp"

#ifndef CALLSIM_SOURCE_DIR
#define CALLSIM_SOURCE_DIR "."  // run from the repository root when built by hand
#endif

using callsim::scenarios::load_scenario;
using callsim::scenarios::load_scenario_text;
using callsim::scenarios::ScenarioError;

namespace {

// The shipped erlang-a.yaml, inline so each bad scenario below is one visible edit of it.
// Line numbers in the expected messages refer to this text.
const std::string kErlangA = R"(name: erlang-a
time:
  warmup: 2h          # calls arriving before this are simulated but not counted
  duration: 200h      # counted period after the warm-up
  interval: 30min     # reporting interval
service_level:
  threshold: 20s
call_types:
  - name: general
    arrivals: {rate: 1000/h}
    service: {distribution: exponential, mean: 180s}
    patience: {distribution: exponential, mean: 300s}   # omit the key: callers never abandon
agent_groups:
  - name: agents
    skills: [general]
    count: 55
routing:
  policy: longest_idle_agent
)";

const std::string kPatienceLine =
    "    patience: {distribution: exponential, mean: 300s}   # omit the key: callers never abandon\n";

// kErlangA with the first `from` replaced by `to`; fails the test when `from` is absent,
// so a stale edit cannot turn into a test of the unchanged file.
std::string edited(const std::string& from, const std::string& to, const std::string& text = kErlangA) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.substr(0, at) + to + text.substr(at + from.size());
}

callsim::scenarios::LoadedScenario load(const std::string& text) { return load_scenario_text(text, "erlang-a.yaml"); }

const std::string kSecondType = R"(  - name: billing
    arrivals: {rate: 100/h}
    service: {distribution: exponential, mean: 5min}
agent_groups:)";

// A scratch directory removed at the end of the test.
struct TempDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("callsim_loader_test_" + std::to_string(::getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() { std::filesystem::remove_all(path); }
  [[nodiscard]] std::string write(const std::string& name, const std::string& text) const {
    const auto file = path / name;
    std::ofstream(file) << text;
    return file.string();
  }
};

}  // namespace

TEST_CASE("the shipped erlang-a scenario loads with its values in seconds", "[scenario]") {
  const auto loaded = load_scenario(CALLSIM_SOURCE_DIR "/scenarios/library/erlang-a.yaml");
  const auto& spec = loaded.spec;
  CHECK(spec.name == "erlang-a");
  CHECK(spec.time.warmup.seconds() == Approx(7200));
  CHECK(spec.time.duration.seconds() == Approx(720000));
  CHECK(spec.time.interval.seconds() == Approx(1800));
  CHECK(spec.service_level_threshold.seconds() == Approx(20));
  REQUIRE(spec.call_types.size() == 1);
  const auto& type = spec.call_types[0];
  CHECK(type.name == "general");
  CHECK(type.arrivals.rate_at(callsim::sim::Time(0)) == Approx(1000.0 / 3600));
  CHECK(type.service.name() == "exponential");
  CHECK(type.service.mean() == Approx(180));
  REQUIRE(type.patience.has_value());
  CHECK(type.patience->name() == "exponential");
  CHECK(type.patience->mean() == Approx(300));
  REQUIRE(spec.agent_groups.size() == 1);
  CHECK(spec.agent_groups[0].name == "agents");
  CHECK(spec.agent_groups[0].skills == std::vector<std::string>{"general"});
  CHECK(spec.agent_groups[0].count == 55);
  CHECK(spec.routing.policy == "longest_idle_agent");
  CHECK(loaded.warnings.empty());
  CHECK(loaded.path == CALLSIM_SOURCE_DIR "/scenarios/library/erlang-a.yaml");
  CHECK(loaded.text == kErlangA);  // the shipped file is exactly the documented example
}

TEST_CASE("the shipped erlang-c scenario is erlang-a without abandonment", "[scenario]") {
  const auto loaded = load_scenario(CALLSIM_SOURCE_DIR "/scenarios/library/erlang-c.yaml");
  const auto& spec = loaded.spec;
  CHECK(spec.name == "erlang-c");
  CHECK(spec.time.warmup.seconds() == Approx(7200));
  CHECK(spec.time.duration.seconds() == Approx(720000));
  CHECK(spec.time.interval.seconds() == Approx(1800));
  CHECK(spec.service_level_threshold.seconds() == Approx(20));
  REQUIRE(spec.call_types.size() == 1);
  CHECK(spec.call_types[0].arrivals.rate_at(callsim::sim::Time(0)) == Approx(1000.0 / 3600));
  CHECK(spec.call_types[0].service.mean() == Approx(180));
  CHECK_FALSE(spec.call_types[0].patience.has_value());
  REQUIRE(spec.agent_groups.size() == 1);
  CHECK(spec.agent_groups[0].count == 55);
  CHECK(loaded.warnings.empty());  // 50 Erlangs on 55 agents is stable
}

TEST_CASE("optional keys take their documented defaults", "[scenario]") {
  const std::string text = R"(name: minimal
time: {duration: 8h}
call_types:
  - name: general
    arrivals: {rate: 16.7/min}
    service: {distribution: exponential, mean: 3min}
agent_groups:
  - {name: agents, skills: [general], count: 55}
)";
  const auto spec = load_scenario_text(text, "minimal.yaml").spec;
  CHECK(spec.time.warmup.seconds() == 0);
  CHECK(spec.time.duration.seconds() == Approx(28800));
  CHECK(spec.time.interval.seconds() == Approx(1800));
  CHECK(spec.service_level_threshold.seconds() == Approx(20));
  CHECK(spec.call_types[0].arrivals.rate_at(callsim::sim::Time(0)) == Approx(16.7 / 60));
  CHECK_FALSE(spec.call_types[0].patience.has_value());
  CHECK(spec.routing.policy == "longest_idle_agent");
}

TEST_CASE("number parameters are plain numbers and duration parameters take units", "[scenario]") {
  const auto spec =
      load(edited("{distribution: exponential, mean: 180s}", "{distribution: gamma, mean: 3 min, cv: 0.8}")).spec;
  CHECK(spec.call_types[0].service.name() == "gamma");
  CHECK(spec.call_types[0].service.mean() == Approx(180));
}

TEST_CASE("an empirical distribution takes a list of durations", "[scenario]") {
  const auto spec =
      load(edited("{distribution: exponential, mean: 180s}", "{distribution: empirical, values: [1min, 3min, 5 min]}"))
          .spec;
  CHECK(spec.call_types[0].service.name() == "empirical");
  CHECK(spec.call_types[0].service.mean() == Approx(180));
}

TEST_CASE("unknown keys are reported at every level and never ignored", "[scenario][errors]") {
  CHECK_THROWS_WITH(
      load(edited("name: erlang-a", "nmae: erlang-a")),
      "erlang-a.yaml:1: unknown key 'nmae' in the scenario (did you mean 'name'?); valid keys are: "
      "agent_groups, busyness, call_types, costs, day_mix, ivr, name, open_hours, routing, service_level, time, "
      "trunk_lines");
  CHECK_THROWS_WITH(load(edited("  warmup: 2h", "  warm_up: 2h")),
                    "erlang-a.yaml:3: unknown key 'warm_up' in 'time' (did you mean 'warmup'?); valid keys are: "
                    "duration, interval, start, warmup");
  CHECK_THROWS_WITH(
      load(edited("  threshold: 20s", "  target: 20s")),
      "erlang-a.yaml:7: unknown key 'target' in 'service_level'; valid keys are: callback_threshold, threshold");
  CHECK_THROWS_WITH(load(edited("    arrivals:", "    arival:")),
                    "erlang-a.yaml:10: unknown key 'arival' in call type 'general' (did you mean 'arrivals'?); valid "
                    "keys are: arrivals, balking, clear_when_unstaffed, max_queue_time, name, patience, "
                    "patience_by_period, priority, "
                    "priority_credit, queue_capacity, "
                    "retrial, service, service_by_period, service_level, weight, wrap_up, wrap_up_by_period");
  CHECK_THROWS_WITH(load(edited("{rate: 1000/h}", "{rate: 1000/h, burst: 2}")),
                    "erlang-a.yaml:10: unknown key 'burst' in call_types[0].arrivals; valid keys are: column, "
                    "date, forecast, format, rate, scale, trace, types");
  CHECK_THROWS_WITH(load(edited("    skills:", "    skils:")),
                    "erlang-a.yaml:15: unknown key 'skils' in agent group 'agents' (did you mean 'skills'?); valid "
                    "keys are: absenteeism, count, name, shifts, shrinkage, skills, staffing, staffing_scale, wrap_up");
  CHECK_THROWS_WITH(load(edited("  policy:", "  rule:")),
                    "erlang-a.yaml:18: unknown key 'rule' in 'routing'; routing policy 'longest_idle_agent' takes no "
                    "parameters, so the only key is 'policy'");
}

TEST_CASE("a distribution accepts exactly its registered parameters", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(edited("exponential, mean: 180s", "exponential, mena: 180s")),
                    "erlang-a.yaml:11: unknown key 'mena' in the exponential distribution of call_types[0].service "
                    "(did you mean 'mean'?); valid keys are: distribution, mean");
  CHECK_THROWS_WITH(load(edited("{distribution: exponential, mean: 180s}", "{mean: 180s}")),
                    "erlang-a.yaml:11: call_types[0].service is missing 'distribution' (its name, one of: constant, "
                    "empirical, erlang, exponential, gamma, hyperexponential, loglogistic, lognormal, triangular, "
                    "uniform, weibull)");
  CHECK_THROWS_WITH(load(edited("{distribution: exponential, mean: 180s}", "{distribution: expo, mean: 180s}")),
                    "erlang-a.yaml:11: unknown distribution 'expo' for call_types[0].service (did you mean "
                    "'exponential'?); valid values are: constant, empirical, erlang, exponential, gamma, "
                    "hyperexponential, loglogistic, lognormal, triangular, uniform, weibull");
  CHECK_THROWS_WITH(load(edited("{distribution: exponential, mean: 300s}", "{distribution: poisson, mean: 300s}")),
                    "erlang-a.yaml:12: unknown distribution 'poisson' for call_types[0].patience; valid values are: "
                    "constant, empirical, erlang, exponential, gamma, hyperexponential, loglogistic, lognormal, "
                    "triangular, uniform, weibull");
  CHECK_THROWS_WITH(load(edited("{distribution: exponential, mean: 180s}", "{distribution: exponential}")),
                    "erlang-a.yaml:11: call_types[0].service: exponential needs 'mean' (a duration such as 180s)");
  CHECK_THROWS_WITH(load(edited("{distribution: exponential, mean: 180s}", "{distribution: exponential, mean: 0s}")),
                    "erlang-a.yaml:11: call_types[0].service: exponential 'mean' must be greater than 0, got 0s");
  CHECK_THROWS_WITH(
      load(edited("{distribution: exponential, mean: 180s}", "{distribution: gamma, mean: 180s, cv: high}")),
      "erlang-a.yaml:11: call_types[0].service.cv 'high' is not a number; expected a plain number "
      "without a unit, e.g. 0.8");
  CHECK_THROWS_WITH(load(edited("{distribution: exponential, mean: 180s}", "{distribution: gamma, mean: 180s, cv: 0}")),
                    "erlang-a.yaml:11: call_types[0].service: gamma 'cv' must be greater than 0, got 0");
  CHECK_THROWS_WITH(load(edited("mean: 300s", "mean: -300s")),
                    "erlang-a.yaml:12: call_types[0].patience.mean must not be negative, got -300s");
  CHECK_THROWS_WITH(
      load(edited("{distribution: exponential, mean: 180s}", "{distribution: empirical, values: [1min, 3]}")),
      "erlang-a.yaml:11: call_types[0].service.values[1] '3' is not a duration: expected a number "
      "followed by a unit: s, min, h or d (e.g. 20s, 5min, 1.5h)");
  CHECK_THROWS_WITH(load(edited("{distribution: exponential, mean: 180s}", "{distribution: empirical, values: 3min}")),
                    "erlang-a.yaml:11: call_types[0].service.values must be a list of durations such as [30s, 2min, "
                    "5min]; got '3min'");
  CHECK_THROWS_WITH(load(edited("{distribution: exponential, mean: 180s}", "180s")),
                    "erlang-a.yaml:11: call_types[0].service must be a distribution such as {distribution: "
                    "exponential, mean: 180s}; got '180s'");
  CHECK_THROWS_WITH(load(edited("{distribution: exponential, mean: 300s}   # omit the key: callers never abandon", "")),
                    "erlang-a.yaml:12: call_types[0].patience is empty; give a distribution such as {distribution: "
                    "exponential, mean: 300s}, or remove the key so callers never abandon");
}

TEST_CASE("missing required keys name the key and what it is for", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(edited("  duration: 200h      # counted period after the warm-up\n", "")),
                    "erlang-a.yaml:3: 'time' is missing 'duration' (the counted period, e.g. 200h)");
  CHECK_THROWS_WITH(load(edited("name: erlang-a\n", "")),
                    "erlang-a.yaml:1: the scenario is missing 'name' (the scenario's name, e.g. erlang-a)");
  CHECK_THROWS_WITH(load(edited("    service: {distribution: exponential, mean: 180s}\n", "")),
                    "erlang-a.yaml:9: call type 'general' is missing 'service' (the talk time, e.g. service: "
                    "{distribution: exponential, mean: 180s})");
  CHECK_THROWS_WITH(load(edited("    count: 55\n", "")),
                    "erlang-a.yaml:14: agent group 'agents' is missing 'count' (the number of agents, e.g. 55), or "
                    "instead 'staffing' (a CSV of agents on duty per interval) or 'shifts' (a list of shifts)");
  CHECK_THROWS_WITH(load(edited("{rate: 1000/h}", "{}")),
                    "erlang-a.yaml:10: call_types[0].arrivals is missing 'rate' or 'forecast' (a constant rate, e.g. "
                    "{rate: 1000/h}, or per-interval volumes, e.g. {forecast: volumes.csv})");
}

TEST_CASE("durations and rates need a known unit", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(edited("200h", "200hours")),
                    "erlang-a.yaml:4: time.duration '200hours' is not a duration: expected a number followed by a "
                    "unit: s, min, h or d (e.g. 20s, 5min, 1.5h)");
  CHECK_THROWS_WITH(load(edited("mean: 180s", "mean: 180")),
                    "erlang-a.yaml:11: call_types[0].service.mean '180' is not a duration: expected a number "
                    "followed by a unit: s, min, h or d (e.g. 20s, 5min, 1.5h)");
  CHECK_THROWS_WITH(load(edited("1000/h", "1000")),
                    "erlang-a.yaml:10: call_types[0].arrivals.rate '1000' is not a rate: expected calls per unit of "
                    "time: /s, /min, /h or /d (e.g. 1000/h, 16.7/min)");
  CHECK_THROWS_WITH(load(edited("1000/h", "1000/hour")),
                    "erlang-a.yaml:10: call_types[0].arrivals.rate '1000/hour' is not a rate: expected calls per "
                    "unit of time: /s, /min, /h or /d (e.g. 1000/h, 16.7/min)");
}

TEST_CASE("rates and horizons must be positive", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(edited("1000/h", "-5/h")),
                    "erlang-a.yaml:10: call_types[0].arrivals.rate must be greater than 0, got -5/h");
  CHECK_THROWS_WITH(load(edited("1000/h", "0/h")),
                    "erlang-a.yaml:10: call_types[0].arrivals.rate must be greater than 0, got 0/h");
  CHECK_THROWS_WITH(load(edited("200h", "0h")), "erlang-a.yaml:4: time.duration must be greater than 0, got 0h");
  CHECK_THROWS_WITH(load(edited("30min", "0min")), "erlang-a.yaml:5: time.interval must be greater than 0, got 0min");
  CHECK_THROWS_WITH(load(edited("warmup: 2h", "warmup: -2h")),
                    "erlang-a.yaml:3: time.warmup must not be negative, got -2h");
  CHECK_THROWS_WITH(load(edited("threshold: 20s", "threshold: -1s")),
                    "erlang-a.yaml:7: service_level.threshold must not be negative, got -1s");
}

TEST_CASE("agent groups take only call types the scenario defines", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(edited("[general]", "[sales]")),
                    "erlang-a.yaml:15: agent group 'agents' has skill 'sales', which no call type defines; call types "
                    "are: general");
  CHECK_THROWS_WITH(load(edited("[general]", "[genral]")),
                    "erlang-a.yaml:15: agent group 'agents' has skill 'genral', which no call type defines (did you "
                    "mean 'general'?); call types are: general");
  CHECK_THROWS_WITH(load(edited("[general]", "[general, general]")),
                    "erlang-a.yaml:15: agent group 'agents' lists skill 'general' twice; list each call type once");
  CHECK_THROWS_WITH(load(edited("[general]", "[]")),
                    "erlang-a.yaml:15: agent_groups[0].skills is empty; it must be a list of the call types the group "
                    "takes, e.g. [general], or with levels and talk-time multipliers, e.g. [retail, {type: business, "
                    "level: 2, multiplier: 1.2}]");
  CHECK_THROWS_WITH(load(edited("[general]", "general")),
                    "erlang-a.yaml:15: agent_groups[0].skills must be a list of the call types the group takes, e.g. "
                    "[general], or with levels and talk-time multipliers, e.g. [retail, {type: business, level: 2, "
                    "multiplier: 1.2}]; got 'general'");
}

TEST_CASE("agent counts are whole numbers of at least one", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(edited("count: 55", "count: 5.5")),
                    "erlang-a.yaml:16: agent_groups[0].count '5.5' is not a whole number; expected a count such as 55");
  CHECK_THROWS_WITH(
      load(edited("count: 55", "count: many")),
      "erlang-a.yaml:16: agent_groups[0].count 'many' is not a whole number; expected a count such as 55");
  CHECK_THROWS_WITH(load(edited("count: 55", "count: 0")),
                    "erlang-a.yaml:16: agent_groups[0].count must be at least 1, got 0");
  CHECK_THROWS_WITH(load(edited("count: 55", "count: -3")),
                    "erlang-a.yaml:16: agent_groups[0].count must be at least 1, got -3");
  CHECK_THROWS_WITH(load(edited("count: 55", "count: 99999999999")),
                    "erlang-a.yaml:16: agent_groups[0].count must be at most 100000, got 99999999999");
}

TEST_CASE("duplicate keys and names are refused", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(edited("  interval: 30min", "  duration: 100h")),
                    "erlang-a.yaml:5: duplicate key 'duration' in 'time' (first given on line 4); give each key once");
  CHECK_THROWS_WITH(load(edited("{rate: 1000/h}", "{rate: 1000/h, rate: 500/h}")),
                    "erlang-a.yaml:10: duplicate key 'rate' in call_types[0].arrivals (first given on line 10); give "
                    "each key once");
  CHECK_THROWS_WITH(
      load(kErlangA + "name: other\n"),
      "erlang-a.yaml:19: duplicate key 'name' in the scenario (first given on line 1); give each key once");
  CHECK_THROWS_WITH(load(edited("agent_groups:", edited("billing", "general", kSecondType))),
                    "erlang-a.yaml:13: call type name 'general' is used twice (first on line 9); give each call type a "
                    "unique name");
}

TEST_CASE("any number of call types and agent groups load", "[scenario]") {
  const std::string text =
      edited("routing:", "  - {name: billing_team, skills: [billing, general], count: 5}\nrouting:",
             edited("agent_groups:", kSecondType));
  const auto spec = load(text).spec;
  REQUIRE(spec.call_types.size() == 2);
  CHECK(spec.call_types[1].name == "billing");
  CHECK(spec.call_types[1].arrivals.rate_at(callsim::sim::Time(0)) == Approx(100.0 / 3600));
  REQUIRE(spec.agent_groups.size() == 2);
  CHECK(spec.agent_groups[1].skills == std::vector<std::string>{"billing", "general"});
  CHECK(spec.agent_groups[1].count == 5);
}

TEST_CASE("every call type needs an agent group with its skill", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(edited("agent_groups:", kSecondType)),
                    "erlang-a.yaml:13: no agent group has skill 'billing', so its calls would wait forever; add it to "
                    "a group's skills");
  CHECK_THROWS_WITH(load(edited("routing:", "  - {name: agents, skills: [general], count: 5}\nrouting:")),
                    "erlang-a.yaml:17: agent group name 'agents' is used twice (first on line 14); give each agent "
                    "group a unique name");
}

TEST_CASE("wrong kinds of values are named with what was expected", "[scenario][errors]") {
  CHECK_THROWS_WITH(load("- name: erlang-a\n"),
                    "erlang-a.yaml:1: the scenario must be a mapping with keys: agent_groups, busyness, call_types, "
                    "costs, day_mix, ivr, name, open_hours, routing, service_level, time, trunk_lines; got a list");
  CHECK_THROWS_WITH(
      load("name: x\ntime: 200h\n"),
      "erlang-a.yaml:2: 'time' must be a mapping with keys: duration, interval, start, warmup; got '200h'");
  CHECK_THROWS_WITH(load(edited("{rate: 1000/h}", "1000/h")),
                    "erlang-a.yaml:10: call_types[0].arrivals must be a mapping with keys: column, date, "
                    "forecast, format, rate, scale, trace, types; got '1000/h'");
  CHECK_THROWS_WITH(load("name: x\ntime: {duration: 1h}\ncall_types: {name: general}\n"),
                    "erlang-a.yaml:3: 'call_types' must be a list of call types, each with name, arrivals and "
                    "service; got a mapping");
  CHECK_THROWS_WITH(load(edited("{rate: 1000/h}", "{rate: [1000/h]}")),
                    "erlang-a.yaml:10: call_types[0].arrivals.rate must be a single value such as 1000/h; got a list");
  CHECK_THROWS_WITH(load(edited("name: erlang-a", "name: \"\"")),
                    "erlang-a.yaml:1: 'name' must not be blank; give a name such as erlang-a");
  CHECK_THROWS_WITH(load(edited("name: erlang-a", "name:")),
                    "erlang-a.yaml:1: 'name' is empty; give a value such as erlang-a");
  CHECK_THROWS_WITH(load(edited("  - name: agents", "  - name: [agents]")),
                    "erlang-a.yaml:14: agent_groups[0].name must be a single value such as agents; got a list");
  CHECK_THROWS_WITH(
      load(edited("agent_groups:\n  - name: agents\n    skills: [general]\n    count: 55\n", "agent_groups: []\n")),
      "erlang-a.yaml:13: 'agent_groups' is empty; it must be a list of agent groups, each with name, "
      "skills and count");
}

TEST_CASE("an unknown routing policy lists the valid ones", "[scenario][errors]") {
  const std::string valid =
      "valid values are: callback_offer, expected_delay, longest_idle_agent, overflow_delay, random_agent, reserve, "
      "skill_preference, static_priority, weighted_groups, weighted_wait";
  CHECK_THROWS_WITH(load(edited("policy: longest_idle_agent", "policy: x")),
                    "erlang-a.yaml:18: unknown routing policy 'x'; " + valid);
  CHECK_THROWS_WITH(
      load(edited("policy: longest_idle_agent", "policy: longest_idle")),
      "erlang-a.yaml:18: unknown routing policy 'longest_idle' (did you mean 'longest_idle_agent'?); " + valid);
}

TEST_CASE("YAML syntax errors keep yaml-cpp's position counted from 1", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(edited("[general]", "[general")),
                    "erlang-a.yaml:16: YAML syntax error: end of sequence flow not found; check the indentation, "
                    "colons, brackets and quotes on this line and the one before");
  CHECK_THROWS_WITH(load(edited("  warmup: 2h", "  warmup: 2h: 3h")),
                    "erlang-a.yaml:3: YAML syntax error: illegal map value; check the indentation, colons, brackets "
                    "and quotes on this line and the one before");
}

TEST_CASE("a scenario is exactly one non-empty YAML document", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(""),
                    "erlang-a.yaml:1: the scenario is empty; expected a mapping with keys: agent_groups, busyness, "
                    "call_types, costs, day_mix, ivr, name, open_hours, routing, service_level, time, trunk_lines (see "
                    "docs/scenario.md)");
  CHECK_THROWS_WITH(load("# nothing yet\n"),
                    "erlang-a.yaml:1: the scenario is empty; expected a mapping with keys: agent_groups, busyness, "
                    "call_types, costs, day_mix, ivr, name, open_hours, routing, service_level, time, trunk_lines (see "
                    "docs/scenario.md)");
  CHECK_THROWS_WITH(load(kErlangA + "---\nname: second\n"),
                    "erlang-a.yaml:20: the file holds 2 YAML documents (separated by ---); a scenario is one document");
}

TEST_CASE("files are read from disk and errors name the path as given", "[scenario][errors]") {
  const TempDir dir;
  const auto good = dir.write("good.yaml", kErlangA);
  CHECK(load_scenario(good).spec.agent_groups[0].count == 55);
  CHECK(load_scenario(good).path == good);

  const auto bad = dir.write("bad.yaml", edited("count: 55", "count: 0"));
  CHECK_THROWS_WITH(load_scenario(bad), bad + ":16: agent_groups[0].count must be at least 1, got 0");

  CHECK_THROWS_AS(load_scenario(dir.path.string() + "/missing.yaml"), ScenarioError);
  CHECK_THROWS_WITH(load_scenario(dir.path.string() + "/missing.yaml"),
                    "cannot read scenario '" + dir.path.string() + "/missing.yaml': No such file or directory");
  CHECK_THROWS_WITH(load_scenario(dir.path.string()), "cannot read scenario '" + dir.path.string() + "': '" +
                                                          dir.path.string() +
                                                          "' is not a regular file (it is a directory)");
}

TEST_CASE("an unstable queue without abandonment gets a warning", "[scenario][warnings]") {
  const std::string overloaded = edited("mean: 180s", "mean: 200s", edited(kPatienceLine, ""));
  const auto loaded = load_scenario_text(overloaded, "erlang-c.yaml");
  REQUIRE(loaded.warnings.size() == 1);
  CHECK(loaded.warnings[0] ==
        "erlang-c.yaml: offered load 55.6 Erlangs is at or above the 55 agents and callers never abandon: the queue "
        "grows without bound and the results depend on the horizon");

  // Exactly at the agent count is already unstable (utilisation 1).
  const auto critical = load_scenario_text(edited("count: 55", "count: 50", edited(kPatienceLine, "")), "c.yaml");
  REQUIRE(critical.warnings.size() == 1);
  CHECK(critical.warnings[0] ==
        "c.yaml: offered load 50.0 Erlangs is at or above the 50 agents and callers never abandon: the queue grows "
        "without bound and the results depend on the horizon");
}

TEST_CASE("no warning when callers abandon or the load is below the agents", "[scenario][warnings]") {
  // The same overload with patience: abandonment keeps the queue bounded.
  CHECK(load(edited("mean: 180s", "mean: 200s")).warnings.empty());
  CHECK(load(edited(kPatienceLine, "")).warnings.empty());
}

// ---- time.start, forecasts, priority credit ----

namespace {

// A scenario whose one call type arrives by the forecast day.csv, 08:00 to 10:00 in 30 min
// intervals (1000 calls/h on average). Line numbers in messages refer to this text.
const std::string kForecastScenario = R"(name: day
time:
  start: 08:00
  duration: 2h
call_types:
  - name: general
    arrivals: {forecast: day.csv}
    service: {distribution: exponential, mean: 180s}
    patience: {distribution: exponential, mean: 300s}
agent_groups:
  - name: agents
    skills: [general]
    count: 55
)";
const std::string kDayCsv = "interval_start,general\n08:00,500\n08:30,600\n09:00,400\n09:30,500\n";

// A scenario and its forecast in one scratch directory, as planners keep them.
struct ForecastFiles {
  TempDir dir;
  std::string yaml;
  std::string csv;
  ForecastFiles(const std::string& scenario, const std::string& forecast)
      : yaml(dir.write("day.yaml", scenario)), csv(dir.write("day.csv", forecast)) {}
  [[nodiscard]] callsim::scenarios::LoadedScenario load() const { return load_scenario(yaml); }
};

std::string with_time(const std::string& time_lines) {
  return edited("  start: 08:00\n  duration: 2h\n", time_lines, kForecastScenario);
}

}  // namespace

TEST_CASE("the shipped multiskill-small scenario loads with its forecast periods", "[scenario]") {
  const auto loaded = load_scenario(CALLSIM_SOURCE_DIR "/scenarios/library/multiskill-small.yaml");
  const auto& spec = loaded.spec;
  CHECK(loaded.warnings.empty());
  CHECK(spec.time.clock_start.seconds() == 8 * 3600);
  CHECK(spec.time.warmup.seconds() == 0);
  CHECK(spec.time.duration.seconds() == 6 * 3600);
  REQUIRE(spec.call_types.size() == 3);
  CHECK(spec.call_types[0].name == "retail");
  CHECK(spec.call_types[1].name == "business");
  CHECK(spec.call_types[2].name == "support");
  REQUIRE(spec.agent_groups.size() == 2);
  CHECK(spec.agent_groups[0].skills == std::vector<std::string>{"retail", "business", "support"});
  CHECK(spec.agent_groups[0].skill_levels == std::vector<int>{1, 2, 1});
  CHECK(spec.call_types[1].priority == 1);
  CHECK(spec.agent_groups[0].count == 12);
  CHECK(spec.agent_groups[1].skills == std::vector<std::string>{"business"});
  CHECK(spec.agent_groups[1].count == 6);
  const auto& retail = spec.call_types[0].arrivals;
  CHECK(retail.start().seconds() == 0);
  CHECK(retail.period().seconds() == 1800);
  CHECK(retail.rates().size() == 12);
  CHECK(retail.rate_at(callsim::sim::Time(0)) == Approx(39.0 / 1800));
  CHECK(retail.rate_at(callsim::sim::Time(2 * 3600)) == Approx(43.5 / 1800));
  CHECK(retail.rate_at(callsim::sim::Time(6 * 3600)) == 0);
  // Busy but stable in each 2-hour period: 85 to 90 % of the 18 agents' time offered.
  for (int period = 0; period < 3; ++period) {
    const callsim::sim::Time from(period * 7200.0);
    double load = 0;
    for (const auto& type : spec.call_types) {
      load += type.arrivals.expected_events(from, from + callsim::sim::Time(7200)) / 7200 * type.service.mean();
    }
    INFO("period " << period << ": " << load << " Erlangs");
    CHECK(load / 18 > 0.84);
    CHECK(load / 18 < 0.91);
  }
}

TEST_CASE("a fixture with two forecast call types and a constant one", "[scenario]") {
  const auto loaded = load_scenario(CALLSIM_SOURCE_DIR "/tests/data/two-types.yaml");
  const auto& spec = loaded.spec;
  CHECK(loaded.warnings.empty());
  CHECK(spec.time.clock_start.seconds() == 9 * 3600);
  REQUIRE(spec.call_types.size() == 3);
  // time.start 09:00 drops the 08:00 and 08:30 intervals; scale multiplies the volumes.
  const auto& retail = spec.call_types[0].arrivals;
  CHECK(retail.start().seconds() == 0);
  CHECK(retail.period().seconds() == 1800);
  REQUIRE(retail.rates().size() == 8);
  CHECK(retail.rates()[0] == Approx(30 * 1.1 / 1800));
  CHECK(retail.rates()[7] == Approx(20 * 1.1 / 1800));
  const auto& business = spec.call_types[1].arrivals;
  REQUIRE(business.rates().size() == 8);
  CHECK(business.rates()[4] == Approx(12.5 / 1800));
  CHECK(business.expected_events(callsim::sim::Time(0), callsim::sim::Time(4 * 3600)) == Approx(80.5));
  CHECK(spec.call_types[2].arrivals.is_constant());
  CHECK(spec.call_types[0].priority_credit.seconds() == 0);
  CHECK(spec.call_types[2].priority_credit.seconds() == 90);
  CHECK(spec.agent_groups.size() == 2);
}

TEST_CASE("a forecast path outside a scenario file is relative to the working directory", "[scenario]") {
  const std::string text =
      edited("{forecast: day.csv}", "{forecast: " CALLSIM_SOURCE_DIR "/tests/data/two-types-forecast.csv, scale: 2}",
             edited("[general]", "[retail]",
                    edited("- name: general", "- name: retail", with_time("  start: 08:00\n  duration: 5h\n"))));
  const auto spec = load_scenario_text(text, "inline.yaml").spec;
  CHECK(spec.call_types[0].arrivals.rates().size() == 10);
  CHECK(spec.call_types[0].arrivals.rate_at(callsim::sim::Time(0)) == Approx(2 * 10.0 / 1800));
}

TEST_CASE("time.start is a clock time that defaults to midnight", "[scenario]") {
  CHECK(load(kErlangA).spec.time.clock_start.seconds() == 0);
  CHECK(load(edited("  warmup: 2h", "  start: 7:45\n  warmup: 2h")).spec.time.clock_start.seconds() == 27900);
  CHECK(load(edited("  warmup: 2h", "  start: '23:59'\n  warmup: 2h")).spec.time.clock_start.seconds() == 86340);
}

TEST_CASE("time.start must be HH:MM", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(edited("  warmup: 2h", "  start: 8h\n  warmup: 2h")),
                    "erlang-a.yaml:3: time.start '8h' is not a time of day; expected HH:MM (e.g. 08:00), the clock "
                    "time at which the simulation starts");
  CHECK_THROWS_WITH(load(edited("  warmup: 2h", "  start: 24:00\n  warmup: 2h")),
                    "erlang-a.yaml:3: time.start '24:00' is not a time of day; expected HH:MM (e.g. 08:00), the "
                    "clock time at which the simulation starts");
  CHECK_THROWS_WITH(load(edited("  warmup: 2h", "  start: 2 08:00\n  warmup: 2h")),
                    "erlang-a.yaml:3: time.start '2 08:00' is not a time of day; expected HH:MM (e.g. 08:00), the "
                    "clock time at which the simulation starts");
}

TEST_CASE("a forecast is placed on the clock that time.start sets", "[scenario]") {
  {
    const ForecastFiles files(kForecastScenario, kDayCsv);
    const auto loaded = files.load();
    CHECK(loaded.warnings.empty());
    const auto& rate = loaded.spec.call_types[0].arrivals;
    CHECK(rate.start().seconds() == 0);
    CHECK(rate.rates() == std::vector<double>{500.0 / 1800, 600.0 / 1800, 400.0 / 1800, 500.0 / 1800});
  }
  {
    // 10 minutes into the first interval: it is kept from -600 s, so time 0 has its rate.
    const ForecastFiles files(with_time("  start: 08:10\n  duration: 1h\n"), kDayCsv);
    const auto loaded = files.load();
    const auto& rate = loaded.spec.call_types[0].arrivals;
    CHECK(rate.start().seconds() == -600);
    CHECK(rate.rates().size() == 4);
    CHECK(rate.rate_at(callsim::sim::Time(0)) == Approx(500.0 / 1800));
    CHECK(rate.rate_at(callsim::sim::Time(1200)) == Approx(600.0 / 1800));
  }
  {
    // Intervals wholly before time 0 are dropped.
    const ForecastFiles files(with_time("  start: 09:00\n  duration: 1h\n"), kDayCsv);
    const auto loaded = files.load();
    const auto& rate = loaded.spec.call_types[0].arrivals;
    CHECK(rate.start().seconds() == 0);
    CHECK(rate.rates() == std::vector<double>{400.0 / 1800, 500.0 / 1800});
  }
  {
    // A forecast starting after time 0: no calls before it.
    const ForecastFiles files(with_time("  start: 07:00\n  warmup: 1h\n  duration: 2h\n"), kDayCsv);
    const auto loaded = files.load();
    const auto& rate = loaded.spec.call_types[0].arrivals;
    CHECK(rate.start().seconds() == 3600);
    CHECK(rate.rate_at(callsim::sim::Time(3599)) == 0);
  }
}

TEST_CASE("a week forecast counts days from the day of time.start", "[scenario]") {
  const ForecastFiles files(with_time("  start: 22:00\n  duration: 4h\n"),
                            "interval_start,general\n1 22:00,500\n1 23:00,300\n2 00:00,100\n2 01:00,50\n");
  const auto loaded = files.load();
  const auto& rate = loaded.spec.call_types[0].arrivals;
  CHECK(rate.start().seconds() == 0);
  CHECK(rate.period().seconds() == 3600);
  CHECK(rate.rate_at(callsim::sim::Time(2.5 * 3600)) == Approx(100.0 / 3600));
}

TEST_CASE("a forecast short of the counted period gets a warning", "[scenario][warnings]") {
  {
    const ForecastFiles files(with_time("  start: 08:00\n  duration: 3h\n"), kDayCsv);
    const auto loaded = files.load();
    REQUIRE(loaded.warnings.size() == 1);
    CHECK(loaded.warnings[0] == files.yaml + ":7: the forecast '" + files.csv +
                                    "' of call type 'general' ends at 10:00, before the counted period ends at 11:00; "
                                    "no 'general' calls arrive after 10:00");
  }
  {
    const ForecastFiles files(with_time("  start: 07:00\n  duration: 3h\n"), kDayCsv);
    const auto loaded = files.load();
    REQUIRE(loaded.warnings.size() == 1);
    CHECK(loaded.warnings[0] == files.yaml + ":7: the forecast '" + files.csv +
                                    "' of call type 'general' starts at 08:00, after the counted period begins at "
                                    "07:00; no 'general' calls arrive before 08:00");
  }
  {
    // Past midnight, clock labels carry the day.
    const ForecastFiles files(with_time("  start: 22:00\n  duration: 1d\n"),
                              "interval_start,general\n1 22:00,500\n1 23:00,300\n");
    const auto loaded = files.load();
    REQUIRE(loaded.warnings.size() == 1);
    CHECK(loaded.warnings[0] == files.yaml + ":7: the forecast '" + files.csv +
                                    "' of call type 'general' ends at day 2 00:00, before the counted period ends at "
                                    "day 2 22:00; no 'general' calls arrive after day 2 00:00");
  }
}

TEST_CASE("a forecast that misses the simulated period is refused", "[scenario][errors]") {
  {
    const ForecastFiles files(with_time("  start: 10:00\n  duration: 2h\n"), kDayCsv);
    CHECK_THROWS_WITH(files.load(), files.yaml + ":7: the forecast '" + files.csv +
                                        "' of call type 'general' covers 08:00 to 10:00, outside the simulated "
                                        "period 10:00 to 12:00 (time.start, warmup and duration), so no 'general' "
                                        "call would arrive; give a forecast for the simulated period or change "
                                        "time.start");
  }
  {
    const ForecastFiles files(with_time("  start: 05:00\n  warmup: 1h\n  duration: 2h\n"), kDayCsv);
    CHECK_THROWS_WITH(files.load(), files.yaml + ":8: the forecast '" + files.csv +
                                        "' of call type 'general' covers 08:00 to 10:00, outside the simulated "
                                        "period 05:00 to 08:00 (time.start, warmup and duration), so no 'general' "
                                        "call would arrive; give a forecast for the simulated period or change "
                                        "time.start");
  }
}

TEST_CASE("forecast files are checked and named in messages", "[scenario][errors]") {
  {
    const TempDir dir;
    const std::string yaml = dir.write("day.yaml", kForecastScenario);
    CHECK_THROWS_WITH(load_scenario(yaml), "cannot read forecast '" + dir.path.string() + "/day.csv' (given in " +
                                               yaml + ":7): No such file or directory");
  }
  {
    const ForecastFiles files(kForecastScenario, "interval_start,sales,billing\n08:00,1,1\n08:30,1,1\n");
    CHECK_THROWS_WITH(files.load(), files.csv + ":1: no column 'general'; columns are: sales, billing");
  }
  {
    const ForecastFiles files(kForecastScenario, "interval_start,general\n08:00,1\n08:30,-1\n");
    CHECK_THROWS_WITH(files.load(), files.csv + ":3: volume of 'general' must not be negative, got -1");
  }
  {
    const ForecastFiles files(kForecastScenario, "interval_start,general\n08:00,1\n08:30,1\n09:30,1\n");
    CHECK_THROWS_WITH(files.load(), files.csv +
                                        ":4: interval_start '09:30' is 60 min after '08:30' (line 3), but the first "
                                        "interval is 30 min long; every interval must have the same length (give a "
                                        "missing interval a row with volume 0)");
  }
}

TEST_CASE("arrivals take a rate or a forecast with an optional scale", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(edited("{rate: 1000/h}", "{rate: 1000/h, forecast: day.csv}")),
                    "erlang-a.yaml:10: call_types[0].arrivals gives both 'rate' and 'forecast'; give one: a constant "
                    "rate, e.g. {rate: 1000/h}, or per-interval volumes, e.g. {forecast: volumes.csv}");
  CHECK_THROWS_WITH(load(edited("{rate: 1000/h}", "{rate: 1000/h, scale: 0}")),
                    "erlang-a.yaml:10: call_types[0].arrivals.scale must be greater than 0, got 0");
  CHECK_THROWS_WITH(load(edited("{rate: 1000/h}", "{forecast: day.csv, scale: 0}")),
                    "erlang-a.yaml:10: call_types[0].arrivals.scale must be greater than 0, got 0");
  CHECK_THROWS_WITH(load(edited("{rate: 1000/h}", "{forecast: day.csv, scale: -1.5}")),
                    "erlang-a.yaml:10: call_types[0].arrivals.scale must be greater than 0, got -1.5");
  CHECK_THROWS_WITH(load(edited("{rate: 1000/h}", "{forecast: day.csv, scale: 110%}")),
                    "erlang-a.yaml:10: call_types[0].arrivals.scale '110%' is not a number; expected a plain number "
                    "without a unit, e.g. 0.8");
  CHECK_THROWS_WITH(load(edited("{rate: 1000/h}", "{forecast: }")),
                    "erlang-a.yaml:10: call_types[0].arrivals.forecast is empty; give a value such as volumes.csv");
  CHECK_THROWS_WITH(load(edited("{rate: 1000/h}", "{forecast: [a.csv, b.csv]}")),
                    "erlang-a.yaml:10: call_types[0].arrivals.forecast must be a single value such as volumes.csv; "
                    "got a list");
}

TEST_CASE("the scale multiplies every forecast volume", "[scenario]") {
  const ForecastFiles files(edited("{forecast: day.csv}", "{forecast: day.csv, scale: 1.1}", kForecastScenario),
                            kDayCsv);
  const auto loaded = files.load();
  const auto& rate = loaded.spec.call_types[0].arrivals;
  CHECK(rate.rates()[1] == Approx(600 * 1.1 / 1800));
  CHECK(rate.expected_events(callsim::sim::Time(0), callsim::sim::Time(7200)) == Approx(2000 * 1.1));
}

TEST_CASE("priority_credit is a duration of at least 0", "[scenario]") {
  CHECK(load(kErlangA).spec.call_types[0].priority_credit.seconds() == 0);
  CHECK(load(edited("    service:", "    priority_credit: 1.5min\n    service:"))
            .spec.call_types[0]
            .priority_credit.seconds() == 90);
  CHECK_THROWS_WITH(load(edited("    service:", "    priority_credit: -5s\n    service:")),
                    "erlang-a.yaml:11: call_types[0].priority_credit must not be negative, got -5s");
  CHECK_THROWS_WITH(load(edited("    service:", "    priority_credit: 90\n    service:")),
                    "erlang-a.yaml:11: call_types[0].priority_credit '90' is not a duration: expected a number "
                    "followed by a unit: s, min, h or d (e.g. 20s, 5min, 1.5h)");
}

TEST_CASE("the overload warning uses the forecast's mean over the counted period", "[scenario][warnings]") {
  const std::string no_patience =
      edited("    patience: {distribution: exponential, mean: 300s}\n", "", kForecastScenario);
  {
    // 1000 calls/h on average over 08:00-10:00 at 180 s: 50 Erlangs on 50 agents.
    const ForecastFiles files(edited("count: 55", "count: 50", no_patience), kDayCsv);
    const auto loaded = files.load();
    REQUIRE(loaded.warnings.size() == 1);
    CHECK(loaded.warnings[0] == files.yaml +
                                    ": offered load 50.0 Erlangs is at or above the 50 agents and callers never "
                                    "abandon: the queue grows without bound and the results depend on the horizon");
  }
  {
    // The 08:30 peak (60 Erlangs) is above 51 agents, the mean is not: no warning.
    const ForecastFiles files(edited("count: 55", "count: 51", no_patience), kDayCsv);
    CHECK(files.load().warnings.empty());
  }
  {
    // Counted 09:00-10:00 only (after a 1 h warm-up): 900 calls/h, 45 Erlangs.
    const ForecastFiles files(
        edited("count: 55", "count: 45", edited("  duration: 2h\n", "  warmup: 1h\n  duration: 1h\n", no_patience)),
        kDayCsv);
    const auto loaded = files.load();
    REQUIRE(loaded.warnings.size() == 1);
    CHECK(loaded.warnings[0] == files.yaml +
                                    ": offered load 45.0 Erlangs is at or above the 45 agents and callers never "
                                    "abandon: the queue grows without bound and the results depend on the horizon");
  }
}

TEST_CASE("the shipped bank-weekday scenario loads with its fitted figures", "[scenario]") {
  // scenarios/library/bank-weekday.yaml is callsim fit's output (scenarios/fit/refit-bank-weekday)
  // with the site's opening hours and prices appended; what the loader makes of it.
  const std::string dir = CALLSIM_SOURCE_DIR "/scenarios/library/";
  const auto loaded = load_scenario(dir + "bank-weekday.yaml");
  const auto& spec = loaded.spec;
  CHECK(loaded.warnings.empty());
  CHECK(spec.name == "bank-weekday");
  CHECK(spec.time.clock_start.seconds() == 7 * 3600);
  CHECK(spec.time.warmup.seconds() == 0);
  CHECK(spec.time.duration.seconds() == 17 * 3600);
  CHECK(spec.time.interval.seconds() == 1800);
  CHECK(spec.service_level_threshold.seconds() == 20);
  REQUIRE(spec.open_hours.size() == 1);
  CHECK(spec.open_hours[0].from.seconds() == 0);
  CHECK(spec.open_hours[0].to.seconds() == 17 * 3600);
  REQUIRE(spec.call_types.size() == 6);
  std::vector<std::string> names;
  for (const auto& type : spec.call_types) {
    INFO(type.name);
    names.push_back(type.name);
    // Talk times as the log gives them (empirical), patience from the censored fit, the time
    // agents were not ready after a call as wrap-up.
    CHECK(type.service.name() == "empirical");
    CHECK(type.service.mean() > 60);
    CHECK(type.service.mean() < 600);
    REQUIRE(type.patience.has_value());
    CHECK(type.patience->mean() > 60);
    REQUIRE(type.wrap_up.has_value());
    CHECK(type.wrap_up->mean() > 0);
    CHECK(type.arrivals.period().seconds() == 1800);
  }
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == std::vector<std::string>{"callback", "english", "internet", "prospect", "retail", "stock"});
  REQUIRE(spec.agent_groups.size() == 1);
  const auto& agents = spec.agent_groups[0];
  CHECK(agents.name == "agents");
  CHECK(agents.skills == names);

  // The staffing CSV's fractional agents per half hour (n + f: n + 1 agents for f of the
  // interval) are the steps' time-average over each half hour, to the second.
  std::ifstream csv(dir + "bank-weekday/staffing.csv");
  std::string line;
  std::getline(csv, line);
  REQUIRE(line == "interval_start,agents");
  std::vector<double> planned;
  while (std::getline(csv, line)) planned.push_back(std::stod(line.substr(line.find(',') + 1)));
  REQUIRE(planned.size() == 35);  // 07:00 .. 23:30 and the closing row at 00:00
  const auto& steps = agents.staffing;
  REQUIRE_FALSE(steps.empty());
  CHECK(steps.front().from.seconds() == 0);
  for (std::size_t k = 0; k < 34; ++k) {
    INFO("half hour " << k);
    const double from = 1800.0 * static_cast<double>(k), to = from + 1800;
    double agent_seconds = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const double a = std::max(steps[i].from.seconds(), from);
      const double b = std::min(i + 1 < steps.size() ? steps[i + 1].from.seconds() : 1e18, to);
      if (b > a) agent_seconds += (b - a) * steps[i].agents;
    }
    CHECK(agent_seconds / 1800 == Approx(planned[k]).margin(1.0 / 1800));
    CHECK(planned[k] >= 1);
  }
}
