// What-if overrides (--set PATH=VALUE) and the multipliers they are mostly used with:
// arrivals.scale and an agent group's staffing_scale.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "scenarios/loader.hpp"
#include "scenarios/staffing_scale.hpp"

#ifndef CALLSIM_SOURCE_DIR
#define CALLSIM_SOURCE_DIR "."  // run from the repository root when built by hand
#endif

using callsim::scenarios::load_scenario;
using callsim::scenarios::load_scenario_text;
using callsim::scenarios::LoadedScenario;
using callsim::scenarios::ScenarioError;

namespace {

// Two call types, one group. Line numbers in messages refer to this text.
const std::string kBase = R"(name: center
time:
  duration: 8h
call_types:
  - name: retail
    arrivals: {rate: 120/h}
    service: {distribution: exponential, mean: 4min}
    patience: {distribution: exponential, mean: 5min}
  - name: business
    arrivals: {rate: 60/h}
    service: {distribution: exponential, mean: 6min}
agent_groups:
  - name: generalists
    skills: [retail, business]
    count: 12
)";

LoadedScenario load(const std::vector<std::string>& overrides, const std::string& text = kBase) {
  return load_scenario_text(text, "center.yaml", overrides);
}

// The message of the load's ScenarioError; fails the test when it loads.
std::string error_of(const std::vector<std::string>& overrides, const std::string& text = kBase) {
  try {
    (void)load(overrides, text);
  } catch (const ScenarioError& error) {
    return error.what();
  }
  FAIL("the scenario loaded");
  return {};
}

// `from` replaced by `to` in `text`; fails when `from` is absent.
std::string edited(const std::string& from, const std::string& to, const std::string& text = kBase) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.substr(0, at) + to + text.substr(at + from.size());
}

using Steps = std::vector<std::pair<double, int>>;

Steps steps_of(const std::vector<callsim::models::StaffingStep>& steps) {
  Steps out;
  for (const auto& step : steps) out.emplace_back(step.from.seconds(), step.agents);
  return out;
}

// A scenario and one data file in a scratch directory, removed at the end of the test.
struct ScenarioFiles {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("callsim_overrides_test_" + std::to_string(::getpid()));
  std::string yaml = (dir / "center.yaml").string();
  ScenarioFiles(const std::string& scenario, const std::string& data_name, const std::string& data) {
    std::filesystem::create_directories(dir);
    std::ofstream(yaml) << scenario;
    std::ofstream(dir / data_name) << data;
  }
  ~ScenarioFiles() { std::filesystem::remove_all(dir); }
  ScenarioFiles(const ScenarioFiles&) = delete;
  ScenarioFiles& operator=(const ScenarioFiles&) = delete;
  // The load error, with the scratch directory spelled DIR.
  [[nodiscard]] std::string error_of(const std::vector<std::string>& overrides) const {
    try {
      (void)load_scenario(yaml, overrides);
    } catch (const ScenarioError& error) {
      std::string message = error.what();
      for (auto at = message.find(dir.string()); at != std::string::npos; at = message.find(dir.string()))
        message.replace(at, dir.string().size(), "DIR");
      return message;
    }
    FAIL("the scenario loaded");
    return {};
  }
};

const std::string kMultiskill = CALLSIM_SOURCE_DIR "/scenarios/library/multiskill-small.yaml";

// Everything a scale could touch, compared exactly.
void check_same(const callsim::models::CenterSpec& a, const callsim::models::CenterSpec& b) {
  CHECK(a.name == b.name);
  CHECK(a.time.duration == b.time.duration);
  CHECK(a.time.clock_start == b.time.clock_start);
  CHECK(a.busyness_cv == b.busyness_cv);
  REQUIRE(a.call_types.size() == b.call_types.size());
  for (std::size_t i = 0; i < a.call_types.size(); ++i) {
    const auto& x = a.call_types[i];
    const auto& y = b.call_types[i];
    CHECK(x.name == y.name);
    CHECK(x.arrivals.rates() == y.arrivals.rates());  // exact: no rounding from a scale of 1
    CHECK(x.arrivals.start() == y.arrivals.start());
    CHECK(x.arrivals.period() == y.arrivals.period());
    CHECK(x.service.name() == y.service.name());
    CHECK(x.service.mean() == y.service.mean());
  }
  REQUIRE(a.agent_groups.size() == b.agent_groups.size());
  for (std::size_t i = 0; i < a.agent_groups.size(); ++i) {
    CHECK(a.agent_groups[i].count == b.agent_groups[i].count);
    CHECK(steps_of(a.agent_groups[i].staffing) == steps_of(b.agent_groups[i].staffing));
  }
}

}  // namespace

