// The loader's limits (docs/scenario.md, "Limits"): inputs that once looped, exhausted memory,
// crashed the simulation or got past the loader to fail late are refused with one message.

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "models/ivr.hpp"
#include "scenarios/clock_peek.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/routing_field.hpp"
#include "sim/random_stream.hpp"

using callsim::scenarios::load_scenario;
using callsim::scenarios::load_scenario_text;
using callsim::scenarios::ScenarioError;

namespace {

// Under AddressSanitizer the children run with the time limit only (the Release run checks
// memory).
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kUnderAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kUnderAddressSanitizer = true;
#else
constexpr bool kUnderAddressSanitizer = false;
#endif
#else
constexpr bool kUnderAddressSanitizer = false;
#endif

const std::string kCenter = R"(name: center
time:
  warmup: 1h
  duration: 8h
  interval: 30min
call_types:
  - name: retail
    arrivals: {rate: 100/h}
    service: {distribution: exponential, mean: 180s}
    patience: {distribution: exponential, mean: 300s}
agent_groups:
  - name: agents
    skills: [retail]
    count: 10
)";

// kCenter with the first `from` replaced by `to`; fails when `from` is absent.
std::string edited(const std::string& from, const std::string& to, const std::string& text = kCenter) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.substr(0, at) + to + text.substr(at + from.size());
}

callsim::scenarios::LoadedScenario load(const std::string& text, const std::vector<std::string>& sets = {}) {
  return load_scenario_text(text, "center.yaml", sets);
}

// The message a load throws, or "loaded" when it loads; any other exception fails the test
// (the contract: ScenarioError only).
std::string error_of(const std::string& text, const std::vector<std::string>& sets = {}) {
  try {
    static_cast<void>(load(text, sets));
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "loaded";
}

// What `body` writes to the pipe, run in a child process with at most 1 GiB of address
// space and 20 s: an input that makes a load loop or allocate without bound fails the test
// (killed, or out of memory) instead of taking the machine with it.
struct Bounded {
  bool exited = false;  // normally, with status 0
  std::string output;
};
Bounded run_bounded(const std::function<std::string()>& body) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    if (!kUnderAddressSanitizer) {  // ASan reserves terabytes of shadow: the limit would fail it at start
      const rlimit memory{rlim_t{1} << 30, rlim_t{1} << 30};
      ::setrlimit(RLIMIT_AS, &memory);
    }
    ::alarm(20);
    std::string out;
    int status = 0;
    try {
      out = body();
    } catch (...) {
      out = "an exception other than ScenarioError";
      status = 3;
    }
    const ssize_t written = ::write(fds[1], out.data(), out.size());
    ::_exit(written == static_cast<ssize_t>(out.size()) ? status : 4);
  }
  ::close(fds[1]);
  Bounded result;
  char buffer[4096];
  ssize_t got = 0;
  while ((got = ::read(fds[0], buffer, sizeof buffer)) > 0) result.output.append(buffer, static_cast<std::size_t>(got));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exited = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return result;
}

std::string bounded_error_of(const std::string& text, const std::vector<std::string>& sets = {}) {
  const Bounded run = run_bounded([&] { return error_of(text, sets); });
  CHECK(run.exited);
  return run.output;
}

// A scratch directory removed at the end of the test.
struct TempDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("callsim_limits_test_" + std::to_string(::getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {  // the path
    const auto file = path / name;
    std::ofstream(file) << text;
    return file.string();
  }
  [[nodiscard]] std::string file(const std::string& name) const { return (path / name).string(); }
};

const std::string kSyntaxFix = "; check the indentation, colons, brackets and quotes on this line and the one before";
const std::string kStrayComma = "unexpected ',' outside brackets (a list is written [a, b], a mapping {a: 1, b: 2})";

}  // namespace

