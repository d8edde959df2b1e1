// Names that become part of the results (docs/scenario.md, "Names"), printable messages, and
// the contract that a load throws ScenarioError and nothing else.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scenarios/loader.hpp"

using callsim::scenarios::load_scenario_text;
using callsim::scenarios::ScenarioError;

namespace {

const std::string kCenter = R"(name: center
time: {duration: 8h}
call_types:
  - name: retail
    arrivals: {rate: 100/h}
    service: {distribution: exponential, mean: 180s}
agent_groups:
  - name: agents
    skills: [retail]
    count: 10
)";

const std::string kIvr = R"(name: center
time: {duration: 8h}
call_types:
  - name: retail
    service: {distribution: exponential, mean: 180s}
agent_groups:
  - name: agents
    skills: [retail]
    count: 10
ivr:
  arrivals: {rate: 100/h}
  nodes:
    - name: menu
      branches: {queue retail: 1}
)";

std::string edited(const std::string& from, const std::string& to, const std::string& text = kCenter) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.substr(0, at) + to + text.substr(at + from.size());
}

// The message of the load, "loaded", or a note of the foreign exception (which fails).
std::string error_of(const std::string& text, const std::vector<std::string>& sets = {}) {
  try {
    static_cast<void>(load_scenario_text(text, "center.yaml", sets));
  } catch (const ScenarioError& e) {
    return e.what();
  } catch (const std::exception& e) {
    FAIL("not a ScenarioError: " << e.what());
  }
  return "loaded";
}

const std::string kRule =
    "a name is 1 to 64 bytes of UTF-8 text without '/', ',' or control characters and without spaces at either end, "
    "and is not '.' or '..'";

}  // namespace

TEST_CASE("a call type, agent group or IVR node without a name gets a message, not yaml-cpp's exception",
          "[scenario][names][errors]") {
  CHECK(error_of(edited("  - name: retail\n    arrivals", "  - arrivals")) ==
        "center.yaml:4: call_types[0] is missing 'name' (a unique name, e.g. general)");
  CHECK(error_of(edited("  - name: agents\n    skills", "  - skills")) ==
        "center.yaml:8: agent_groups[0] is missing 'name' (a unique name, e.g. agents)");
  CHECK(error_of(edited("    - name: menu\n      branches", "    - branches", kIvr)) ==
        "center.yaml:13: ivr.nodes[0] is missing 'name' (a unique name, e.g. menu)");
  // A name that is not a plain value labels nothing either.
  CHECK(error_of(edited("name: retail", "name: [retail]")) ==
        "center.yaml:4: call_types[0].name must be a single value such as general; got a list");
}

TEST_CASE("set overrides on names and items without names", "[scenario][names][overrides]") {
  CHECK(error_of(kCenter, {"call_types.0.name="}) ==
        "--set call_types.0.name=: center.yaml:4: call_types[0].name is empty; give a value such as general");
  CHECK(error_of(kCenter, {"call_types.0.name=a/b"}) ==
        "--set call_types.0.name=a/b: call_types[0].name 'a/b' contains '/'; " + kRule + " (e.g. general)");
  CHECK(error_of(kCenter, {"name=scenario"}) ==
        "--set name=scenario: 'name' 'scenario' is reserved: the results file has its own '/scenario'; " + kRule +
            ", 'scenario' or 'comparison' (e.g. erlang-a)");
  // Items selected by name in a list whose items lack names: a message, not an exception.
  const std::string nameless = edited("  - name: retail\n    arrivals", "  - arrivals");
  CHECK(error_of(nameless, {"call_types.retail.service.mean=200s"}) ==
        "--set call_types.retail.service.mean=200s: no call type named 'retail' (call types: )");
  CHECK(error_of(kCenter, {"call_types.0={}"}) ==
        "--set call_types.0={}: call_types[0] is missing 'name' (a unique name, e.g. general)");
  CHECK(error_of(kCenter, {"call_types.0=~"}).rfind("--set call_types.0=~: call_types[0] must be a mapping", 0) == 0);
}

