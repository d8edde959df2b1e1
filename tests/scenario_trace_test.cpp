// Trace replay in scenarios: `arrivals: {trace: calls.csv}` and the Anonymous Bank log form
// `{trace: log.txt, format: anonymous_bank, date: ..., types: [...]}`.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "scenarios/loader.hpp"
#include "scenarios/trace_csv.hpp"

#ifndef CALLSIM_SOURCE_DIR
#define CALLSIM_SOURCE_DIR "."  // run from the repository root when built by hand
#endif

using callsim::scenarios::load_scenario;
using callsim::scenarios::load_scenario_text;
using callsim::scenarios::LoadedScenario;
using callsim::scenarios::parse_trace_time;

namespace {

// Line numbers in the expected messages refer to this text: `arrivals` is on line 7.
const std::string kBase = R"(name: traced
time:
  start: 07:00
  duration: 2h
call_types:
  - name: retail
    arrivals: {trace: calls.csv}
    service: {distribution: exponential, mean: 3min}
    patience: {distribution: exponential, mean: 5min}
agent_groups:
  - name: agents
    skills: [retail]
    count: 5
)";

// A second type reading the same file, on lines 10-11.
const std::string kTwoTypes = R"(name: traced
time:
  start: 07:00
  duration: 2h
call_types:
  - name: retail
    arrivals: {trace: calls.csv}
    service: {distribution: exponential, mean: 3min}
  - name: business
    arrivals: {trace: calls.csv}
    service: {distribution: exponential, mean: 5min}
agent_groups:
  - name: agents
    skills: [retail, business]
    count: 5
)";

// `from` replaced by `to` in `text`; fails when `from` is absent.
std::string edited(const std::string& from, const std::string& to, const std::string& text = kBase) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.substr(0, at) + to + text.substr(at + from.size());
}

// A scenario and its trace in one scratch directory, removed at the end of the test.
struct TraceFiles {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("callsim_trace_test_" + std::to_string(::getpid()));
  std::string yaml = (dir / "center.yaml").string();
  std::string csv = (dir / "calls.csv").string();
  TraceFiles(const std::string& scenario, const std::string& trace) {
    std::filesystem::create_directories(dir);
    std::ofstream(yaml) << scenario;
    std::ofstream(csv) << trace;
  }
  ~TraceFiles() { std::filesystem::remove_all(dir); }
  TraceFiles(const TraceFiles&) = delete;
  TraceFiles& operator=(const TraceFiles&) = delete;
  [[nodiscard]] LoadedScenario load() const { return load_scenario(yaml); }
};

std::vector<double> seconds(const std::vector<callsim::sim::Time>& times) {
  std::vector<double> out;
  for (const auto t : times) out.push_back(t.seconds());
  return out;
}

// The load error of `scenario` with trace `trace`, with the scratch directory spelled DIR.
std::string error_of(const std::string& scenario, const std::string& trace) {
  const TraceFiles files(scenario, trace);
  try {
    (void)files.load();
  } catch (const callsim::scenarios::ScenarioError& error) {
    std::string message = error.what();
    const std::string dir = files.dir.string();
    for (auto at = message.find(dir); at != std::string::npos; at = message.find(dir))
      message.replace(at, dir.size(), "DIR");
    return message;
  }
  FAIL("the scenario loaded");
  return {};
}

const std::string kBankLog = CALLSIM_SOURCE_DIR "/tests/data/bank-log-sample.txt";

// A scenario of one type replaying the bank fixture with the extra keys `keys`, named as a
// file in tests/data/ so that the log's relative path resolves.
LoadedScenario load_bank(const std::string& keys, const std::string& duration = "18h") {
  const std::string text =
      edited("{trace: calls.csv}", "{trace: bank-log-sample.txt, format: anonymous_bank" + keys + "}",
             edited("duration: 2h", "duration: " + duration));
  return load_scenario_text(text, CALLSIM_SOURCE_DIR "/tests/data/bank.yaml");
}

}  // namespace