TEST_CASE("tiny inputs that loop yaml-cpp's LoadAll are syntax errors, found in bounded time and memory",
          "[scenario][limits][yaml]") {
  CHECK(bounded_error_of(",") == "center.yaml:1: YAML syntax error: " + kStrayComma + kSyntaxFix);
  CHECK(bounded_error_of("!a,") == "center.yaml:1: YAML syntax error: " + kStrayComma + kSyntaxFix);
  CHECK(bounded_error_of(",,") == "center.yaml:1: YAML syntax error: " + kStrayComma + kSyntaxFix);
  CHECK(bounded_error_of("&x ,") == "center.yaml:1: YAML syntax error: " + kStrayComma + kSyntaxFix);
  CHECK(bounded_error_of("---\n,\n") == "center.yaml:2: YAML syntax error: " + kStrayComma + kSyntaxFix);
  CHECK(bounded_error_of(kCenter + ",\n") == "center.yaml:15: YAML syntax error: end of map not found" + kSyntaxFix);
  // Other tiny inputs end too, each with its own message.
  for (const std::string text : {"!",           "&a",  "*a",           "[",   "]", "{",  "}",   ":",   "?",
                                 "-",           "- ,", "a: ,",         "!a",  "'", "\"", "---", "...", "--- !a ,",
                                 "%YAML 1.2\n", "\t",  "\xEF\xBB\xBF", "\x00"}) {
    const std::string message = bounded_error_of(text);
    CAPTURE(text, message);
    CHECK(message.rfind("center.yaml:", 0) == 0);
  }
  // A --set value is parsed as YAML the same way.
  CHECK(bounded_error_of(kCenter, {"name=,"}) ==
        "--set name=,: the value ',' is not valid YAML (" + kStrayComma +
            "); check its brackets and quotes, and quote the whole --set argument for the shell");
  CHECK(bounded_error_of(kCenter, {"call_types.0.name=!a,"}).rfind("--set call_types.0.name=!a,: the value", 0) == 0);
  // So is the start time reports read from a stored scenario.
  const Bounded peek =
      run_bounded([] { return std::to_string(callsim::scenarios::peek_clock_start(",").has_value()); });
  CHECK(peek.exited);
  CHECK(peek.output == "0");
}

TEST_CASE("a file of two documents is still refused at the second", "[scenario][limits][yaml]") {
  CHECK(error_of(kCenter + "---\nname: second\n") ==
        "center.yaml:16: the file holds 2 YAML documents (separated by ---); a scenario is one document");
  CHECK(error_of(kCenter + "---\n---\n---\n") ==
        "center.yaml:15: the file holds 4 YAML documents (separated by ---); a scenario is one document");
}

TEST_CASE("a scenario must be a regular file of at most 1 MiB", "[scenario][limits][files]") {
  const TempDir dir;
  CHECK_THROWS_WITH(load_scenario("/dev/zero"),
                    "cannot read scenario '/dev/zero': '/dev/zero' is not a regular file (it is a character device)");
  CHECK_THROWS_WITH(load_scenario(dir.path.string()), "cannot read scenario '" + dir.path.string() + "': '" +
                                                          dir.path.string() +
                                                          "' is not a regular file (it is a directory)");
  // A FIFO without a writer would block an open for reading: refused, never waited on.
  const std::string fifo = dir.file("fifo.yaml");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const Bounded fifo_load = run_bounded([&] {
    try {
      static_cast<void>(load_scenario(fifo));
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("loaded");
  });
  CHECK(fifo_load.exited);
  CHECK(fifo_load.output == "cannot read scenario '" + fifo + "': '" + fifo + "' is not a regular file (it is a FIFO)");

  // Refused by its size, before a byte is read (the file is sparse: nothing to read anyway).
  const std::string big = dir.file("big.yaml");
  REQUIRE(::truncate(dir.write("big.yaml", "").c_str(), (1 << 20) + 1) == 0);
  CHECK_THROWS_WITH(load_scenario(big), "cannot read scenario '" + big + "': '" + big +
                                            "' is 1048577 bytes; a scenario file may be at most 1 MiB (1048576 bytes)");
  const std::string exactly = dir.write("exactly.yaml", kCenter + std::string((1 << 20) - kCenter.size(), '\n'));
  CHECK(load_scenario(exactly).spec.name == "center");
  // Text not read from a file (a results file's stored scenario) meets the same limit.
  CHECK(error_of(kCenter + std::string(1 << 20, '\n')) ==
        "center.yaml: the scenario is " + std::to_string(kCenter.size() + (1 << 20)) +
            " bytes; a scenario file may be at most 1 MiB (1048576 bytes)");
}

TEST_CASE("every CSV must be a regular file of at most 256 MiB", "[scenario][limits][files]") {
  const TempDir dir;
  const std::string fifo = dir.file("fifo.csv");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string big = dir.write("big.csv", "");
  REQUIRE(::truncate(big.c_str(), (off_t{256} << 20) + 1) == 0);
  const auto scenario_with = [&](const std::string& arrivals) {
    return dir.write("center.yaml", edited("{rate: 100/h}", arrivals));
  };
  const auto message = [](const std::string& scenario) {
    return run_bounded([&] {
      try {
        static_cast<void>(load_scenario(scenario));
      } catch (const ScenarioError& e) {
        return std::string(e.what());
      }
      return std::string("loaded");
    });
  };
  const std::string given = " (given in " + dir.file("center.yaml") + ":8): ";
  for (const auto& [arrivals, role, file, why] :
       std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
           {"{forecast: /dev/zero}", "forecast", "/dev/zero", "is not a regular file (it is a character device)"},
           {"{forecast: fifo.csv}", "forecast", fifo, "is not a regular file (it is a FIFO)"},
           {"{trace: fifo.csv}", "trace", fifo, "is not a regular file (it is a FIFO)"},
           {"{trace: /dev/zero, format: anonymous_bank, date: 990301}", "trace", "/dev/zero",
            "is not a regular file (it is a character device)"},
           {"{forecast: big.csv}", "forecast", big,
            "is 268435457 bytes; a forecast file may be at most 256 MiB (268435456 bytes)"},
           {"{trace: big.csv}", "trace", big,
            "is 268435457 bytes; a trace file may be at most 256 MiB (268435456 bytes)"},
       }) {
    const Bounded run = message(scenario_with(arrivals));
    CAPTURE(arrivals);
    CHECK(run.exited);
    CHECK(run.output == "cannot read " + role + " '" + file + "'" + given + "'" + file + "' " + why);
  }
  const std::string plan = dir.write("center.yaml", edited("    count: 10\n", "    staffing: " + fifo + "\n"));
  const Bounded run = message(plan);
  CHECK(run.exited);
  CHECK(run.output == "cannot read staffing plan '" + fifo + "' (given in " + plan + ":14): '" + fifo +
                          "' is not a regular file (it is a FIFO)");
}