// ---- paths ----

TEST_CASE("an override selects a list item by its name", "[scenario][overrides]") {
  const auto loaded = load({"call_types.retail.service.mean=200s"});
  CHECK(loaded.spec.call_types[0].service.mean() == Approx(200));
  CHECK(loaded.spec.call_types[1].service.mean() == Approx(360));  // the other type is untouched
  CHECK(loaded.overrides == std::vector<std::string>{"call_types.retail.service.mean=200s"});
  CHECK(loaded.text == kBase);  // the file as read, for provenance beside the overrides
}

TEST_CASE("an override selects a list item by its 0-based index", "[scenario][overrides]") {
  const auto loaded = load({"call_types.0.patience.mean=3min", "agent_groups.0.count=20"});
  REQUIRE(loaded.spec.call_types[0].patience.has_value());
  CHECK(loaded.spec.call_types[0].patience->mean() == Approx(180));
  CHECK(loaded.spec.agent_groups[0].count == 20);
}

TEST_CASE("an override may replace a whole list item", "[scenario][overrides]") {
  const auto loaded =
      load({"call_types.1={name: vip, arrivals: {rate: 6/h}, service: {distribution: constant, value: 1min}}",
            "agent_groups.0.skills=[retail, vip]"});
  CHECK(loaded.spec.call_types[1].name == "vip");
  CHECK(loaded.spec.call_types[1].service.mean() == Approx(60));
}

TEST_CASE("IVR nodes are selected by name like call types", "[scenario][overrides]") {
  const std::string ivr = CALLSIM_SOURCE_DIR "/tests/data/ivr-menu.yaml";
  const auto loaded = load_scenario(ivr, {"ivr.nodes.menu.duration={distribution: constant, value: 30s}"});
  REQUIRE(loaded.spec.ivr.has_value());
  REQUIRE(loaded.spec.ivr->nodes[1].duration.has_value());
  CHECK(loaded.spec.ivr->nodes[1].duration->mean() == Approx(30));
  try {
    (void)load_scenario(ivr, {"ivr.nodes.menue.duration={distribution: constant, value: 30s}"});
    FAIL("the scenario loaded");
  } catch (const ScenarioError& error) {
    CHECK(std::string(error.what()) ==
          "--set ivr.nodes.menue.duration={distribution: constant, value: 30s}: no IVR "
          "node named 'menue' (IVR nodes: welcome, menu, balance)");
  }
}

TEST_CASE("a star selects every item of a list", "[scenario][overrides]") {
  const auto loaded = load({"call_types.*.service.mean=5min"});
  CHECK(loaded.spec.call_types[0].service.mean() == Approx(300));
  CHECK(loaded.spec.call_types[1].service.mean() == Approx(300));
}

TEST_CASE("an override adds a key the mapping lacks and validation checks it", "[scenario][overrides]") {
  const auto loaded = load({"call_types.business.patience={distribution: exponential, mean: 3min}"});
  REQUIRE(loaded.spec.call_types[1].patience.has_value());
  CHECK(loaded.spec.call_types[1].patience->mean() == Approx(180));
  // An added key that is no key of the format gets the usual message, naming the override.
  CHECK(error_of({"call_types.retail.arival={rate: 10/h}"}) ==
        "--set call_types.retail.arival={rate: 10/h}: unknown key 'arival' in call type 'retail' (did you mean "
        "'arrivals'?); valid keys are: arrivals, balking, clear_when_unstaffed, max_queue_time, name, patience, "
        "patience_by_period, priority, "
        "priority_credit, queue_capacity, retrial, service, service_by_period, service_level, weight, wrap_up, "
        "wrap_up_by_period");
}

