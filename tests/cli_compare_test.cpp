// End-to-end tests of `callsim compare`: the file it writes, its JSON, the sequential
// mode, and one clear message with exit code 2 for each kind of bad input.

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_shell.hpp"
#include "store/results_store.hpp"

namespace fs = std::filesystem;
using callsim::store::read_results_file;

namespace {

using callsim::testing::Output;
using callsim::testing::slurp;

fs::path temp_dir(const std::string& name) { return callsim::testing::temp_dir("compare", name); }

/// `callsim compare ARGS` run in `dir`.
Output compare(const std::string& args, const fs::path& dir) {
  return callsim::testing::run_callsim("compare " + args, dir);
}

const std::string kSmall = std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/multiskill-small.yaml";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// The text of the JSON object that follows `"key": ` (braces balanced; no brace in strings here).
std::string json_object(const std::string& json, const std::string& key) {
  const std::size_t at = json.find("\"" + key + "\": {");
  if (at == std::string::npos) return "";
  const std::size_t open = json.find('{', at);
  int depth = 0;
  for (std::size_t i = open; i < json.size(); ++i) {
    depth += json[i] == '{' ? 1 : json[i] == '}' ? -1 : 0;
    if (depth == 0) return json.substr(open, i - open + 1);
  }
  return "";
}

}  // namespace