TEST_CASE("the horizon and the reporting intervals have limits", "[scenario][limits][numbers]") {
  CHECK(error_of(edited("duration: 8h", "duration: 1e300h")) ==
        "center.yaml:4: time.duration must be at most 36525d (100 years), got 1e300h");
  CHECK(error_of(edited("warmup: 1h", "warmup: 1e300h")) ==
        "center.yaml:3: time.warmup must be at most 36525d (100 years), got 1e300h");
  CHECK(error_of(edited("warmup: 1h", "warmup: 36525d")) ==
        "center.yaml:4: time.warmup 36525d plus time.duration 8h is more than 36525d (100 years), the longest "
        "simulated horizon; shorten one of them");
  CHECK(error_of(edited("interval: 30min", "interval: 1e-6s")) ==
        "center.yaml:5: time.interval must be at least 1s, got 1e-6s");
  CHECK(error_of(edited("interval: 30min", "interval: 0.5s")) ==
        "center.yaml:5: time.interval must be at least 1s, got 0.5s");
  CHECK(error_of(edited("duration: 8h", "duration: 1000h", edited("interval: 30min", "interval: 1s"))) ==
        "center.yaml:5: time.duration 1000h in intervals of 1s gives 3600000 reporting intervals; at most 1000000 are "
        "allowed: give a longer time.interval or a shorter time.duration");
  CHECK(error_of(edited("  interval: 30min\n", "", edited("duration: 8h", "duration: 30000d"))) ==
        "center.yaml:4: time.duration 30000d in intervals of 30min gives 1440000 reporting intervals; at most 1000000 "
        "are allowed: give a longer time.interval or a shorter time.duration");
  // At the limits themselves: a century in hours, a year in minutes.
  CHECK(load(edited("warmup: 1h", "warmup: 0s",
                    edited("duration: 8h", "duration: 36525d", edited("interval: 30min", "interval: 1d"))))
            .spec.time.duration.seconds() == 36525.0 * 86400);
  CHECK(load(edited("duration: 8h", "duration: 365d", edited("interval: 30min", "interval: 1min")))
            .spec.time.interval.seconds() == 60);
}