TEST_CASE("an override value may be a whole mapping or list", "[scenario][overrides]") {
  const auto loaded = load({"call_types.retail.service={distribution: lognormal, mean: 3min, cv: 0.5}",
                            "agent_groups.generalists.skills=[business, retail]"});
  CHECK(loaded.spec.call_types[0].service.name() == "lognormal");
  CHECK(loaded.spec.call_types[0].service.mean() == Approx(180));
  CHECK(loaded.spec.agent_groups[0].skills == std::vector<std::string>{"business", "retail"});
}

TEST_CASE("overrides apply in order and a later one changes one place only", "[scenario][overrides]") {
  const auto loaded =
      load({"agent_groups.0.count=20", "agent_groups.generalists.count=14",
            "call_types.*.service={distribution: exponential, mean: 5min}", "call_types.retail.service.mean=2min"});
  CHECK(loaded.spec.agent_groups[0].count == 14);
  CHECK(loaded.spec.call_types[0].service.mean() == Approx(120));
  CHECK(loaded.spec.call_types[1].service.mean() == Approx(300));  // its own copy of the starred value
}

TEST_CASE("no overrides load exactly as the one-argument functions do", "[scenario][overrides]") {
  const auto plain = load_scenario(kMultiskill);
  const auto none = load_scenario(kMultiskill, {});
  check_same(plain.spec, none.spec);
  CHECK(none.overrides.empty());
  CHECK(none.warnings == plain.warnings);
}

// ---- messages ----

TEST_CASE("a path that selects nothing is one sentence naming the override", "[scenario][overrides][errors]") {
  CHECK(error_of({"call_types.retial.service.mean=200s"}) ==
        "--set call_types.retial.service.mean=200s: no call type named 'retial' (call types: retail, business)");
  CHECK(error_of({"agent_groups.agents.count=3"}) ==
        "--set agent_groups.agents.count=3: no agent group named 'agents' (agent groups: generalists)");
  CHECK(error_of({"call_types.2.service.mean=200s"}) ==
        "--set call_types.2.service.mean=200s: call_types has 2 items (0 to 1), so there is no item 2");
  CHECK(error_of({"call_types.business.patience.mean=3min"}) ==
        "--set call_types.business.patience.mean=3min: call_types.business has no key 'patience' to set 'mean' "
        "in; its keys are: arrivals, name, service (to add 'patience', set it whole, e.g. --set "
        "call_types.business.patience={mean: 3min})");
  CHECK(error_of({"call_types.retail.servce.mean=200s"}) ==
        "--set call_types.retail.servce.mean=200s: call_types.retail has no key 'servce' (did you mean "
        "'service'?); its keys are: arrivals, name, patience, service");
  CHECK(error_of({"tme.duration=2h"}) ==
        "--set tme.duration=2h: the scenario has no key 'tme' (did you mean 'time'?); its keys are: agent_groups, "
        "call_types, name, time");
  CHECK(error_of({"name.first=x"}) ==
        "--set name.first=x: name is 'center', not a mapping or a list, so it has no 'first'");
  CHECK(error_of({"time.*=1h"}) ==
        "--set time.*=1h: '*' selects every item of a list, but time is a mapping; name one of its keys: duration");
  CHECK(error_of({"agent_groups.0.skills.sales=1"}) ==
        "--set agent_groups.0.skills.sales=1: agent_groups.generalists.skills has no item named 'sales': its items "
        "have no names; select one by its index, from 0");
}