TEST_CASE("trace times are clock times with optional seconds and day", "[scenario][trace]") {
  CHECK(parse_trace_time("07:00") == 25200);
  CHECK(parse_trace_time("7:00:05") == 25205);
  CHECK(parse_trace_time(" 23:59:59 ") == 86399);
  CHECK(parse_trace_time("2 00:00:07") == 86407);
  CHECK(parse_trace_time("08:00:01.5") == 28801.5);
  CHECK_FALSE(parse_trace_time("24:00"));
  CHECK_FALSE(parse_trace_time("7:0"));
  CHECK_FALSE(parse_trace_time("07:00:60"));
  CHECK_FALSE(parse_trace_time("0 07:00"));
  CHECK_FALSE(parse_trace_time("07:00:00."));
  CHECK_FALSE(parse_trace_time("+7:00"));
  CHECK_FALSE(parse_trace_time("420s"));
}

TEST_CASE("a CSV trace replays its times sorted on the simulation clock", "[scenario][trace]") {
  // Out of order, one row before time.start 07:00, two at or after the end 09:00.
  const TraceFiles files(kBase, "time\n07:30:00\n07:00:05\n6:59:59\n\n07:00\n1 08:15:30.5\r\n09:00:00\n2 07:00:00\n");
  const LoadedScenario loaded = files.load();
  const auto& type = loaded.spec.call_types.at(0);
  CHECK(seconds(type.trace) == std::vector<double>{0, 5, 1800, 4530.5});
  // The load checks see the trace's mean rate over the counted period.
  CHECK(type.arrivals.is_constant());
  CHECK(type.arrivals.rates().at(0) == Approx(4.0 / 7200));
  REQUIRE(loaded.warnings.size() == 2);
  CHECK(loaded.warnings[0] == files.yaml + ":7: 1 'retail' call of the trace '" + files.csv +
                                  "' comes before time.start day 1 07:00 and is not replayed");
  CHECK(loaded.warnings[1] ==
        files.yaml + ":7: 2 'retail' calls of the trace '" + files.csv +
            "' come at or after the end of the simulated period day 1 09:00 and are not replayed");
}

TEST_CASE("a trace with a call_type column feeds each type its own rows", "[scenario][trace]") {
  const TraceFiles files(kTwoTypes,
                         "time,call_type\n07:10,business\n07:05,retail\n07:20,retial\n"
                         "07:01:30,\"retail\"\n07:15,business\n07:25,retial\n");
  const LoadedScenario loaded = files.load();
  CHECK(seconds(loaded.spec.call_types.at(0).trace) == std::vector<double>{90, 300});
  CHECK(seconds(loaded.spec.call_types.at(1).trace) == std::vector<double>{600, 900});
  // A name no type reads is a warning (the file may feed other scenarios too), given once.
  REQUIRE(loaded.warnings.size() == 1);
  CHECK(loaded.warnings[0] == files.yaml + ":7: the trace '" + files.csv +
                                  "' has 2 calls of call type 'retial', which the scenario does not define (did "
                                  "you mean 'retail'?); they are not replayed");
}

TEST_CASE("the overload warning takes a trace's mean rate over the counted period", "[scenario][trace]") {
  std::string trace = "time\n";  // 120 calls in the hour: one every 30 s
  for (int i = 0; i < 120; ++i)
    trace += "07:" + std::string(i / 2 < 10 ? "0" : "") + std::to_string(i / 2) + (i % 2 ? ":30\n" : ":00\n");
  const std::string scenario = edited(
      "    patience: {distribution: exponential, mean: 5min}\n", "",
      edited("mean: 3min", "mean: 1min", edited("count: 5", "count: 2", edited("duration: 2h", "duration: 1h"))));
  const TraceFiles files(scenario, trace);
  const LoadedScenario loaded = files.load();
  CHECK(loaded.spec.call_types.at(0).trace.size() == 120);
  REQUIRE(loaded.warnings.size() == 1);
  CHECK(loaded.warnings[0] == files.yaml +
                                  ": offered load 2.00 Erlangs is at or above the 2 agents and callers never abandon: "
                                  "the queue grows without bound and the results depend on the horizon");
}