TEST_CASE("every duration is at most 100 years", "[scenario][limits][numbers]") {
  CHECK(error_of(edited("mean: 180s", "mean: 1e300s")) ==
        "center.yaml:9: call_types[0].service.mean must be at most 36525d (100 years), got 1e300s");
  CHECK(error_of(edited("mean: 300s", "mean: 36526d")) ==
        "center.yaml:10: call_types[0].patience.mean must be at most 36525d (100 years), got 36526d");
  CHECK(error_of(edited("time:", "service_level: {threshold: 1e20s}\ntime:")) ==
        "center.yaml:2: service_level.threshold must be at most 36525d (100 years), got 1e20s");
  CHECK(error_of(edited("    patience:", "    priority_credit: 1e10d\n    patience:")) ==
        "center.yaml:10: call_types[0].priority_credit must be at most 36525d (100 years), got 1e10d");
  // Parameters within their limits can still give a mean beyond any horizon.
  CHECK(error_of(
            edited("{distribution: exponential, mean: 180s}", "{distribution: weibull, shape: 0.01, scale: 100d}")) ==
        "center.yaml:9: call_types[0].service has a mean of 8.06339e+164s; a distribution's mean must be at most "
        "36525d (100 years)");
  CHECK(error_of(edited("{distribution: exponential, mean: 180s}", "{distribution: lognormal, mean: 180s, cv: 1e6}")) ==
        "center.yaml:9: call_types[0].service.cv must be at most 1000, got 1e6");
}

TEST_CASE("numbers that no parser takes: inf, nan and overflow", "[scenario][limits][numbers]") {
  for (const std::string bad : {"inf", "nan", "-inf", "infinity", "NaN", "1e400"}) {
    CAPTURE(bad);
    CHECK(error_of(edited("duration: 8h", "duration: " + bad + "h")) ==
          "center.yaml:4: time.duration '" + bad +
              "h' is not a duration: expected a number followed by a unit: s, min, h or d (e.g. 20s, 5min, 1.5h)");
    CHECK(error_of(edited("rate: 100/h", "rate: " + bad + "/h")) ==
          "center.yaml:8: call_types[0].arrivals.rate '" + bad +
              "/h' is not a rate: expected calls per unit of time: /s, /min, /h or /d (e.g. 1000/h, 16.7/min)");
    CHECK(error_of(edited("{rate: 100/h}", "{rate: 100/h, scale: " + bad + "}")) ==
          "center.yaml:8: call_types[0].arrivals.scale '" + bad +
              "' is not a number; expected a plain number without a unit, e.g. 0.8");
    CHECK(error_of(edited("count: 10", "count: " + bad)) ==
          "center.yaml:14: agent_groups[0].count '" + bad + "' is not a whole number; expected a count such as 55");
  }
}

TEST_CASE("arrival rates are at most 1000000/h, after their scale", "[scenario][limits][numbers]") {
  CHECK(error_of(edited("rate: 100/h", "rate: 1e300/h")) ==
        "center.yaml:8: call_types[0].arrivals.rate must be at most 1000000/h, got 1e300/h");
  CHECK(error_of(edited("rate: 100/h", "rate: 300/s")) ==
        "center.yaml:8: call_types[0].arrivals.rate must be at most 1000000/h, got 300/s");
  CHECK(error_of(edited("{rate: 100/h}", "{rate: 100/h, scale: 1e5}")) ==
        "center.yaml:8: call_types[0].arrivals.scale 1e5 makes the rate 100/h x 1e5 = 10000000/h; an arrival rate may "
        "be at most 1000000/h");
  CHECK(load(edited("rate: 100/h", "rate: 1000000/h")).spec.call_types[0].arrivals.rates()[0] == Approx(1e6 / 3600));
}

TEST_CASE("forecast volumes make rates of at most 1000000/h", "[scenario][limits][numbers]") {
  const TempDir dir;
  dir.write("day.csv", "interval_start,retail\n08:00,100\n08:30,1e300\n09:00,5\n");
  const std::string yaml = edited("{rate: 100/h}", "{forecast: day.csv}", edited("name: center", "name: center\n#"));
  const std::string scenario = dir.write("center.yaml", edited("time:\n", "time:\n  start: 08:00\n", yaml));
  CHECK_THROWS_WITH(load_scenario(scenario), dir.file("day.csv") +
                                                 ":3: volume 1e300 of 'retail' in a 30 min interval is a rate of "
                                                 "2e+300/h; an arrival rate may be at most 1000000/h");
  dir.write("day.csv", "interval_start,retail\n08:00,100\n08:30,200\n09:00,5\n");
  const std::string scaled = dir.write("center.yaml", edited("{forecast: day.csv}", "{forecast: day.csv, scale: 1e4}",
                                                             edited("time:\n", "time:\n  start: 08:00\n", yaml)));
  CHECK_THROWS_WITH(load_scenario(scaled), scaled +
                                               ":10: call_types[0].arrivals.scale 1e4 makes the forecast's "
                                               "busiest interval (" +
                                               dir.file("day.csv") +
                                               ":3) a rate of 4000000/h; an arrival rate may be at most 1000000/h");
  dir.write("day.csv", "interval_start,retail\n08:00,100\n08:30,inf\n");
  CHECK_THROWS_WITH(load_scenario(scenario), dir.file("day.csv") +
                                                 ":3: volume 'inf' of 'retail' is not a number; expected the expected "
                                                 "number of calls in the interval, e.g. 120 or 37.5");
}