TEST_CASE("a malformed override is refused with the form expected", "[scenario][overrides][errors]") {
  const std::string form =
      "expected PATH=VALUE: dot-separated keys, '=' and a YAML value (e.g. --set call_types.retail.service.mean=200s)";
  CHECK(error_of({"call_types.retail.service.mean"}) == "--set call_types.retail.service.mean: no '=' in it; " + form);
  CHECK(error_of({"=200s"}) == "--set =200s: the path before '=' is empty; " + form);
  CHECK(error_of({"call_types..service=1"}) ==
        "--set call_types..service=1: the path 'call_types..service' has an empty key; separate keys with single "
        "dots");
  CHECK(error_of({"call_types.retail.service={distribution: exponential"}) ==
        "--set call_types.retail.service={distribution: exponential: the value '{distribution: exponential' is not "
        "valid YAML (end of map flow not found); check its brackets and quotes, and quote the whole --set argument "
        "for the shell");
}

TEST_CASE("a bad value inside an override names the override instead of a line", "[scenario][overrides][errors]") {
  CHECK(error_of({"call_types.retail.service.mean=-5s"}) ==
        "--set call_types.retail.service.mean=-5s: call_types[0].service.mean must not be negative, got -5s");
  CHECK(error_of({"agent_groups.generalists.count=0"}) ==
        "--set agent_groups.generalists.count=0: agent_groups[0].count must be at least 1, got 0");
  CHECK(error_of({"call_types.retail.service={distribution: expo, mean: 3min}"}) ==
        "--set call_types.retail.service={distribution: expo, mean: 3min}: unknown distribution 'expo' for "
        "call_types[0].service (did you mean 'exponential'?); valid values are: constant, empirical, erlang, "
        "exponential, gamma, hyperexponential, loglogistic, lognormal, triangular, uniform, weibull");
  // The value on its own lines: a list item inside it is the override's too.
  CHECK(error_of({"agent_groups.0.skills=[retail, sales]"}) ==
        "--set agent_groups.0.skills=[retail, sales]: agent group 'generalists' has skill 'sales', which no call "
        "type defines; call types are: retail, business");
  CHECK(error_of({"call_types.0.service.mean="}) ==
        "--set call_types.0.service.mean=: center.yaml:7: call_types[0].service.mean is empty; give a value such "
        "as 20s");
  // Another line named in the message is the override, not a line past the file's end.
  const std::string item =
      "call_types.0={name: business, arrivals: {rate: 1/h}, service: {distribution: constant, "
      "value: 1min}}";
  CHECK(error_of({item}) == "center.yaml:9: call type name 'business' is used twice (first in --set " + item +
                                "); give each call type a unique name");
  CHECK(error_of({"agent_groups.0.shifts=[{start: 00:00, end: 08:00, count: 3}]"}) ==
        "--set agent_groups.0.shifts=[{start: 00:00, end: 08:00, count: 3}]: agent group 'generalists' gives both "
        "'count' (line 15) and 'shifts'; give one of count, staffing and shifts");
}

TEST_CASE("a problem an override causes elsewhere is blamed on it", "[scenario][overrides][errors]") {
  CHECK(error_of({"call_types.0.name=business"}) ==
        "--set call_types.0.name=business: center.yaml:9: call type name 'business' is used twice (first on line "
        "5); give each call type a unique name");
  CHECK(error_of({"agent_groups.generalists.skills=[retail]"}) ==
        "--set agent_groups.generalists.skills=[retail]: center.yaml:9: no agent group has skill 'business', so "
        "its calls would wait forever; add it to a group's skills");
  // The first override that makes the load fail is named, not every one given.
  CHECK(error_of({"call_types.retail.service.mean=3min", "agent_groups.0.skills=[retail]", "agent_groups.0.count=9"}) ==
        "--set agent_groups.0.skills=[retail]: center.yaml:9: no agent group has skill 'business', so its calls "
        "would wait forever; add it to a group's skills");
  // The file's own problem stays the file's, overrides or not.
  CHECK(error_of({"agent_groups.0.count=9"}, edited("duration: 8h", "duration: 0h")) ==
        "center.yaml:3: time.duration must be greater than 0, got 0h");
}