TEST_CASE("compare runs policies on common random numbers and writes every run and the comparison", "[cli][compare]") {
  const auto dir = temp_dir("policies");
  const auto r = compare(kSmall +
                             " --policy longest_idle_agent --policy static_priority --policy reserve:reserved=2 "
                             "-r 6 -j 2 --json",
                         dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  REQUIRE(r.err.empty());
  // The default name: the scenario and the variants.
  const auto file = read_results_file(
      (dir / "multiskill-small-compare-longest_idle_agent-static_priority-reserve_reserved_2.h5").string());
  REQUIRE(file.runs.size() == 3);
  CHECK(file.runs[0].name == "longest_idle_agent");
  CHECK(file.runs[1].name == "static_priority");
  CHECK(file.runs[2].name == "reserve:reserved=2");
  for (const auto& run : file.runs) CHECK(run.replications.size() == 6);
  REQUIRE(file.comparison.has_value());
  CHECK(file.comparison->baseline == "longest_idle_agent");
  REQUIRE(file.comparison->variants.size() == 2);
  CHECK(file.comparison->variants[1].variant == "reserve:reserved=2");
  CHECK(file.scenario_text == slurp(kSmall));
  CHECK(file.command_line.rfind("callsim compare ", 0) == 0);

  const std::string variants = json_object(json_object(r.out, "comparison"), "variants");
  INFO(r.out);
  CHECK(contains(json_object(r.out, "comparison"), "\"baseline\": \"longest_idle_agent\""));
  // Keeping two idle agents back from every call costs service level, clearly.
  const std::string reserve = json_object(variants, "reserve:reserved=2");
  const std::string sl = json_object(reserve, "service_level");
  CHECK(contains(sl, "\"significant\": true"));
  CHECK(contains(sl, "\"difference\": -"));
  CHECK_FALSE(contains(r.out, "\"sequential\""));

  // The table: every variant, each non-baseline one's difference column, the legend.
  const auto table = compare(kSmall + " --policy longest_idle_agent --policy reserve:reserved=2 -r 4 -o t.h5", dir);
  REQUIRE(table.code == 0);
  CHECK(contains(table.out, "diff reserve:reserved=2"));
  CHECK(contains(table.out, "* = the CI excludes 0"));
  CHECK(contains(table.out, "results in t.h5"));
  CHECK(contains(table.out, "service level per interval: in "));
  CHECK(compare(kSmall + " --policy longest_idle_agent --policy reserve:reserved=2 -r 2 -o q.h5 --quiet", dir).out ==
        "");
}

TEST_CASE("compare runs scenario files and a variant against itself differs by exactly 0", "[cli][compare]") {
  const auto dir = temp_dir("files");
  const auto r = compare(kSmall + " " + kSmall + " -r 4 --json -o files.h5", dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto file = read_results_file((dir / "files.h5").string());
  REQUIRE(file.runs.size() == 2);
  CHECK(file.runs[0].name == "multiskill-small");
  CHECK(file.runs[1].name == "multiskill-small-2");  // made unique
  CHECK(file.scenario_path == kSmall + "\n" + kSmall);
  CHECK(contains(file.scenario_text, "--- # callsim compare: scenario 2 of 2, run 'multiskill-small-2', file '" +
                                         kSmall + "'\n" + slurp(kSmall)));
  const std::string itself = json_object(json_object(r.out, "variants"), "multiskill-small-2");
  INFO(r.out);
  for (const std::string kpi : {"offered", "service_level", "asa", "abandon_rate", "occupancy"})
    CHECK(contains(itself, "\"" + kpi + "\": {\"difference\": 0, \"ci95\": 0, \"significant\": false}"));
  for (const auto& d : file.comparison->variants.at(0).day)
    if (d.n >= 2) CHECK((d.mean == 0 && d.ci95 == 0 && !d.significant));
}

TEST_CASE("compare what-if variants of one scenario: more agents answer more calls on the same callers",
          "[cli][compare]") {
  const auto dir = temp_dir("whatif");
  const auto r = compare(kSmall +
                             " -r 6 --what-if agent_groups.generalists.count=14 --what-if "
                             "'agent_groups.generalists.count=10;call_types.*.service.mean=3min' -o w.h5",
                         dir);
  INFO(r.err << r.out);
  REQUIRE(r.code == 0);
  const auto file = read_results_file((dir / "w.h5").string());
  REQUIRE(file.runs.size() == 3);
  CHECK(file.runs[1].name == "agent_groups.generalists.count=14");
  for (std::size_t i = 0; i < 6; ++i) {  // the same callers in every variant
    CHECK(file.runs[1].replications[i].total.offered == file.runs[0].replications[i].total.offered);
  }
  const auto& more = file.comparison->variants.at(0).day;
  CHECK(more[3].kpi == "service_level");
  CHECK(more[3].mean > 0);
  CHECK(more[3].significant);
}

TEST_CASE("compare in sequential mode adds replications until the target or the maximum", "[cli][compare]") {
  const auto dir = temp_dir("sequential");
  const std::string policies = kSmall + " --policy longest_idle_agent --policy reserve:reserved=2 -j 2 ";
  const auto met = compare(policies + "-r 4 --target-ci 0.05 --kpi service_level --max-replications 64 --json", dir);
  INFO(met.err << met.out);
  REQUIRE(met.code == 0);
  const std::string seq = json_object(met.out, "sequential");
  CHECK(contains(seq, "\"kpi\": \"service_level\""));
  CHECK(contains(seq, "\"target_met\": true"));
  const auto file =
      read_results_file((dir / "multiskill-small-compare-longest_idle_agent-reserve_reserved_2.h5").string());
  const std::size_t reps = file.runs[0].replications.size();
  CHECK(reps <= 64);
  CHECK(contains(seq, "\"replications\": " + std::to_string(reps) + ","));
  CHECK(file.comparison->variants[0].day[3].ci95 <= 0.05);  // service_level

  // Out of reach: 4, 8, then the maximum of 10, and the report says so.
  const auto missed =
      compare(policies + "-r 4 --target-ci 0.00001 --kpi service_level --max-replications 10 -o missed.h5", dir);
  REQUIRE(missed.code == 0);
  CHECK(contains(missed.out, "sequential: target NOT met after 10 replications"));
  CHECK(read_results_file((dir / "missed.h5").string()).runs[1].replications.size() == 10);
}

TEST_CASE("compare refuses bad input with one message and exit code 2", "[cli][compare]") {
  const auto dir = temp_dir("bad");
  const std::string two = " --policy longest_idle_agent --policy static_priority";
  const auto expect = [&](const std::string& args, const std::string& message) {
    const auto r = compare(args, dir);
    INFO("compare " << args);
    CHECK(r.code == 2);
    CHECK(r.err.rfind(message, 0) == 0);
    CHECK(r.out.empty());
  };
  expect(kSmall + " --policy longest_idle_agent --policy nope",
         "callsim compare: --policy 'nope': unknown routing policy 'nope'; valid values are: callback_offer, ");
  expect(kSmall + " --policy longest_idle_agent --policy a/b",
         "callsim compare: --policy 'a/b' contains '/', which a run name in the results file cannot\n");
  expect(kSmall + " --policy static_priority --policy static_priority",
         "callsim compare: --policy 'static_priority' is given twice\n");
  expect(kSmall + " --policy static_priority",
         "callsim compare: a comparison needs at least two variants: --policy twice or --what-if on one scenario, "
         "or two scenario files\n");
  expect(kSmall, "callsim compare: a comparison needs at least two variants");
  expect("", "callsim compare: no scenario given\n");
  expect(kSmall + " " + kSmall + two, "callsim compare: --policy compares policies on one scenario, but 2 scenarios");
  expect(kSmall + two + " --target-ci 0.01 --kpi sl --max-replications 20",
         "callsim compare: unknown KPI 'sl' for --kpi; valid KPIs are: offered, answered, abandoned, service_level, ");
  expect(kSmall + two + " --kpi service_level",
         "callsim compare: --kpi and --max-replications belong to the sequential mode, which --target-ci H turns on\n");
  expect(kSmall + two + " --target-ci 0.01 --max-replications 20", "callsim compare: --target-ci needs --kpi NAME");
  expect(kSmall + two + " --target-ci 0.01 --kpi service_level",
         "callsim compare: --target-ci needs --max-replications");
  expect(kSmall + two + " --target-ci 0 --kpi service_level --max-replications 20",
         "callsim compare: --target-ci '0' is not valid: expected a number above 0\n");
  expect(kSmall + two + " -r 10 --target-ci 0.01 --kpi service_level --max-replications 5",
         "callsim compare: --max-replications (5) is less than --replications (10)\n");
  expect(kSmall + two + " --set call_types.retial.service.mean=200s",
         "callsim compare: --set call_types.retial.service.mean=200s: no call type named 'retial'");
  expect(kSmall + " --what-if time.interval=1h", "callsim compare: --what-if 'time.interval=1h' changes the warm-up");
  expect(kSmall + two + " --what-if agent_groups.generalists.count=13",
         "callsim compare: --what-if compares variants of one scenario under its own policy");
  expect(kSmall + two + " -o no-such-dir/c.h5",
         "callsim compare: --out 'no-such-dir/c.h5': directory 'no-such-dir' does not exist\n");
  expect("missing.yaml " + kSmall, "cannot read scenario 'missing.yaml'");

  // Two scenario files must share their intervals to be paired interval by interval.
  const fs::path other = dir / "hourly.yaml";
  std::string text = slurp(kSmall);
  text.replace(text.find("interval: 30min"), 15, "interval: 1h");
  std::ofstream(other) << text;
  fs::copy_file(fs::path(kSmall).parent_path() / "multiskill-small-forecast.csv",
                dir / "multiskill-small-forecast.csv");
  expect(kSmall + " " + other.string(), "callsim compare: scenario '" + other.string() +
                                            "' has another warm-up, duration or interval than '" + kSmall + "'");
  CHECK(fs::is_empty(dir / "multiskill-small-forecast.csv") == false);
  for (const auto& entry : fs::directory_iterator(dir))  // nothing was written
    CHECK(entry.path().extension() != ".h5");
}