TEST_CASE("agents are at most 100000 per group and 1000000 in all", "[scenario][limits][numbers]") {
  CHECK(error_of(edited("count: 10", "count: 1e12")) ==
        "center.yaml:14: agent_groups[0].count '1e12' is not a whole number; expected a count such as 55");
  CHECK(error_of(edited("count: 10", "count: 1000000000000")) ==
        "center.yaml:14: agent_groups[0].count must be at most 100000, got 1000000000000");
  CHECK(load(edited("count: 10", "count: 100000")).spec.agent_groups[0].count == 100000);
  // Overlapping shifts add up past the limit.
  const std::string shifts =
      "    shifts:\n      - {start: 00:00, end: 12:00, count: 60000}\n"
      "      - {start: 06:00, end: 12:00, count: 60000}\n";
  CHECK(error_of(edited("    count: 10\n", shifts)) ==
        "center.yaml:15: agent group 'agents' has 120000 agents on duty at once (its shifts add up); a group may have "
        "at most 100000 agents on duty at once");
  CHECK(error_of(edited("    count: 10\n", "    count: 10\n    staffing_scale: 1e5\n")) ==
        "center.yaml:15: agent_groups[0].staffing_scale 1e5 gives agent group 'agents' 10 x 1e5 agents, more than "
        "100000 (the most a group may have on duty at once); give a smaller staffing_scale");
  std::string many = kCenter;
  for (int g = 1; g <= 10; ++g) {
    many += "  - name: g" + std::to_string(g) + "\n    skills: [retail]\n    count: 100000\n";
  }
  CHECK(error_of(many) ==
        "center.yaml:42: the agent groups up to agent group 'g10' have 1000010 agents (each group at "
        "its most on duty); a scenario may have at most 1000000");
  const TempDir dir;
  dir.write("plan.csv", "interval_start,agents\n00:00,5\n04:00,100001\n");
  const std::string planned = dir.write("center.yaml", edited("    count: 10\n", "    staffing: plan.csv\n"));
  CHECK_THROWS_WITH(load_scenario(planned),
                    dir.file("plan.csv") + ":3: agent count of 'agents' must be at most 100000, got 100001");
  dir.write("plan.csv", "interval_start,agents\n00:00,5\n04:00,99999999999999999999999\n");
  CHECK_THROWS_WITH(load_scenario(planned), dir.file("plan.csv") +
                                                ":3: agent count of 'agents' must be at most 100000, got "
                                                "99999999999999999999999");
}