TEST_CASE("CSV trace errors name the file and line", "[scenario][trace][errors]") {
  const std::string in_csv = "DIR/calls.csv:";
  CHECK(error_of(edited("calls.csv", "missing.csv"), "") ==
        "cannot read trace 'DIR/missing.csv' (given in DIR/center.yaml:7): No such file or directory");
  CHECK(error_of(kBase, "") == in_csv +
                                   "1: the trace is empty; expected a header, 'time' or 'time,call_type', and one "
                                   "row per call, e.g. 07:00:12");
  CHECK(error_of(kBase, "arrival\n07:00\n") ==
        in_csv +
            "1: the header 'arrival' is not that of a trace; expected 'time' (one call per row) or "
            "'time,call_type' (one file for several call types)");
  CHECK(error_of(kBase, "\ntime\n\n") ==
        in_csv + "2: the trace has a header but no rows; give one row per call, e.g. 07:00:12");
  CHECK(error_of(kBase, "time\n07:00\n7h\n") ==
        in_csv +
            "3: time '7h' is not a clock time; expected HH:MM:SS (e.g. 08:30:15), HH:MM, or D HH:MM:SS for "
            "day D (e.g. 2 08:30:15)");
  CHECK(error_of(kBase, "time\n07:00,retail\n") ==
        in_csv + "2: the row has 2 values, the header 1 column; give one time per row");
  CHECK(error_of(kBase, "time,call_type\n07:00\n") ==
        in_csv + "2: the row has 1 value, the header 2 columns; give time,call_type on every row");
  CHECK(error_of(kBase, "time,call_type\n07:00,\n") ==
        in_csv + "2: the call_type is empty; name the call type of every call, e.g. 07:00:12,retail");
  CHECK(error_of(kBase, "time,call_type\n07:00,Retail\n07:01,vip\n") ==
        "DIR/center.yaml:7: no 'retail' call in the trace 'DIR/calls.csv' (did you mean 'Retail'?); its "
        "call_type column names: Retail, vip");
  CHECK(error_of(kBase, "time\n06:00\n10:00\n") ==
        "DIR/center.yaml:7: no 'retail' call of the trace 'DIR/calls.csv' falls in the simulated period 07:00 to "
        "09:00 (time.start, warmup and duration); its calls run from 06:00 to 10:00");
}

TEST_CASE("trace keys that belong to other forms are refused", "[scenario][trace][errors]") {
  const std::string csv = "time\n07:00\n";
  CHECK(error_of(edited("{trace: calls.csv}", "{trace: calls.csv, scale: 2}"), csv) ==
        "DIR/center.yaml:7: call_types[0].arrivals.scale applies to a rate or a forecast only; a trace replays "
        "each recorded call once (edit the trace to change the volume)");
  CHECK(error_of(edited("{trace: calls.csv}", "{trace: calls.csv, column: PS}"), csv) ==
        "DIR/center.yaml:7: call_types[0].arrivals.column applies to a forecast only; a trace picks a call type's "
        "rows by its call_type column");
  CHECK(error_of(edited("{trace: calls.csv}", "{trace: calls.csv, rate: 10/h}"), csv) ==
        "DIR/center.yaml:7: call_types[0].arrivals gives both 'rate' and 'trace'; give one: a constant rate, e.g. "
        "{rate: 1000/h}, per-interval volumes, e.g. {forecast: volumes.csv}, or recorded arrival times, e.g. "
        "{trace: calls.csv}");
  CHECK(error_of(edited("{trace: calls.csv}", "{trace: calls.csv, forecast: calls.csv}"), csv) ==
        "DIR/center.yaml:7: call_types[0].arrivals gives both 'forecast' and 'trace'; give one: a constant rate, "
        "e.g. {rate: 1000/h}, per-interval volumes, e.g. {forecast: volumes.csv}, or recorded arrival times, e.g. "
        "{trace: calls.csv}");
  CHECK(error_of(edited("{trace: calls.csv}", "{trace: calls.csv, format: bank}"), csv) ==
        "DIR/center.yaml:7: call_types[0].arrivals.format 'bank' is not a trace format; valid values are: "
        "anonymous_bank, csv");
  CHECK(error_of(edited("{trace: calls.csv}", "{trace: calls.csv, date: 990301}"), csv) ==
        "DIR/center.yaml:7: call_types[0].arrivals.date applies to format anonymous_bank only (the day of the log "
        "to replay); remove it or add format: anonymous_bank");
  CHECK(error_of(edited("{trace: calls.csv}", "{rate: 10/h, types: [PS]}"), csv) ==
        "DIR/center.yaml:7: call_types[0].arrivals.types applies to a trace only (e.g. {trace: log.txt, format: "
        "anonymous_bank, date: 990301}); remove it or give a trace");
  CHECK(error_of(edited("{trace: calls.csv}", "{trace: calls.csv, trase: 1}"), csv) ==
        "DIR/center.yaml:7: unknown key 'trase' in call_types[0].arrivals (did you mean 'trace'?); valid keys are: "
        "column, date, forecast, format, rate, scale, trace, types");
}