TEST_CASE("files named in an override are read relative to the scenario", "[scenario][overrides]") {
  const auto loaded = load_scenario(kMultiskill, {"call_types.retail.arrivals={forecast: "
                                                  "multiskill-small-forecast.csv, column: support}"});
  const auto plain = load_scenario(kMultiskill);
  CHECK(loaded.spec.call_types[0].arrivals.rates() == plain.spec.call_types[2].arrivals.rates());
  // A warning about an overridden entry names the override too.
  const std::string arrivals = "call_types.retail.arrivals={forecast: multiskill-small-forecast.csv}";
  const auto longer = load_scenario(kMultiskill, {arrivals, "time.duration=7h"});
  REQUIRE(longer.warnings.size() == 3);
  CHECK(longer.warnings[0] ==
        "--set " + arrivals +
            ": the forecast '" CALLSIM_SOURCE_DIR
            "/scenarios/library/multiskill-small-forecast.csv' of call type 'retail' ends at 14:00, "
            "before the counted period ends at 15:00; no 'retail' calls arrive after 14:00");
  const ScenarioFiles files(kBase, "unused.csv", "");
  CHECK(files.error_of({"call_types.retail.arrivals={forecast: day.csv}"}) ==
        "cannot read forecast 'DIR/day.csv' (given in --set call_types.retail.arrivals={forecast: day.csv}): No "
        "such file or directory");
}

// ---- arrivals.scale ----

TEST_CASE("arrivals scale multiplies a constant rate", "[scenario][overrides]") {
  const auto loaded = load({"call_types.*.arrivals.scale=1.1"});
  CHECK(loaded.spec.call_types[0].arrivals.rate_at(callsim::sim::Time(0)) == Approx(120 * 1.1 / 3600));
  CHECK(loaded.spec.call_types[1].arrivals.rate_at(callsim::sim::Time(0)) == Approx(60 * 1.1 / 3600));
  const auto written = load({}, edited("{rate: 120/h}", "{rate: 120/h, scale: 0.5}"));
  CHECK(written.spec.call_types[0].arrivals.rate_at(callsim::sim::Time(0)) == Approx(60.0 / 3600));
}

TEST_CASE("arrivals scale multiplies every forecast volume of a shipped scenario", "[scenario][overrides]") {
  const auto plain = load_scenario(kMultiskill);
  const auto scaled = load_scenario(kMultiskill, {"call_types.*.arrivals.scale=1.25"});
  for (std::size_t k = 0; k < plain.spec.call_types.size(); ++k) {
    const auto& before = plain.spec.call_types[k].arrivals.rates();
    const auto& after = scaled.spec.call_types[k].arrivals.rates();
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < before.size(); ++i) CHECK(after[i] == Approx(before[i] * 1.25));
  }
}

TEST_CASE("a scale of 1 on every call type gives exactly the same spec", "[scenario][overrides]") {
  const auto plain = load_scenario(kMultiskill);
  const auto scaled = load_scenario(kMultiskill, {"call_types.*.arrivals.scale=1.0"});
  check_same(plain.spec, scaled.spec);
  CHECK(scaled.warnings == plain.warnings);
}

TEST_CASE("a trace refuses a scale and the override is named", "[scenario][overrides][errors]") {
  const ScenarioFiles files(edited("{rate: 120/h}", "{trace: calls.csv}"), "calls.csv", "time\n00:10\n00:20\n");
  CHECK(files.error_of({"call_types.*.arrivals.scale=1.1"}) ==
        "--set call_types.*.arrivals.scale=1.1: call_types[0].arrivals.scale applies to a rate or a forecast only; "
        "a trace replays each recorded call once (edit the trace to change the volume)");
}

// ---- staffing_scale ----

TEST_CASE("staffing_scale rounds to the nearest whole agent with halves away from zero", "[scenario][staffing]") {
  using callsim::scenarios::detail::scaled_agents;
  CHECK(scaled_agents(12, 1) == 12);
  CHECK(scaled_agents(12, 1.125) == 14);  // 13.5
  CHECK(scaled_agents(5, 0.5) == 3);      // 2.5
  CHECK(scaled_agents(10, 1.15) == 12);   // 11.5 as written, 11.4999... in binary
  CHECK(scaled_agents(10, 1.14) == 11);
  CHECK(scaled_agents(3, 0.1) == 0);
  CHECK(scaled_agents(0, 3) == 0);
  CHECK_FALSE(scaled_agents(1000, 1e7).has_value());
}