TEST_CASE("call type numbers have limits", "[scenario][limits][numbers]") {
  const auto with = [](const std::string& line) { return edited("    patience:", "    " + line + "\n    patience:"); };
  CHECK(error_of(with("queue_capacity: 1000001")) ==
        "center.yaml:10: call_types[0].queue_capacity must be at most 1000000, got 1000001");
  CHECK(error_of(with("priority: 1000001")) ==
        "center.yaml:10: call_types[0].priority must be at most 1000000, got 1000001");
  CHECK(error_of(with("priority: -1000001")) ==
        "center.yaml:10: call_types[0].priority must be at least -1000000, got -1000001");
  CHECK(error_of(with("weight: 1e300")) == "center.yaml:10: call_types[0].weight must be at most 1000000, got 1e300");
  CHECK(error_of(with("weight: 1e-300")) ==
        "center.yaml:10: call_types[0].weight must be at least 0.000001, got 1e-300");
  CHECK(error_of(with("weight: 0")) == "center.yaml:10: call_types[0].weight must be greater than 0, got 0");
  std::string long_list = "balking: {by_queue_length: [0";
  for (int i = 0; i < 1000; ++i) long_list += ", 0.1";
  CHECK(error_of(with(long_list + "]}")) ==
        "center.yaml:10: call_types[0].balking.by_queue_length has 1001 entries; give at most 1000 (the last one holds "
        "for any longer queue)");
  // A retrial at the same instant could repeat for ever without simulated time moving on.
  CHECK(error_of(with("retrial: {probability: 1, delay: {distribution: constant, value: 0s}}")) ==
        "center.yaml:10: call_types[0].retrial.delay of call type 'retail' has a mean of 0s; a retrial delay must "
        "have a mean of at least 1s (callers take time to call again), e.g. {distribution: exponential, mean: 10min}");
  CHECK(error_of(with("retrial: {probability: 1, delay: {distribution: empirical, values: [0s, 0.5s]}}")) ==
        "center.yaml:10: call_types[0].retrial.delay of call type 'retail' has a mean of 0.25s; a retrial delay "
        "must have a mean of at least 1s (callers take time to call again), e.g. {distribution: exponential, mean: "
        "10min}");
  CHECK(load(with("retrial: {probability: 1, delay: {distribution: constant, value: 1s}}"))
            .spec.call_types[0]
            .retrial.probability == 1);
}

TEST_CASE("group, busyness, cost and routing numbers have limits", "[scenario][limits][numbers]") {
  CHECK(error_of(edited("[retail]", "[{type: retail, level: 1001}]")) ==
        "center.yaml:13: agent_groups[0].skills[0].level must be at most 1000, got 1001");
  CHECK(error_of(edited("[retail]", "[{type: retail, multiplier: 1e300}]")) ==
        "center.yaml:13: agent_groups[0].skills[0].multiplier must be at most 100, got 1e300");
  CHECK(error_of(edited("[retail]", "[{type: retail, multiplier: 0.001}]")) ==
        "center.yaml:13: agent_groups[0].skills[0].multiplier must be at least 0.01, got 0.001");
  CHECK(error_of(kCenter + "busyness: {cv: 1e300}\n") == "center.yaml:15: busyness.cv must be at most 2, got 1e300");
  CHECK(error_of(kCenter + "busyness: {cv: -1}\n") == "center.yaml:15: busyness.cv must not be negative, got -1");
  CHECK(error_of(kCenter + "costs: {agent_hour: 1e300}\n") ==
        "center.yaml:15: costs.agent_hour must be at most 1000000000, got 1e300");
  CHECK(error_of(kCenter + "costs: {agent_hour: 20, sla: {target: 0.8, per: day, penalty: 1e10}}\n") ==
        "center.yaml:15: costs.sla.penalty must be at most 1000000000, got 1e10");
  CHECK(error_of(kCenter + "routing: {policy: reserve, reserved: 2000000}\n") ==
        "center.yaml:15: routing.reserved must be at most 1000000, got 2000000");
  CHECK(error_of(kCenter + "routing: {policy: overflow_delay, delay: 1e300s}\n") ==
        "center.yaml:15: routing.delay must be at most 36525d (100 years), got 1e300s");
}

TEST_CASE("routing settings are nested at most per type and group, and bounded in number", "[scenario][limits]") {
  CHECK(error_of(kCenter + "routing: {policy: overflow_delay, delay: {retail: {agents: {x: 1s}}}}\n") ==
        "center.yaml:15: routing.delay.retail.agents.x: a routing parameter is given for all cells, per call type or "
        "agent group (delay.TYPE) or per call type and group (delay.TYPE.GROUP), never deeper");
  CHECK(error_of(kCenter + "routing: {policy: overflow_delay, delay: {retail: 1s, retail: 2s}}\n") ==
        "center.yaml:15: duplicate key 'retail' in routing.delay; give each key once");
  // Aliases of aliases: 1000 x 1000 cells from a few kilobytes, refused without expanding them.
  std::string inner = "{";
  for (int i = 0; i < 1000; ++i) inner += (i ? ", g" : "g") + std::to_string(i) + ": 1s";
  inner += "}";
  std::string outer = "routing:\n  policy: overflow_delay\n  delay:\n    t0: &g " + inner + "\n";
  for (int i = 1; i < 1000; ++i) outer += "    t" + std::to_string(i) + ": *g\n";
  const std::string message = bounded_error_of(kCenter + outer);
  CHECK(message ==
        "center.yaml:18: 'routing' gives more than 100000 settings; give one value for all cells and only "
        "the exceptions per cell");
}