TEST_CASE("the IVR cannot replay a trace", "[scenario][trace][errors]") {
  const std::string scenario = edited("    arrivals: {trace: calls.csv}\n", "") +
                               "ivr:\n  arrivals: {trace: calls.csv}\n  nodes:\n    - name: menu\n"
                               "      duration: {distribution: constant, value: 10s}\n"
                               "      branches: {queue retail: 1}\n";
  CHECK(error_of(scenario, "time\n07:00\n") ==
        "DIR/center.yaml:14: ivr.arrivals.trace: the IVR cannot replay a trace (traces are replayed per call "
        "type); give the IVR a rate or a forecast, or give the call types traces");
}

TEST_CASE("an Anonymous Bank log replays the calls that reached the agents", "[scenario][trace][bank]") {
  // Kept: queued calls at q_start, calls answered at once at vru_exit (also one without a
  // service record, and one whose vru_exit is before its entry), a call past midnight on
  // day 2. Skipped: a call that never left the VRU, PHANTOM, another date, type AA.
  const LoadedScenario all = load_bank(", date: 990301");
  CHECK(seconds(all.spec.call_types.at(0).trace) == std::vector<double>{10, 68, 3615, 8120, 10830, 17970, 61207});
  REQUIRE(all.warnings.size() == 1);  // the 6:59:05 call
  CHECK(all.warnings[0] == CALLSIM_SOURCE_DIR
        "/tests/data/bank.yaml:7: 1 'retail' call of the trace '" CALLSIM_SOURCE_DIR
        "/tests/data/bank-log-sample.txt' comes before time.start day 1 07:00 and is not replayed");
  const LoadedScenario ps = load_bank(", date: 990301, types: [PS]");
  CHECK(seconds(ps.spec.call_types.at(0).trace) == std::vector<double>{10, 68, 3615, 17970, 61207});
  const LoadedScenario english = load_bank(", date: 990301, types: [PE, TT]");
  CHECK(seconds(english.spec.call_types.at(0).trace) == std::vector<double>{8120, 10830});
}

