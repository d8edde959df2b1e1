// Scenario keys for what happens to calls besides being answered or abandoning: after-call
// work, queue capacity (busy signals), balking, retrials; and the center-wide opening hours
// and day-level busyness.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scenarios/loader.hpp"

using callsim::scenarios::load_scenario_text;

namespace {

// Two call types, one group; time 0 is 07:00. Line numbers in messages refer to this text.
const std::string kBase = R"(name: center
time:
  start: 07:00
  duration: 17h
call_types:
  - name: retail
    arrivals: {rate: 100/h}
    service: {distribution: exponential, mean: 3min}
    patience: {distribution: exponential, mean: 5min}
  - name: vip
    arrivals: {rate: 10/h}
    service: {distribution: exponential, mean: 4min}
agent_groups:
  - name: agents
    skills: [retail, vip]
    count: 10
)";

// kBase with the first `from` replaced by `to`; fails when `from` is absent.
std::string edited(const std::string& from, const std::string& to, const std::string& text = kBase) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.substr(0, at) + to + text.substr(at + from.size());
}

// kBase with `lines` added to the retail call type, after its patience (line 9): the first
// added line is line 10.
std::string retail_with(const std::string& lines) {
  const std::string patience = "    patience: {distribution: exponential, mean: 5min}\n";
  return edited(patience, patience + lines);
}

// kBase with `lines` added at the top level, at the end: the first added line is line 17.
std::string with_top(const std::string& lines) { return kBase + lines; }

callsim::scenarios::LoadedScenario load(const std::string& text) { return load_scenario_text(text, "center.yaml"); }

using Periods = std::vector<std::pair<double, double>>;

Periods periods_of(const callsim::models::CenterSpec& spec) {
  Periods out;
  for (const auto& p : spec.open_hours) out.emplace_back(p.from.seconds(), p.to.seconds());
  return out;
}

}  // namespace

TEST_CASE("call outcome keys default to none", "[scenario][outcomes]") {
  const auto loaded = load(kBase);
  const auto& retail = loaded.spec.call_types[0];
  CHECK_FALSE(retail.wrap_up.has_value());
  CHECK(retail.queue_capacity == -1);
  CHECK(retail.balk_probability.empty());
  CHECK(retail.retrial.probability == 0);
  CHECK_FALSE(retail.retrial.delay.has_value());
  CHECK(loaded.spec.open_hours.empty());
  CHECK(loaded.spec.busyness_cv == 0);
  CHECK_FALSE(loaded.spec.ivr.has_value());
}