TEST_CASE("policy options name each parameter once and never the policy", "[scenario][limits]") {
  const auto spec = load(kCenter).spec;
  CHECK_THROWS_WITH(callsim::scenarios::parse_policy_option("overflow_delay:delay=30s,delay=60s", spec),
                    "--policy 'overflow_delay:delay=30s,delay=60s': 'delay' is given twice; give each parameter once, "
                    "e.g. --policy overflow_delay:delay=30s");
  CHECK_THROWS_WITH(callsim::scenarios::parse_policy_option("overflow_delay:policy=reserve", spec),
                    "--policy 'overflow_delay:policy=reserve': 'policy' is given after the policy's name; give each "
                    "parameter once, e.g. --policy overflow_delay:delay=30s");
}

TEST_CASE("counts of call types, groups and IVR nodes have limits", "[scenario][limits]") {
  std::string types = "name: center\ntime: {duration: 1h}\ncall_types:\n";
  for (int k = 0; k <= 1000; ++k) {
    types +=
        "  - {name: t" + std::to_string(k) + ", arrivals: {rate: 1/h}, service: {distribution: constant, value: 1s}}\n";
  }
  types += "agent_groups:\n  - {name: a, skills: [t0], count: 1}\n";
  CHECK(error_of(types) == "center.yaml:4: 'call_types' has 1001 call types; a scenario may have at most 1000");
  std::string groups = kCenter;
  for (int g = 0; g < 1000; ++g) groups += "  - {name: g" + std::to_string(g) + ", skills: [retail], count: 1}\n";
  CHECK(error_of(groups) == "center.yaml:12: 'agent_groups' has 1001 agent groups; a scenario may have at most 1000");
  std::string ivr =
      edited("    arrivals: {rate: 100/h}\n", "", kCenter) + "ivr:\n  arrivals: {rate: 100/h}\n  nodes:\n";
  for (int v = 0; v <= 500; ++v) ivr += "    - {name: n" + std::to_string(v) + ", branches: {queue retail: 1}}\n";
  CHECK(error_of(ivr) == "center.yaml:17: ivr.nodes has 501 nodes; an IVR may have at most 500");
}

TEST_CASE("an IVR loop left with a tiny probability is refused at load", "[scenario][limits][ivr]") {
  const std::string base = edited("    arrivals: {rate: 100/h}\n", "", kCenter) +
                           "ivr:\n  arrivals: {rate: 100/h}\n  nodes:\n"
                           "    - name: menu\n      duration: {distribution: constant, value: 10s}\n"
                           "      branches: {queue retail: 1e-10, menu: 0.9999999999}\n";
  CHECK(error_of(base) ==
        "center.yaml:19: IVR node 'menu' sends callers through 1e+10 nodes on average before they "
        "leave the IVR, more than 1000; give the branches that leave its loop more probability");
  // Far below the probability doubles resolve next to 1: the loop never ends in arithmetic.
  CHECK(error_of(edited("queue retail: 1e-10, menu: 0.9999999999", "queue retail: 1e-300, menu: 1", base)) ==
        "center.yaml:19: IVR node 'menu' sends callers through endlessly many nodes on average before they leave the "
        "IVR, more than 1000; give the branches that leave its loop more probability");
  // A loop repeated 999 times on average is within the limit; a tiny exit probability is fine.
  CHECK(load(edited("queue retail: 1e-10, menu: 0.9999999999", "queue retail: 0.001001, menu: 0.998999", base))
            .spec.ivr->nodes.size() == 1);
  CHECK(load(edited("queue retail: 1e-10, menu: 0.9999999999", "queue retail: 1e-10, hang_up: 0.9999999999", base))
            .spec.ivr->exits.size() == 2);
  // Probabilities that do not sum to 1 are refused, with enough digits to see why.
  CHECK(error_of(edited("queue retail: 1e-10, menu: 0.9999999999", "queue retail: 0.5, menu: 0.4999999", base)) ==
        "center.yaml:19: IVR node 'menu''s branch probabilities sum to 0.9999999, not 1; adjust them so that they add "
        "up to 1");
}