TEST_CASE("Anonymous Bank log errors", "[scenario][trace][bank][errors]") {
  const auto error = [](const std::string& keys) {
    try {
      (void)load_bank(keys);
    } catch (const callsim::scenarios::ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("loaded");
  };
  const std::string yaml = CALLSIM_SOURCE_DIR "/tests/data/bank.yaml:7: ";
  const std::string log = CALLSIM_SOURCE_DIR "/tests/data/bank-log-sample.txt";
  CHECK(error("") == yaml +
                         "call_types[0].arrivals is missing 'date' (the day of the log to replay, YYMMDD, e.g. "
                         "990301)");
  CHECK(error(", date: 99031") ==
        yaml +
            "call_types[0].arrivals.date '99031' is not a date; expected YYMMDD as the log's date column writes "
            "it, e.g. 990301");
  CHECK(error(", date: 990301, types: [PX]") ==
        yaml + "unknown type code 'PX' in call_types[0].arrivals.types[0]; valid values are: PS, PE, IN, NE, NW, TT");
  CHECK(error(", date: 990315") ==
        yaml + "no call on date 990315 in the log '" + log + "'; its dates run from 990301 to 990302");
  CHECK(error(", date: 990301, types: [NW]") ==
        yaml + "no 'retail' call in the log '" + log + "' on 990301: no call of type NW reached the agents that day");

  // Malformed logs, written to a scratch directory.
  const auto log_error = [](const std::string& text) {
    const std::string scenario =
        edited("{trace: calls.csv}", "{trace: calls.csv, format: anonymous_bank, date: 990301}");
    return error_of(scenario, text);
  };
  const std::string header =
      "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\t"
      "outcome\tser_start\tser_exit\tser_time\tserver\n";
  const std::string columns =
      "vru+line, call_id, customer_id, priority, type, date, vru_entry, vru_exit, vru_time, q_start, q_exit, "
      "q_time, outcome, ser_start, ser_exit, ser_time, server";
  CHECK(log_error("time\n07:00\n") ==
        "DIR/calls.csv:1: the header is not that of an Anonymous Bank log; expected "
        "the 17 tab-separated columns " +
            columns);
  CHECK(log_error(header + "AA0101\t1\t0\t0\tPS\t990301\n") ==
        "DIR/calls.csv:2: the row has 6 tab-separated fields, expected 17 (" + columns + ")");
  CHECK(log_error(header + "AA0101\t1\t0\t0\tPS\t990301\t7:00:00\t7:00:10\t10\t7:0:10\t7:01:00\t50\tHANG\t0:00:00\t"
                           "0:00:00\t0\tNO_SERVER\n") ==
        "DIR/calls.csv:2: q_start '7:0:10' is not a time; expected H:MM:SS (e.g. 7:05:30)");
  CHECK(log_error("") == "DIR/calls.csv:1: the log is empty; expected the header " + columns + " and one row per call");
}

namespace {

// The calls of `date` that reached the agents, counted by a plain scan independent of the
// loader: not PHANTOM, a documented type, and queued or answered.
std::size_t count_reaching_agents(const std::string& path, const std::string& date) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  std::size_t count = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> v;
    std::istringstream fields(line);
    for (std::string field; std::getline(fields, field, '\t');) v.push_back(field);
    if (v.size() < 13 || v[5] != date || v[12] == "PHANTOM" || v[4] == "AA") continue;
    if (v[9] != "0:00:00" || v[12] == "AGENT") ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("a day of the real Anonymous Bank log replays every call that reached the agents",
          "[scenario][trace][bank]") {
  const std::string dir = CALLSIM_SOURCE_DIR "/../shared/data/anonymous_bank_1999";
  const std::string path = dir + "/01_January.txt";
  if (!std::filesystem::exists(path)) {
    WARN("skipped: ../shared/data/anonymous_bank_1999 is absent");
    return;
  }
  // From midnight over two days, so no call of the day (nor one past midnight) is dropped.
  const std::string text =
      edited("start: 07:00\n  duration: 2h", "start: 00:00\n  duration: 48h",
             edited("{trace: calls.csv}", "{trace: " + path + ", format: anonymous_bank, date: 990104}"));
  const LoadedScenario loaded = load_scenario_text(text, "real.yaml");
  const auto& trace = loaded.spec.call_types.at(0).trace;
  const std::size_t expected = count_reaching_agents(path, "990104");
  CHECK(expected > 1000);  // a working day
  CHECK(trace.size() == expected);
  CHECK(std::is_sorted(trace.begin(), trace.end()));
  CHECK(loaded.warnings.empty());
}
