// callsim staff from the command line: the CSV it writes runs as the scenario's staffing,
// JSON, and bad input (exit 2, one line naming the option).

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "cli_shell.hpp"

using callsim::testing::run_callsim;
using callsim::testing::slurp;
using callsim::testing::temp_dir;

namespace {

const std::string kLibrary = std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/";

double number_after(const std::string& text, const std::string& key) {
  const std::size_t at = text.find(key);
  return at == std::string::npos ? -1 : std::stod(text.substr(at + key.size()));
}

}  // namespace

TEST_CASE("callsim staff writes a staffing CSV that runs as the scenario's plan", "[cli_staff]") {
  const auto dir = temp_dir("cli-staff", "out");
  const auto r =
      run_callsim("staff " + kLibrary + "multiskill-small.yaml --target 'service_level>=80%' -q -o plan.csv", dir);
  REQUIRE(r.code == 0);
  const std::string csv = slurp(dir / "plan.csv");
  REQUIRE(csv.rfind("interval_start,generalists,specialists\n08:00,", 0) == 0);
  // 12 intervals and the drain row.
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 14);
  // Plugged into both groups, the scenario runs.
  std::ifstream in(kLibrary + "multiskill-small.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const std::string count : {"count: 12", "count: 6"})
    text.replace(text.find(count), count.size(), "staffing: plan.csv");
  const std::string forecast = "multiskill-small-forecast.csv";
  text.replace(text.find(forecast), forecast.size(), kLibrary + forecast);
  while (text.find("forecast: multiskill-small-forecast.csv") != std::string::npos)
    text.replace(text.find("forecast: multiskill-small-forecast.csv"), 39, "forecast: " + kLibrary + forecast);
  std::ofstream(dir / "planned.yaml") << text;
  const auto run = run_callsim("run planned.yaml -r 5 -q -o planned.h5", dir);
  CHECK(run.code == 0);
  CHECK(run.err.empty());
  // A second --out over its own file needs no --force.
  CHECK(run_callsim("staff " + kLibrary + "multiskill-small.yaml --target 'service_level>=80%' -q -o plan.csv", dir)
            .code == 0);
}

TEST_CASE("callsim staff --json gives the plan per interval and the totals", "[cli_staff]") {
  const auto dir = temp_dir("cli-staff", "json");
  const auto r = run_callsim("staff " + kLibrary +
                                 "bank-weekday.yaml --target 'service_level>=0.8' "
                                 "--target 'abandon_rate<=5%' --shrinkage 0.3 --json",
                             dir);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("\"method\": \"simulation\"") != std::string::npos);
  CHECK(r.out.find("\"start\": \"07:00\"") != std::string::npos);
  CHECK(r.out.find("\"abandon_rate\": {\"mean\": ") != std::string::npos);
  CHECK(r.out.find("\"met\": true") != std::string::npos);
  // Paid hours are agent-hours / (1 - shrinkage); an FTE is 8 paid hours of the one day.
  const double agent_hours = number_after(r.out, "\"agent_hours\": ");
  CHECK(agent_hours > 50);
  CHECK(number_after(r.out, "\"paid_hours\": ") == Approx(agent_hours / 0.7));
  CHECK(number_after(r.out, "\"fte\": ") == Approx(agent_hours / 0.7 / 8));
}

TEST_CASE("callsim staff refuses bad input with exit 2 and one line", "[cli_staff]") {
  const auto dir = temp_dir("cli-staff", "bad");
  const std::string scenario = kLibrary + "bank-weekday.yaml";
  struct Case {
    std::string args, says;
  };
  const Case cases[] = {
      {scenario, "give at least one --target"},
      {scenario + " --target 'asa>=20'", "--target 'asa>=20'"},
      {scenario + " --target 'frobs<=2'", "frobs"},
      {scenario + " --target 'service_level>=1' --max-evaluations 20", "service_level of 100"},
      {scenario + " --target 'service_level>=0.8' --per week", "--per 'week'"},
      {scenario + " --target 'service_level>=0.8' --method erlang --per day", "--per day"},
      {scenario + " --target 'service_level>=0.8' --confidence 1", "--confidence"},
      {scenario + " --target 'service_level>=0.8' --shrinkage 1", "--shrinkage"},
      {scenario + " --target 'service_level>=0.8' --max-agents 2", "--max-agents"},
      {scenario + " --target 'service_level>=0.8' -o " + scenario, "--out"},
      {"missing.yaml --target 'service_level>=0.8'", "missing.yaml"},
  };
  for (const Case& c : cases) {
    INFO(c.args);
    const auto r = run_callsim("staff " + c.args, dir);
    CHECK(r.code == 2);
    CHECK(r.err.find(c.says) != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
  // A foreign file at --out is kept without --force.
  std::ofstream(dir / "mine.csv") << "my own notes\n";
  CHECK(run_callsim("staff " + scenario + " --target 'service_level>=0.8' -q -o mine.csv", dir).code == 2);
  CHECK(slurp(dir / "mine.csv") == "my own notes\n");
}
