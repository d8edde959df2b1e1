#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "cli_shell.hpp"

using callsim::testing::run_callsim;
using callsim::testing::temp_dir;

namespace {
const std::string kLib = std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/";
}

TEST_CASE("callsim roster solves the shipped erlang-c day to optimality with a cost at the bound") {
  const auto dir = temp_dir("roster", "json");
  const auto r = run_callsim("roster " + kLib + "erlang-c.yaml --requirements " + kLib +
                                 "erlang-c-requirements.csv --shifts " + kLib + "erlang-c-shifts.yaml --json",
                             dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("\"optimal\": true") && Catch::Contains("\"gap\": 0"));
  CHECK_THAT(r.out, Catch::Contains("\"intervals\": ["));
}

TEST_CASE("callsim roster exits 2 with file and line for a bad templates file") {
  const auto dir = temp_dir("roster", "bad");
  std::ofstream(dir / "t.yaml") << "templates:\n  - name: early\n    group: agents\n    start: {from: \"07:00\"}\n"
                                   "    length: 8h\n    cost_per_hour: 20\n    min: 5\n    max: 2\n";
  const auto r = run_callsim(
      "roster " + kLib + "erlang-c.yaml --requirements " + kLib + "erlang-c-requirements.csv --shifts t.yaml", dir);
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("t.yaml:8: shift template 'early' has min 5 above max 2"));
}

TEST_CASE("callsim roster exits 2 naming intervals no template covers") {
  const auto dir = temp_dir("roster", "uncovered");
  std::ofstream(dir / "t.yaml") << "templates:\n  - name: early\n    group: agents\n    start: {from: \"07:00\"}\n"
                                   "    length: 8h\n    cost_per_hour: 20\n";
  const auto r = run_callsim(
      "roster " + kLib + "erlang-c.yaml --requirements " + kLib + "erlang-c-requirements.csv --shifts t.yaml", dir);
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("no shift template can have an agent on duty") && Catch::Contains("agents 06:00"));
}

namespace {

/// A four-hour center, requirements for it and 2 h shift templates.
std::filesystem::path small_center(const std::string& name) {
  const auto dir = temp_dir("roster", name);
  std::filesystem::create_directories(dir / "in");
  std::ofstream(dir / "in" / "f.csv") << "interval_start,calls\n08:00,40\n08:30,60\n09:00,90\n09:30,90\n10:00,60\n"
                                         "10:30,40\n11:00,30\n11:30,20\n";
  std::ofstream(dir / "in" / "c.yaml")
      << "name: small\ntime: {start: \"08:00\", warmup: 0s, duration: 4h, interval: 30min}\n"
         "call_types:\n  - name: calls\n    arrivals: {forecast: f.csv}\n"
         "    service: {distribution: exponential, mean: 3min}\n"
         "agent_groups:\n  - {name: agents, skills: [calls], count: 8}\n";
  std::ofstream(dir / "in" / "need.csv") << "interval_start,agents\n08:00,3\n08:30,4\n09:00,6\n09:30,6\n10:00,4\n"
                                            "10:30,3\n11:00,2\n11:30,2\n";
  std::ofstream(dir / "in" / "t.yaml") << "templates:\n  - name: two\n    group: agents\n"
                                          "    start: {from: \"08:00\", to: \"10:00\", step: 30min}\n"
                                          "    length: 2h\n    cost_per_hour: 20\n";
  return dir;
}

}  // namespace

TEST_CASE("callsim roster --target --out writes a scenario callsim run runs, meeting the target") {
  const auto dir = small_center("out");
  const auto r = run_callsim(
      "roster in/c.yaml --requirements in/need.csv --shifts in/t.yaml --target 'service_level>=0.8' --out "
      "roster.yaml --json",
      dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("\"simulation\": {\"met\": true, \"intervals\": 8, \"intervals_meeting\": 8"));
  std::ifstream in(dir / "roster.yaml");
  std::string first;
  std::getline(in, first);
  CHECK(first == "# roster written by callsim roster");
  // The forecast is read from in/, relative to the roster written one directory up.
  const auto run = run_callsim("run roster.yaml -r 20 --out r.h5 --quiet", dir);
  INFO(run.err);
  CHECK(run.code == 0);
  CHECK(std::filesystem::exists(dir / "r.h5"));
  // Its report shows the roster: agents rostered per interval (no breaks here: at least the
  // requirement) and the roster's cost, the same as roster's own.
  REQUIRE(run_callsim("report r.h5 --csv csv --html r.html", dir).code == 0);
  const std::string cost_key = "{\"cost\": ";
  REQUIRE(r.out.rfind(cost_key, 0) == 0);
  const std::string cost = r.out.substr(cost_key.size(), r.out.find(',') - cost_key.size());
  std::ifstream html_in(dir / "r.html");
  const std::string html((std::istreambuf_iterator<char>(html_in)), std::istreambuf_iterator<char>());
  CHECK_THAT(html, Catch::Contains("The roster costs " + cost + ".") && Catch::Contains("<th>rostered</th>"));
  std::ifstream csv(dir / "csv" / "intervals.csv");
  std::string line;
  std::getline(csv, line);
  const std::vector<double> need{3, 4, 6, 6, 4, 3, 2, 2};
  std::size_t all_rows = 0;
  while (std::getline(csv, line)) {
    if (line.find(",all,") == std::string::npos) continue;
    // ...,required,rostered,staffing: the rostered figure is the second field from the end.
    const std::size_t last = line.rfind(','), before = line.rfind(',', last - 1);
    const double rostered = std::stod(line.substr(before + 1, last - before - 1));
    INFO(line);
    REQUIRE(all_rows < need.size());
    CHECK(rostered >= need[all_rows]);
    ++all_rows;
  }
  CHECK(all_rows == need.size());
  // Written again over its own file; a file callsim did not write is kept.
  CHECK(run_callsim("roster in/c.yaml --requirements in/need.csv --shifts in/t.yaml --out roster.yaml", dir).code == 0);
  const auto foreign =
      run_callsim("roster in/c.yaml --requirements in/need.csv --shifts in/t.yaml --out in/need.csv", dir);
  CHECK(foreign.code == 2);
  CHECK_THAT(foreign.err, Catch::Contains("--out 'in/need.csv'"));
}

TEST_CASE("callsim roster exits 2 and writes nothing when templates cannot add what the target needs") {
  const auto dir = small_center("capped");
  std::ofstream(dir / "in" / "t.yaml", std::ios::app) << "    max: 8\n";  // the MIP needs all 8
  const auto r = run_callsim(
      "roster in/c.yaml --requirements in/need.csv --shifts in/t.yaml --target 'service_level>=0.95' -r 10 --out "
      "roster.yaml",
      dir);
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("still misses the targets in") && Catch::Contains("templates' max") &&
                        Catch::Contains("nothing written"));
  CHECK_FALSE(std::filesystem::exists(dir / "roster.yaml"));
}
