#include <catch2/catch.hpp>

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
  CHECK(spec.routing_policy == "longest_idle_agent");
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
  CHECK(spec.routing_policy == "longest_idle_agent");
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

TEST_CASE("unknown keys are reported at every level, never ignored", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(edited("name: erlang-a", "nmae: erlang-a")),
                    "erlang-a.yaml:1: unknown key 'nmae' in the scenario (did you mean 'name'?); valid keys are: "
                    "agent_groups, call_types, name, routing, service_level, time");
  CHECK_THROWS_WITH(load(edited("  warmup: 2h", "  warm_up: 2h")),
                    "erlang-a.yaml:3: unknown key 'warm_up' in 'time' (did you mean 'warmup'?); valid keys are: "
                    "duration, interval, warmup");
  CHECK_THROWS_WITH(load(edited("  threshold: 20s", "  target: 20s")),
                    "erlang-a.yaml:7: unknown key 'target' in 'service_level'; valid keys are: threshold");
  CHECK_THROWS_WITH(load(edited("    arrivals:", "    arival:")),
                    "erlang-a.yaml:10: unknown key 'arival' in call type 'general' (did you mean 'arrivals'?); valid "
                    "keys are: arrivals, name, patience, service");
  CHECK_THROWS_WITH(load(edited("{rate: 1000/h}", "{rate: 1000/h, burst: 2}")),
                    "erlang-a.yaml:10: unknown key 'burst' in call_types[0].arrivals; valid keys are: rate");
  CHECK_THROWS_WITH(load(edited("    skills:", "    skils:")),
                    "erlang-a.yaml:15: unknown key 'skils' in agent group 'agents' (did you mean 'skills'?); valid "
                    "keys are: count, name, skills");
  CHECK_THROWS_WITH(load(edited("  policy:", "  rule:")),
                    "erlang-a.yaml:18: unknown key 'rule' in 'routing'; valid keys are: policy");
}

TEST_CASE("a distribution accepts exactly its registered parameters", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(edited("exponential, mean: 180s", "exponential, mena: 180s")),
                    "erlang-a.yaml:11: unknown key 'mena' in the exponential distribution of call_types[0].service "
                    "(did you mean 'mean'?); valid keys are: distribution, mean");
  CHECK_THROWS_WITH(load(edited("{distribution: exponential, mean: 180s}", "{mean: 180s}")),
                    "erlang-a.yaml:11: call_types[0].service is missing 'distribution' (its name, one of: constant, "
                    "empirical, exponential, gamma, lognormal, uniform, weibull)");
  CHECK_THROWS_WITH(load(edited("{distribution: exponential, mean: 180s}", "{distribution: expo, mean: 180s}")),
                    "erlang-a.yaml:11: unknown distribution 'expo' for call_types[0].service (did you mean "
                    "'exponential'?); valid values are: constant, empirical, exponential, gamma, lognormal, uniform, "
                    "weibull");
  CHECK_THROWS_WITH(load(edited("{distribution: exponential, mean: 300s}", "{distribution: poisson, mean: 300s}")),
                    "erlang-a.yaml:12: unknown distribution 'poisson' for call_types[0].patience; valid values are: "
                    "constant, empirical, exponential, gamma, lognormal, uniform, weibull");
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
                    "erlang-a.yaml:14: agent group 'agents' is missing 'count' (the number of agents, e.g. 55)");
  CHECK_THROWS_WITH(load(edited("{rate: 1000/h}", "{}")),
                    "erlang-a.yaml:10: call_types[0].arrivals is missing 'rate' (calls per unit of time, e.g. 1000/h)");
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
                    "takes, e.g. [general]");
  CHECK_THROWS_WITH(load(edited("[general]", "general")),
                    "erlang-a.yaml:15: agent_groups[0].skills must be a list of the call types the group takes, e.g. "
                    "[general]; got 'general'");
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
                    "erlang-a.yaml:16: agent_groups[0].count must be at most 2147483647, got 99999999999");
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

TEST_CASE("this version refuses more than one call type or agent group", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(edited("agent_groups:", kSecondType)),
                    "erlang-a.yaml:13: this version simulates one call type; 'call_types' lists 2 (multi-type centers "
                    "come with issue #3)");
  CHECK_THROWS_WITH(load(edited("routing:", "  - {name: backup, skills: [general], count: 5}\nrouting:")),
                    "erlang-a.yaml:17: this version simulates one agent group; 'agent_groups' lists 2 (multi-group "
                    "centers come with issue #3)");
}

TEST_CASE("wrong kinds of values are named with what was expected", "[scenario][errors]") {
  CHECK_THROWS_WITH(load("- name: erlang-a\n"),
                    "erlang-a.yaml:1: the scenario must be a mapping with keys: agent_groups, call_types, name, "
                    "routing, service_level, time; got a list");
  CHECK_THROWS_WITH(load("name: x\ntime: 200h\n"),
                    "erlang-a.yaml:2: 'time' must be a mapping with keys: duration, interval, warmup; got '200h'");
  CHECK_THROWS_WITH(load(edited("{rate: 1000/h}", "1000/h")),
                    "erlang-a.yaml:10: call_types[0].arrivals must be a mapping with keys: rate; got '1000/h'");
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
  CHECK_THROWS_WITH(load(edited("policy: longest_idle_agent", "policy: x")),
                    "erlang-a.yaml:18: unknown routing policy 'x'; valid values are: longest_idle_agent");
  CHECK_THROWS_WITH(load(edited("policy: longest_idle_agent", "policy: longest_idle")),
                    "erlang-a.yaml:18: unknown routing policy 'longest_idle' (did you mean 'longest_idle_agent'?); "
                    "valid values are: longest_idle_agent");
}

TEST_CASE("YAML syntax errors keep yaml-cpp's position, 1-based", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(edited("[general]", "[general")),
                    "erlang-a.yaml:16: YAML syntax error: end of sequence flow not found; check the indentation, "
                    "colons, brackets and quotes on this line and the one before");
  CHECK_THROWS_WITH(load(edited("  warmup: 2h", "  warmup: 2h: 3h")),
                    "erlang-a.yaml:3: YAML syntax error: illegal map value; check the indentation, colons, brackets "
                    "and quotes on this line and the one before");
}

TEST_CASE("a scenario is exactly one non-empty YAML document", "[scenario][errors]") {
  CHECK_THROWS_WITH(load(""),
                    "erlang-a.yaml:1: the scenario is empty; expected a mapping with keys: agent_groups, call_types, "
                    "name, routing, service_level, time (see docs/scenario.md)");
  CHECK_THROWS_WITH(load("# nothing yet\n"),
                    "erlang-a.yaml:1: the scenario is empty; expected a mapping with keys: agent_groups, call_types, "
                    "name, routing, service_level, time (see docs/scenario.md)");
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
  CHECK_THROWS_WITH(load_scenario(dir.path.string()),
                    "cannot read scenario '" + dir.path.string() + "': Is a directory");
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