TEST_CASE("staffing_scale multiplies a constant count", "[scenario][staffing][overrides]") {
  CHECK(load({"agent_groups.*.staffing_scale=1.25"}).spec.agent_groups[0].count == 15);
  CHECK(load({"agent_groups.generalists.staffing_scale=1.125"}).spec.agent_groups[0].count == 14);  // 13.5
  CHECK(load({}, edited("    count: 12\n", "    count: 12\n    staffing_scale: 0.5\n")).spec.agent_groups[0].count ==
        6);
}

TEST_CASE("staffing_scale multiplies every step of a staffing plan", "[scenario][staffing][overrides]") {
  const ScenarioFiles files(edited("    count: 12\n", "    staffing: plan.csv\n    staffing_scale: 1.5\n"), "plan.csv",
                            "interval_start,generalists\n00:00,3\n02:00,5\n04:00,8\n06:00,1\n");
  const auto loaded = load_scenario(files.yaml);
  // 4.5 -> 5, 7.5 -> 8, 12, 1.5 -> 2, then 0 after the plan.
  CHECK(steps_of(loaded.spec.agent_groups[0].staffing) ==
        Steps{{0, 5}, {7200, 8}, {14400, 12}, {21600, 2}, {28800, 0}});
}

TEST_CASE("staffing_scale multiplies the steps that shifts resolve into", "[scenario][staffing][overrides]") {
  const std::string shifts = R"(    shifts:
      - {start: 00:00, end: 06:00, count: 10, breaks: [{start: 02:00, duration: 30min, count: 3}]}
      - {start: 04:00, end: 08:00, count: 5}
)";
  const auto plain = load({}, edited("    count: 12\n", shifts));
  CHECK(steps_of(plain.spec.agent_groups[0].staffing) ==
        Steps{{0, 10}, {7200, 7}, {9000, 10}, {14400, 15}, {21600, 5}, {28800, 0}});
  const auto scaled = load({"agent_groups.generalists.staffing_scale=0.5"}, edited("    count: 12\n", shifts));
  // Each step times 0.5: 5, 3.5 -> 4, 5, 7.5 -> 8, 2.5 -> 3, 0.
  CHECK(steps_of(scaled.spec.agent_groups[0].staffing) ==
        Steps{{0, 5}, {7200, 4}, {9000, 5}, {14400, 8}, {21600, 3}, {28800, 0}});
}

TEST_CASE("staffing_scale is a positive number that leaves someone on duty", "[scenario][staffing][errors]") {
  CHECK(error_of({"agent_groups.0.staffing_scale=0"}) ==
        "--set agent_groups.0.staffing_scale=0: agent_groups[0].staffing_scale must be greater than 0, got 0");
  CHECK(error_of({"agent_groups.0.staffing_scale=10%"}) ==
        "--set agent_groups.0.staffing_scale=10%: agent_groups[0].staffing_scale '10%' is not a number; expected a "
        "plain number without a unit, e.g. 0.8");
  CHECK(error_of({"agent_groups.0.staffing_scale=0.04"}) ==
        "--set agent_groups.0.staffing_scale=0.04: agent_groups[0].staffing_scale 0.04 leaves agent group "
        "'generalists' no agent on duty at any time: every number of its agents times 0.04 rounds to 0; give a "
        "larger staffing_scale");
  CHECK(error_of({"agent_groups.0.staffing_scale=1e9"}) ==
        "--set agent_groups.0.staffing_scale=1e9: agent_groups[0].staffing_scale 1e9 gives agent group "
        "'generalists' 12 x 1e9 agents, more than 100000 (the most a group may have on duty at once); give a smaller "
        "staffing_scale");
  CHECK(error_of({}, edited("    count: 12\n", "    count: 12\n    staffing_scale: -1\n")) ==
        "center.yaml:16: agent_groups[0].staffing_scale must be greater than 0, got -1");
}