TEST_CASE("names follow the rules of the results file", "[scenario][names]") {
  const auto type_named = [](const std::string& yaml_name) {
    return error_of(edited("name: retail", "name: " + yaml_name));
  };
  const std::string type = "center.yaml:4: call_types[0].name ";
  CHECK(type_named("a/b") == type + "'a/b' contains '/'; " + kRule + " (e.g. general)");
  CHECK(type_named("'a,b'") == type + "'a,b' contains ','; " + kRule + " (e.g. general)");
  CHECK(type_named("'.'") == type + "'.' is reserved: '.' and '..' name directories; " + kRule + " (e.g. general)");
  CHECK(type_named("'..'") == type + "'..' is reserved: '.' and '..' name directories; " + kRule + " (e.g. general)");
  CHECK(type_named("' retail'") == type + "' retail' begins or ends with a space; " + kRule + " (e.g. general)");
  CHECK(type_named("\"retail\\u00A0\"") ==
        type + "'retail\u00A0' begins or ends with a space; " + kRule + " (e.g. general)");
  CHECK(type_named("\"a\\tb\"") == type + "'a\\tb' contains a control character; " + kRule + " (e.g. general)");
  CHECK(type_named("\"a\\0b\"") == type + "'a\\x00b' contains a NUL byte; " + kRule + " (e.g. general)");
  CHECK(type_named("\"a\\e[31mb\"") ==
        type + "'a\\x1B[31mb' contains a control character; " + kRule + " (e.g. general)");
  CHECK(type_named("\"a\\u202Eb\"") ==
        type + "'a\\xE2\\x80\\xAEb' contains a control character; " + kRule + " (e.g. general)");
  CHECK(type_named("a\xff") == type + "'a\\xFF' is not valid UTF-8 text; " + kRule + " (e.g. general)");
  CHECK(type_named("a\xc0\xaf") == type + "'a\\xC0\\xAF' is not valid UTF-8 text; " + kRule + " (e.g. general)");
  CHECK(type_named(std::string(65, 'x')) ==
        type + "'" + std::string(40, 'x') + "...' is longer than 64 bytes (65); " + kRule + " (e.g. general)");
  // Within the rules: 64 bytes, inner spaces, any script, punctuation other than / and ,.
  const std::string longest(64, 'x');
  CHECK(error_of(edited("name: retail", "name: " + longest, edited("[retail]", "[" + longest + "]"))) == "loaded");
  CHECK(error_of(edited("name: retail", "name: retail banking", edited("[retail]", "[retail banking]"))) == "loaded");
  CHECK(error_of(edited("name: retail", "name: Kundendienst-Österreich_2",
                        edited("[retail]", "[Kundendienst-Österreich_2]"))) == "loaded");

  CHECK(error_of(edited("name: agents", "name: a/b")) ==
        "center.yaml:8: agent_groups[0].name 'a/b' contains '/'; " + kRule + " (e.g. agents)");
  CHECK(error_of(edited("name: menu", "name: '..'", kIvr)) ==
        "center.yaml:13: ivr.nodes[0].name '..' is reserved: '.' and '..' name directories; " + kRule + " (e.g. menu)");
  CHECK(error_of(kCenter + "costs: {currency: \"EUR\\n\", agent_hour: 20}\n") ==
        "center.yaml:11: costs.currency 'EUR\\n' contains a control character; " + kRule + " (e.g. EUR)");
}

TEST_CASE("the scenario's name is not one of the results file's own entries", "[scenario][names]") {
  const std::string rule = kRule + ", 'scenario' or 'comparison' (e.g. erlang-a)";
  CHECK(error_of(edited("name: center", "name: scenario")) ==
        "center.yaml:1: 'name' 'scenario' is reserved: the results file has its own '/scenario'; " + rule);
  CHECK(error_of(edited("name: center", "name: comparison")) ==
        "center.yaml:1: 'name' 'comparison' is reserved: the results file has its own '/comparison'; " + rule);
  CHECK(error_of(edited("name: center", "name: ../center")) ==
        "center.yaml:1: 'name' '../center' contains '/'; " + rule);
  CHECK(error_of(edited("name: center", "name: '.'")) ==
        "center.yaml:1: 'name' '.' is reserved: '.' and '..' name directories; " + rule);
  // Blank names keep their message.
  CHECK(error_of(edited("name: center", "name: '  '")) ==
        "center.yaml:1: 'name' must not be blank; give a name such as erlang-a");
  // The other parts may use those words.
  CHECK(error_of(edited("name: retail", "name: scenario", edited("[retail]", "[scenario]"))) == "loaded");
}

TEST_CASE("messages are one printable line whatever the file holds", "[scenario][names][errors]") {
  // An unknown key with a terminal escape and a newline in it, quoted in the message.
  const std::string message = error_of(edited("time: {duration: 8h}", "time: {duration: 8h, \"x\\e]0;\\n\": 1}"));
  CHECK(message ==
        "center.yaml:2: unknown key 'x\\x1B]0;\\n' in 'time'; valid keys are: duration, interval, start, "
        "warmup");
  // Bytes that are not UTF-8 in a value.
  CHECK(error_of(edited("rate: 100/h", "rate: \"100\xff/h\"")) ==
        "center.yaml:5: call_types[0].arrivals.rate '100\\xFF/h' is not a rate: expected calls per unit of time: /s, "
        "/min, /h or /d (e.g. 1000/h, 16.7/min)");
  // A message never runs to megabytes, whatever it quotes.
  const std::string huge_value(100000, 'k');
  const std::string long_message = error_of(edited("rate: 100/h", "rate: " + huge_value + "/h"));
  CHECK(long_message.size() <= 4003);
  CHECK(long_message.rfind("center.yaml:5: call_types[0].arrivals.rate 'kkk", 0) == 0);
  CHECK(long_message.substr(long_message.size() - 3) == "...");
}
