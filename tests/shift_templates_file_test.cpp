#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scenarios/loader.hpp"
#include "scenarios/shift_templates_file.hpp"

using callsim::scenarios::parse_shift_templates;
using callsim::scenarios::ScenarioError;

namespace {

const std::vector<std::string> kGroups{"agents", "specialists"};

std::string message_of(const std::string& text) {
  try {
    parse_shift_templates(text, "t.yaml", kGroups);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("shift templates file reads starts, breaks, costs, bounds and days") {
  const auto ts = parse_shift_templates(R"(templates:
  - name: early
    group: specialists
    start: {from: "07:00", to: "09:00", step: 30min}
    length: 8h
    breaks:
      - {length: 15min, earliest: 1h, latest: 2h, step: 15min, paid: true}
      - {length: 30min, earliest: 3h, latest: 5h, step: 30min}
    cost_per_hour: 21.5
    min: 1
    max: 30
    days: [mon, 3, fri]
)",
                                        "t.yaml", kGroups);
  REQUIRE(ts.size() == 1);
  const auto& t = ts[0];
  CHECK(t.name == "early");
  CHECK(t.group == 1);
  CHECK(t.start_from == 7 * 3600);
  CHECK(t.start_to == 9 * 3600);
  CHECK(t.start_step == 1800);
  CHECK(t.length == 8 * 3600);
  REQUIRE(t.breaks.size() == 2);
  CHECK(t.breaks[0].paid);
  CHECK_FALSE(t.breaks[1].paid);
  CHECK(t.breaks[1].latest == 5 * 3600);
  CHECK(t.paid_seconds() == 8 * 3600 - 1800);
  CHECK(t.cost_per_paid_hour == 21.5);
  CHECK(t.min_agents == 1);
  CHECK(t.max_agents == 30);
  CHECK(t.days == std::vector<int>{1, 3, 5});
}

TEST_CASE("shift templates file rejects bad input with file, line and the fix") {
  const std::string head = "templates:\n  - name: early\n    group: agents\n";
  CHECK(message_of("templates:\n  - name: early\n    group: agents\n    length: 8h\n    cost_per_hour: 20\n") ==
        "t.yaml:2: shift template 'early' is missing 'start' (e.g. start: {from: \"07:00\", to: \"10:00\", step: "
        "30min})");
  CHECK_THAT(
      message_of(head + "    start: {from: \"07:00\"}\n    length: 8h\n    cost_per_hour: 20\n    colour: red\n"),
      Catch::StartsWith("t.yaml:7: ") && Catch::Contains("colour"));
  CHECK_THAT(message_of(head + "    start: {from: \"07:00\"}\n    length: 8h\n    cost_per_hour: -3\n"),
             Catch::StartsWith("t.yaml:6: ") && Catch::Contains("cost_per_hour"));
  CHECK(message_of(head + "    start: {from: \"09:00\", to: \"07:00\"}\n    length: 8h\n    cost_per_hour: 20\n") ==
        "t.yaml:4: templates[0].start.to 07:00 is before templates[0].start.from 09:00; the start window runs from "
        "'from' to 'to' (give to >= from)");
  CHECK_THAT(message_of(head + "    start: {from: \"07:00\"}\n    length: 4h\n    breaks:\n      - {length: 1h, "
                               "earliest: 2h, latest: 3.5h}\n    cost_per_hour: 20\n"),
             Catch::StartsWith("t.yaml:7: break 'templates[0].breaks[0]'") && Catch::Contains("ends after the shift"));
  CHECK_THAT(message_of("templates:\n  - name: early\n    group: agentz\n    start: {from: \"07:00\"}\n    length: "
                        "8h\n    cost_per_hour: 20\n"),
             Catch::StartsWith("t.yaml:3: shift template 'early' has group 'agentz'") &&
                 Catch::Contains("did you mean 'agents'"));
  CHECK(message_of(head + "    start: {from: \"07:00\"}\n    length: 8h\n    cost_per_hour: 20\n    min: 5\n    max: "
                          "2\n") == "t.yaml:8: shift template 'early' has min 5 above max 2; give min <= max");
}
