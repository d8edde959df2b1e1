#include <catch2/catch.hpp>

#include <fstream>
#include <string>

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