TEST_CASE("wrap_up queue_capacity balking and retrial are read into the call type", "[scenario][outcomes]") {
  const auto loaded = load(retail_with(R"(    wrap_up: {distribution: constant, value: 45s}
    queue_capacity: 20
    balking: {by_queue_length: [0, 0.05, 0.2, 0.5]}
    retrial: {probability: 0.6, delay: {distribution: exponential, mean: 10min}, as: vip}
)"));
  const auto& retail = loaded.spec.call_types[0];
  REQUIRE(retail.wrap_up.has_value());
  CHECK(retail.wrap_up->mean() == 45);
  CHECK(retail.queue_capacity == 20);
  CHECK(retail.balk_probability == std::vector<double>{0, 0.05, 0.2, 0.5});
  CHECK(retail.retrial.probability == 0.6);
  REQUIRE(retail.retrial.delay.has_value());
  CHECK(retail.retrial.delay->mean() == 600);
  CHECK(retail.retrial.as_type == 1);
}

TEST_CASE("a constant balking probability and a retrial as the same type", "[scenario][outcomes]") {
  const auto loaded = load(edited("    service: {distribution: exponential, mean: 4min}\n",
                                  "    service: {distribution: exponential, mean: 4min}\n"
                                  "    balking: {probability: 0.1}\n"
                                  "    queue_capacity: 0\n"
                                  "    retrial: {probability: 1, delay: {distribution: constant, value: 2min}}\n"));
  const auto& vip = loaded.spec.call_types[1];
  CHECK(vip.balk_probability == std::vector<double>{0.1});
  CHECK(vip.queue_capacity == 0);
  CHECK(vip.retrial.probability == 1);
  CHECK(vip.retrial.as_type == 1);
}

TEST_CASE("a retrial is by a new caller unless same_caller says otherwise", "[scenario][outcomes]") {
  const std::string retrial = "    retrial: {probability: 0.5, delay: {distribution: exponential, mean: 10min}";
  CHECK_FALSE(load(retail_with(retrial + "}\n")).spec.call_types[0].retrial.same_caller);
  CHECK_FALSE(load(retail_with(retrial + ", same_caller: false}\n")).spec.call_types[0].retrial.same_caller);
  CHECK(load(retail_with(retrial + ", same_caller: true}\n")).spec.call_types[0].retrial.same_caller);
  CHECK_THROWS_WITH(load(retail_with("    retrial:\n      probability: 0.5\n      delay: {distribution: constant, "
                                     "value: 10min}\n      same_caller: maybe\n")),
                    "center.yaml:13: call_types[0].retrial.same_caller must be true or false, got 'maybe'");
}

TEST_CASE("clear_when_unstaffed is a flag, false by default", "[scenario][outcomes]") {
  CHECK_FALSE(load(kBase).spec.call_types[0].clear_when_unstaffed);
  CHECK(load(retail_with("    clear_when_unstaffed: true\n")).spec.call_types[0].clear_when_unstaffed);
  CHECK_THROWS_WITH(load(retail_with("    clear_when_unstaffed: sometimes\n")),
                    "center.yaml:10: call_types[0].clear_when_unstaffed must be true or false, got 'sometimes'");
}

TEST_CASE("max_queue_time is a positive duration, none by default", "[scenario][outcomes]") {
  CHECK(load(kBase).spec.call_types[0].max_queue_time == callsim::sim::Time::infinity());
  CHECK(load(retail_with("    max_queue_time: 3min\n")).spec.call_types[0].max_queue_time == callsim::sim::Time(180));
  CHECK_THROWS_WITH(load(retail_with("    max_queue_time: 0s\n")),
                    Catch::Contains("center.yaml:10: call_types[0].max_queue_time must be greater than 0"));
  CHECK_THROWS_WITH(load(retail_with("    max_queue_time: soon\n")),
                    Catch::StartsWith("center.yaml:10: call_types[0].max_queue_time"));
}

TEST_CASE("queue capacity is a whole number of at least 0", "[scenario][outcomes][errors]") {
  CHECK_THROWS_WITH(load(retail_with("    queue_capacity: -1\n")),
                    "center.yaml:10: call_types[0].queue_capacity must not be negative, got -1");
  CHECK_THROWS_WITH(load(retail_with("    queue_capacity: 2.5\n")),
                    "center.yaml:10: call_types[0].queue_capacity '2.5' is not a whole number; expected the number "
                    "of calls that may wait at once, such as 20");
}

TEST_CASE("balking takes one probability or one per queue length", "[scenario][outcomes][errors]") {
  CHECK_THROWS_WITH(load(retail_with("    balking: {probability: 0.1, by_queue_length: [0, 0.1]}\n")),
                    "center.yaml:10: call_types[0].balking gives both 'probability' and 'by_queue_length'; give "
                    "one: the same probability whatever the queue, e.g. {probability: 0.1}, or one per number of "
                    "calls already waiting, e.g. {by_queue_length: [0, 0.05, 0.2]}");
  CHECK_THROWS_WITH(load(retail_with("    balking: {}\n")),
                    "center.yaml:10: call_types[0].balking is missing 'probability' or 'by_queue_length' (the same "
                    "probability whatever the queue, e.g. {probability: 0.1}, or one per number of calls already "
                    "waiting, e.g. {by_queue_length: [0, 0.05, 0.2]})");
  CHECK_THROWS_WITH(load(retail_with("    balking: {probability: 1.5}\n")),
                    "center.yaml:10: call_types[0].balking.probability must be between 0 and 1, got 1.5");
  CHECK_THROWS_WITH(load(retail_with("    balking: {by_queue_length: [0, 1.2]}\n")),
                    "center.yaml:10: call_types[0].balking.by_queue_length[1] must be between 0 and 1, got 1.2");
  CHECK_THROWS_WITH(load(retail_with("    balking: {by_queue_length: []}\n")),
                    "center.yaml:10: call_types[0].balking.by_queue_length is empty; it must be a list of "
                    "probabilities, one per number of calls already waiting (0, 1, 2, ...; the last holds for more), "
                    "e.g. [0, 0.05, 0.2]");
  CHECK_THROWS_WITH(load(retail_with("    balking: 0.1\n")),
                    "center.yaml:10: call_types[0].balking must be a mapping with keys: by_queue_length, "
                    "probability; got '0.1'");
}

TEST_CASE("a retrial needs a probability above 0 a delay and a known type", "[scenario][outcomes][errors]") {
  const std::string delay = "delay: {distribution: exponential, mean: 10min}";
  CHECK_THROWS_WITH(load(retail_with("    retrial: {probability: 0, " + delay + "}\n")),
                    "center.yaml:10: call_types[0].retrial.probability must be greater than 0 and at most 1, got 0");
  CHECK_THROWS_WITH(load(retail_with("    retrial: {probability: 0.5}\n")),
                    "center.yaml:10: call_types[0].retrial is missing 'delay' (the time until they call again, e.g. "
                    "{distribution: exponential, mean: 10min})");
  CHECK_THROWS_WITH(load(retail_with("    retrial:\n      probability: 0.5\n      " + delay + "\n      as: vpi\n")),
                    "center.yaml:13: call_types[0].retrial.as 'vpi' names no call type (did you mean 'vip'?); call "
                    "types are: retail, vip (leave 'as' out to retry as the same type)");
  CHECK_THROWS_WITH(load(retail_with("    retrial: {" + delay + "}\n")),
                    "center.yaml:10: call_types[0].retrial is missing 'probability' (the share of failed callers who "
                    "call again, e.g. 0.6)");
}

TEST_CASE("wrap_up is a distribution and cannot be left empty", "[scenario][outcomes][errors]") {
  CHECK_THROWS_WITH(load(retail_with("    wrap_up:\n")),
                    "center.yaml:10: call_types[0].wrap_up is empty; give a distribution such as {distribution: "
                    "exponential, mean: 30s}, or remove the key for no after-call work");
  CHECK_THROWS_WITH(load(retail_with("    wrap_up: 30s\n")),
                    "center.yaml:10: call_types[0].wrap_up must be a distribution such as {distribution: "
                    "exponential, mean: 180s}; got '30s'");
}

// ---- opening hours ----

TEST_CASE("open hours are simulation seconds from time.start", "[scenario][outcomes]") {
  const auto spec = load(with_top("open_hours:\n  - {from: 07:00, to: 12:00}\n  - {from: 13:00, to: 24:00}\n")).spec;
  CHECK(periods_of(spec) == Periods{{0, 5 * 3600}, {6 * 3600, 17 * 3600}});
}

TEST_CASE("open hours before time.start are cut and later days are written D HH:MM", "[scenario][outcomes]") {
  const auto spec = load(with_top("open_hours:\n  - {from: 01:00, to: 05:00}\n  - {from: 06:00, to: 12:00}\n"
                                  "  - {from: 20:00, to: 2 02:00}\n  - {from: 2 07:00, to: 2 24:00}\n"))
                        .spec;
  // 01:00-05:00 ended before the simulation starts; 06:00-12:00 counts from 07:00.
  CHECK(periods_of(spec) == Periods{{0, 5 * 3600}, {13 * 3600, 19 * 3600}, {24 * 3600, 41 * 3600}});
}

TEST_CASE("open hours are sorted non-overlapping periods on the clock", "[scenario][outcomes][errors]") {
  CHECK_THROWS_WITH(load(with_top("open_hours:\n  - {from: 22:00, to: 02:00}\n")),
                    "center.yaml:18: open_hours[0] closes at 02:00, not after it opens at 22:00; give a 'to' after "
                    "'from' (a period past midnight ends on the next day: to: 2 02:00)");
  CHECK_THROWS_WITH(load(with_top("open_hours:\n  - {from: 07:00, to: 13:00}\n  - {from: 12:00, to: 18:00}\n")),
                    "center.yaml:19: open_hours[1] opens at 12:00, before open_hours[0] closes at 13:00; list the "
                    "periods in time order, without overlap");
  CHECK_THROWS_WITH(load(with_top("open_hours:\n  - {from: 14:00, to: 18:00}\n  - {from: 08:00, to: 12:00}\n")),
                    "center.yaml:19: open_hours[1] opens at 08:00, before open_hours[0] closes at 18:00; list the "
                    "periods in time order, without overlap");
  CHECK_THROWS_WITH(load(with_top("open_hours:\n  - {from: 07:00, to: 24:30}\n")),
                    "center.yaml:18: open_hours[0].to '24:30' is not a clock time; expected HH:MM (e.g. 07:00), or "
                    "D HH:MM for day D = 1..7 counted from the day of time.start (e.g. 2 06:00 for 06:00 the next "
                    "day); 24:00 for midnight");
  CHECK_THROWS_WITH(load(with_top("open_hours:\n  - {from: 7am, to: 12:00}\n")),
                    "center.yaml:18: open_hours[0].from '7am' is not a clock time; expected HH:MM (e.g. 07:00), or "
                    "D HH:MM for day D = 1..7 counted from the day of time.start (e.g. 2 06:00 for 06:00 the next "
                    "day)");
  CHECK_THROWS_WITH(load(with_top("open_hours:\n  - {from: 07:00}\n")),
                    "center.yaml:18: open_hours[0] is missing 'to' (when it closes, e.g. 24:00)");
  CHECK_THROWS_WITH(load(with_top("open_hours:\n  - {from: 01:00, to: 06:00}\n")),
                    "center.yaml:18: 'open_hours' has no period during the simulated period 07:00 to 24:00 "
                    "(time.start, warmup and duration), so the center would take no call; give opening hours in "
                    "that period, or change time.start");
  CHECK_THROWS_WITH(load(with_top("open_hours: {from: 07:00, to: 12:00}\n")),
                    "center.yaml:17: 'open_hours' must be a list of periods when the center takes calls, e.g. "
                    "[{from: 07:00, to: 24:00}]; got a mapping");
}

// ---- busyness ----

TEST_CASE("busyness takes a cv of at least 0", "[scenario][outcomes]") {
  CHECK(load(with_top("busyness: {cv: 0.1}\n")).spec.busyness_cv == 0.1);
  CHECK(load(with_top("busyness: {cv: 0}\n")).spec.busyness_cv == 0);
  CHECK_THROWS_WITH(load(with_top("busyness: {cv: -0.1}\n")),
                    "center.yaml:17: busyness.cv must not be negative, got -0.1");
  CHECK_THROWS_WITH(load(with_top("busyness: {}\n")),
                    "center.yaml:17: 'busyness' is missing 'cv' (the coefficient of variation of the day-level "
                    "busyness factor, e.g. 0.1)");
  CHECK_THROWS_WITH(load(with_top("busyness: {sd: 0.1}\n")),
                    "center.yaml:17: unknown key 'sd' in 'busyness'; valid keys are: cv");
}

// ---- the overload warning ----

TEST_CASE("a bounded queue or closed hours change the overload warning", "[scenario][outcomes][warnings]") {
  // 150 calls/h of 4 min: 10 Erlangs on 10 agents, nobody abandons.
  const std::string overloaded = edited("    patience: {distribution: exponential, mean: 5min}\n", "",
                                        edited("    arrivals: {rate: 10/h}", "    arrivals: {rate: 50/h}",
                                               edited("    service: {distribution: exponential, mean: 3min}",
                                                      "    service: {distribution: exponential, mean: 4min}")));
  REQUIRE(load(overloaded).warnings.size() == 1);
  CHECK(load(overloaded).warnings[0] ==
        "center.yaml: offered load 10.0 Erlangs is at or above the 10 agents and callers never abandon: the queue "
        "grows without bound and the results depend on the horizon");
  // A queue capacity bounds the queue: no warning.
  CHECK(
      load(edited("    arrivals: {rate: 100/h}\n", "    arrivals: {rate: 100/h}\n    queue_capacity: 50\n", overloaded))
          .warnings.empty());
  // Balking that reaches 1 bounds it too; balking below 1 does not.
  CHECK(load(edited("    arrivals: {rate: 100/h}\n",
                    "    arrivals: {rate: 100/h}\n    balking: {by_queue_length: [0, 0.5, 1]}\n", overloaded))
            .warnings.empty());
  CHECK(load(edited("    arrivals: {rate: 100/h}\n", "    arrivals: {rate: 100/h}\n    balking: {probability: 0.5}\n",
                    overloaded))
            .warnings.size() == 1);
  // Calls arriving while closed are not offered: open 7 of the 17 hours, 4.12 Erlangs on average.
  CHECK(load(overloaded + "open_hours: [{from: 07:00, to: 14:00}]\n").warnings.empty());
  const auto closed = load(edited("count: 10", "count: 4", overloaded) + "open_hours: [{from: 07:00, to: 14:00}]\n");
  REQUIRE(closed.warnings.size() == 1);
  CHECK(closed.warnings[0] ==
        "center.yaml: offered load 4.12 Erlangs is at or above the 4 agents and callers never abandon: the queue "
        "grows without bound and the results depend on the horizon");
}