TEST_CASE("an IVR walk never takes a branch of probability 0", "[models][ivr][limits]") {
  // Probabilities that sum to a hair under 1 (within the tolerance) leave the missing mass
  // to the last branch that can be taken, never to one of probability 0 after it (whose
  // target the checks do not follow). Shown here with a whole half missing, so that the
  // rest is drawn every other walk.
  callsim::models::IvrSpec ivr;
  ivr.nodes.push_back({"menu", std::nullopt, {{1, 0.5}, {2, 0}}});
  ivr.exits.push_back({"hang_up", callsim::models::IvrOutcome::HANG_UP, 0});
  ivr.exits.push_back({"queue retail", callsim::models::IvrOutcome::QUEUE, 0});
  callsim::sim::RandomStream stream(1, 0, {0, 0});
  int taken = 0;
  for (int i = 0; i < 1000; ++i) taken += callsim::models::walk_ivr(ivr, stream).exit == 1 ? 1 : 0;
  CHECK(taken == 0);
  ivr.nodes[0].branches = {{1, 0.9999999995}, {2, 0}};
  CHECK(callsim::models::ivr_problems(ivr).empty());
  ivr.nodes[0].branches = {{0, 0.9999999999}, {1, 1e-10}};
  const auto problems = callsim::models::ivr_problems(ivr);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] ==
        "IVR node 'menu' sends callers through 1e+10 nodes on average before they leave the IVR, more "
        "than 1000; give the branches that leave its loop more probability");
}

TEST_CASE("shifts, breaks and overrides are bounded in number", "[scenario][limits]") {
  std::string breaks = "    shifts:\n      - start: 00:00\n        end: 12:00\n        count: 10\n        breaks:\n";
  for (int b = 0; b <= 100; ++b) breaks += "          - {start: 01:00, duration: 1min, count: 1}\n";
  CHECK(error_of(edited("    count: 10\n", breaks)) ==
        "center.yaml:19: agent_groups[0].shifts[0].breaks has 101 breaks; a shift may have at most 100");
  std::string shifts = "    shifts:\n";
  for (int s = 0; s <= 10000; ++s) shifts += "      - {start: 00:00, end: 01:00, count: 1}\n";
  CHECK(error_of(edited("    count: 10\n", shifts)) ==
        "center.yaml:15: agent_groups[0].shifts has 10001 shifts; a group may have at most 10000 (give a larger group "
        "a staffing plan)");
  const std::vector<std::string> sets(1001, "call_types.0.service.mean=200s");
  CHECK(error_of(kCenter, sets) == "--set is given 1001 times; at most 1000 overrides are allowed in one run");
  CHECK(load(kCenter, std::vector<std::string>(1000, "call_types.0.service.mean=200s"))
            .spec.call_types[0]
            .service.mean() == 200);
}

TEST_CASE("wide and varied CSVs are checked in time that grows with their size only", "[scenario][limits][files]") {
  const TempDir dir;
  // 200,000 columns, the last a repeat of the first: a pairwise check would take minutes.
  std::string header = "interval_start";
  for (int c = 0; c < 200000; ++c) header += ",c" + std::to_string(c);
  header += ",c0\n";
  dir.write("wide.csv", header + "00:00" + std::string(200001, ',') + "\n");
  const std::string scenario = dir.write("center.yaml", edited("{rate: 100/h}", "{forecast: wide.csv}"));
  const Bounded wide = run_bounded([&] {
    try {
      static_cast<void>(load_scenario(scenario));
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("loaded");
  });
  CHECK(wide.exited);
  CHECK(wide.output == dir.file("wide.csv") +
                           ":1: column 'c0' appears twice (columns 2 and 200002); name each column "
                           "once");
  // A trace of 100,000 call types the scenario does not define: ten named, the rest counted.
  std::string trace = "time,call_type\n00:10:00,retail\n";
  for (int k = 0; k < 100000; ++k) trace += "00:20:00,x" + std::to_string(k) + "\n";
  dir.write("calls.csv", trace);
  const std::string traced = dir.write("center.yaml", edited("{rate: 100/h}", "{trace: calls.csv}"));
  const Bounded many = run_bounded([&] {
    const auto loaded = load_scenario(traced);
    return std::to_string(loaded.warnings.size()) + "\n" + loaded.warnings.back();
  });
  CHECK(many.exited);
  CHECK(many.output == "11\n" + traced + ":8: the trace '" + dir.file("calls.csv") +
                           "' has 99990 calls of 99990 more call types the scenario does not define; they are not "
                           "replayed");
}
