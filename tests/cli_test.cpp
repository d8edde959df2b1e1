// End-to-end tests of the callsim binary: exit codes, JSON, results files, reproducibility.

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_shell.hpp"
#include "store/results_store.hpp"

namespace fs = std::filesystem;

namespace {

using callsim::testing::Output;
using callsim::testing::run_callsim;
using callsim::testing::slurp;

fs::path temp_dir(const std::string& name) { return callsim::testing::temp_dir("cli", name); }

std::string scenario(const std::string& name) { return std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/" + name; }

/// The JSON output without its wall-clock figure, which is the only field allowed to differ.
std::string without_wall_time(const std::string& json) {
  const std::string key = "\"wall_seconds\": ";
  const auto at = json.find(key);
  if (at == std::string::npos) return json;
  const auto end = json.find_first_of(",}", at + key.size());
  return json.substr(0, at + key.size()) + "W" + json.substr(end);
}

}  // namespace

TEST_CASE("callsim --version and --help", "[cli]") {
  const auto dir = temp_dir("version");
  const auto v = run_callsim("--version", dir);
  REQUIRE(v.code == 0);
  REQUIRE(v.out == "callsim 0.1.0\n");
  for (const std::string sub : {"run", "compare", "erlang", "list", "inspect", "report", "fit", "backtest"}) {
    const auto h = run_callsim(sub + " --help", dir);
    REQUIRE(h.code == 0);
    REQUIRE(h.out.find("usage: callsim " + sub) != std::string::npos);
  }
  const auto bad = run_callsim("frobnicate", dir);
  REQUIRE(bad.code == 2);
  REQUIRE(bad.err ==
          "callsim: unknown command 'frobnicate'; valid commands are: backtest, compare, erlang, fit, inspect, list, "
          "report, roster, run, staff\n");
}

TEST_CASE("list prints the registered distributions and policies", "[cli]") {
  const auto dir = temp_dir("list");
  const auto d = run_callsim("list distributions", dir);
  REQUIRE(d.code == 0);
  for (const std::string name : {"constant", "empirical", "erlang", "exponential", "gamma", "hyperexponential",
                                 "loglogistic", "lognormal", "triangular", "uniform", "weibull"}) {
    REQUIRE(("\n" + d.out).find("\n" + name + ": ") != std::string::npos);
  }
  REQUIRE(d.out.find("    mean (duration): ") != std::string::npos);
  REQUIRE(d.out.find("    values (list of durations): ") != std::string::npos);
  REQUIRE(d.out.find("    probabilities (list of numbers): ") != std::string::npos);
  const auto p = run_callsim("list policies", dir);
  REQUIRE(p.code == 0);
  for (const std::string name :
       {"callback_offer", "expected_delay", "longest_idle_agent", "overflow_delay", "random_agent", "reserve",
        "skill_preference", "static_priority", "weighted_groups", "weighted_wait"}) {
    REQUIRE(("\n" + p.out).find("\n" + name + ": ") != std::string::npos);
  }
  REQUIRE(p.out.find("    delay (duration, per call type and agent group; default 30 s): ") != std::string::npos);
  REQUIRE(p.out.find("    weights (weight, per agent group; default 1): ") != std::string::npos);
  // A key a policy reads on each call type is listed under that policy, with its range.
  const auto weighted = p.out.find("\nweighted_wait: ");
  REQUIRE(weighted != std::string::npos);
  CHECK(p.out.find("    call_types[].weight (number in [1e-06, 1e+06], above 0; default 1): ", weighted) ==
        p.out.find('\n', weighted + 1) + 1);
  REQUIRE(run_callsim("list agents", dir).code == 2);
}

TEST_CASE("run prints a KPI table and writes a readable results file", "[cli]") {
  const auto dir = temp_dir("table");
  const auto h5 = dir / "out.h5";
  const auto r = run_callsim("run " + scenario("erlang-a.yaml") + " -r 3 --out " + h5.string(), dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  REQUIRE(r.out.find("service_level") != std::string::npos);
  REQUIRE(r.out.find("95% CI") != std::string::npos);
  REQUIRE(r.out.find("Erlang A exact") != std::string::npos);
  REQUIRE(r.out.find("90.29%") != std::string::npos);  // exact Erlang A service level beside the simulated one
  const auto file = callsim::store::read_results_file(h5.string());
  REQUIRE(file.runs.size() == 1);
  REQUIRE(file.runs[0].name == "erlang-a");
  REQUIRE(file.runs[0].replications.size() == 3);
  REQUIRE(file.seed == 1);
  REQUIRE(file.scenario_text == slurp(scenario("erlang-a.yaml")));
  // The table shows the same service level as the file's summary, as a percentage.
  char pct[32];
  std::snprintf(pct, sizeof pct, "%.2f%%", 100 * file.runs[0].summary[3].mean);
  REQUIRE(file.runs[0].summary[3].kpi == "service_level");
  REQUIRE(r.out.find(pct) != std::string::npos);
}

TEST_CASE("same seed gives the same results for 1 and 2 threads and another seed differs", "[cli][reproducibility]") {
  const auto dir = temp_dir("threads");
  const std::string base = "run " + scenario("erlang-a.yaml") + " -r 5 --json ";
  const auto one = run_callsim(base + "--threads 1 --out " + (dir / "t1.h5").string(), dir);
  const auto two = run_callsim(base + "--threads 2 --out " + (dir / "t2.h5").string(), dir);
  const auto other = run_callsim(base + "--threads 2 --seed 2 --out " + (dir / "s2.h5").string(), dir);
  REQUIRE(one.code == 0);
  REQUIRE(two.code == 0);
  REQUIRE(other.code == 0);
  REQUIRE(one.out.rfind("{\"runs\": {\"erlang-a\": {\"offered\": {\"mean\": ", 0) == 0);
  REQUIRE(without_wall_time(one.out) == without_wall_time(two.out));
  REQUIRE(without_wall_time(one.out) != without_wall_time(other.out));

  // Every dataset identical, compared by h5diff value by value (the root attributes
  // 'created' and 'command_line' differ by design, so the datasets are named one by one).
  if (std::system("command -v h5diff >/dev/null 2>&1") == 0) {
    auto h5diff = [&](const std::string& a, const std::string& b, const std::string& object) {
      const std::string cmd =
          "h5diff " + (dir / a).string() + " " + (dir / b).string() + " " + object + " " + object + " >/dev/null 2>&1";
      return std::system(cmd.c_str());
    };
    for (const std::string object :
         {"/scenario", "/erlang-a/replications", "/erlang-a/intervals", "/erlang-a/summary"}) {
      INFO(object);
      REQUIRE(h5diff("t1.h5", "t2.h5", object) == 0);
    }
    REQUIRE(h5diff("t1.h5", "s2.h5", "/erlang-a/replications") != 0);
  } else {
    WARN("h5diff not installed: dataset comparison done through the reader only");
  }
  const auto a = callsim::store::read_results_file((dir / "t1.h5").string());
  const auto b = callsim::store::read_results_file((dir / "t2.h5").string());
  REQUIRE(a.runs[0].replications.size() == b.runs[0].replications.size());
  for (std::size_t r = 0; r < a.runs[0].replications.size(); ++r) {
    const auto& x = a.runs[0].replications[r].total;
    const auto& y = b.runs[0].replications[r].total;
    REQUIRE(x.answered == y.answered);
    REQUIRE(x.wait_all == y.wait_all);
    REQUIRE(x.busy_time == y.busy_time);
  }
}

TEST_CASE("a bad scenario exits 2 with one message and writes nothing", "[cli][bad-input]") {
  const auto dir = temp_dir("bad");
  const auto yaml = dir / "typo.yaml";
  std::ofstream(yaml) << "name: typo\ntime: {duration: 10h}\ncall_types:\n  - name: general\n"
                         "    arivals: {rate: 100/h}\n    service: {distribution: exponential, mean: 180s}\n"
                         "agent_groups:\n  - {name: agents, skills: [general], count: 5}\n";
  const auto r = run_callsim("run " + yaml.string() + " --out " + (dir / "x.h5").string(), dir);
  REQUIRE(r.code == 2);
  REQUIRE(r.out.empty());
  REQUIRE(r.err.find(yaml.string() + ":5:") == 0);
  REQUIRE(r.err.find("arivals") != std::string::npos);
  REQUIRE(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  REQUIRE_FALSE(fs::exists(dir / "x.h5"));

  const auto missing = run_callsim("run " + (dir / "nope.yaml").string(), dir);
  REQUIRE(missing.code == 2);
  REQUIRE(missing.err.find("nope.yaml") != std::string::npos);
}

TEST_CASE("an unwritable output is refused before simulating", "[cli][bad-input]") {
  const auto dir = temp_dir("unwritable");
  const auto r = run_callsim("run " + scenario("erlang-a.yaml") + " --out /nonexistent-dir/x.h5", dir);
  REQUIRE(r.code == 2);
  REQUIRE(r.err.find("/nonexistent-dir/x.h5") != std::string::npos);
  REQUIRE(r.out.empty());
}

TEST_CASE("an overloaded scenario without abandonment runs with a clear warning", "[cli]") {
  const auto dir = temp_dir("overload");
  const auto yaml = dir / "overload.yaml";
  std::ofstream(yaml) << "name: overload\ntime: {duration: 2h}\ncall_types:\n  - name: general\n"
                         "    arrivals: {rate: 1200/h}\n    service: {distribution: exponential, mean: 180s}\n"
                         "agent_groups:\n  - {name: agents, skills: [general], count: 55}\n";
  const auto r = run_callsim("run " + yaml.string() + " -r 2 --quiet --out " + (dir / "o.h5").string(), dir);
  REQUIRE(r.code == 0);
  REQUIRE(r.out.empty());
  REQUIRE(r.err.find("warning: ") == 0);
  REQUIRE(r.err.find("depend on the horizon") != std::string::npos);
}

TEST_CASE("erlang prints the exact Erlang A figures and rejects a unit-less rate", "[cli][erlang]") {
  const auto dir = temp_dir("erlang");
  const auto r = run_callsim("erlang --rate 1000/h --aht 180s --agents 55 --patience 300s --threshold 20s --json", dir);
  REQUIRE(r.code == 0);
  REQUIRE(r.out.rfind("{\"model\": \"erlang_a\", \"offered_load\": 50, ", 0) == 0);
  REQUIRE(r.out.find("\"service_level\": 0.9028720563750") != std::string::npos);
  const auto c = run_callsim("erlang --rate 1000/h --aht 3min --agents 55", dir);
  REQUIRE(c.code == 0);
  REQUIRE(c.out.find("Erlang C") != std::string::npos);
  REQUIRE(c.out.find("77.94 %") != std::string::npos);  // SL(20 s) of M/M/55 at 50 Erlangs
  const auto bad = run_callsim("erlang --rate 1000 --aht 180s --agents 55", dir);
  REQUIRE(bad.code == 2);
  REQUIRE(bad.err ==
          "callsim erlang: --rate '1000' is not a rate: expected calls per unit of time: /s, /min, /h or /d "
          "(e.g. 1000/h, 16.7/min)\n");
}
