// `callsim erlang --target` end to end (agents for a target, per forecast interval, the
// messages of bad targets), and the target syntax of app/target_option.hpp.

#include <catch2/catch.hpp>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "analysis/erlang.hpp"
#include "app/option_values.hpp"
#include "app/target_option.hpp"
#include "cli_shell.hpp"
#include "report/json_report.hpp"

namespace {

using callsim::analysis::erlang;
using callsim::analysis::ErlangInput;
using callsim::testing::run_callsim;
using Direction = callsim::analysis::StaffingTarget::Direction;

std::filesystem::path temp_dir(const std::string& name) { return callsim::testing::temp_dir("erlang-target", name); }

/// The first N = 1, 2, ... whose Erlang service level reaches `target` (a plain loop, not the
/// library's search).
int first_meeting(ErlangInput in, double target) {
  for (in.agents = 1;; ++in.agents) {
    const auto r = erlang(in);
    if (r.stable && r.service_level >= target) return in.agents;
  }
}

/// Occurrences of `needle` in `hay`.
std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("erlang --target prints the agents needed and the figures there", "[cli][erlang]") {
  const auto dir = temp_dir("one");
  const ErlangInput in{360.0 / 3600, 240, 0, std::nullopt, 20};
  const int n = first_meeting(in, 0.8);
  REQUIRE(n == 29);
  const auto j = run_callsim("erlang --rate 360/h --aht 240s --target 'service_level >= 80%' --json", dir);
  REQUIRE(j.code == 0);
  REQUIRE(j.err.empty());
  CHECK(j.out.rfind("{\"model\": \"erlang_c\", ", 0) == 0);
  CHECK(j.out.find("\"agents\": 29, ") != std::string::npos);
  ErlangInput at = in;
  at.agents = n;
  CHECK(j.out.find("\"service_level\": " + callsim::report::json_number(erlang(at).service_level) + ", ") !=
        std::string::npos);
  CHECK(j.out.find("\"targets\": [{\"kpi\": \"service_level\", \"bound\": \">=\", \"value\": 0.8") !=
        std::string::npos);

  const auto t = run_callsim("erlang --rate 360/h --aht 240s --target service_level\\>=0.8 --target 'asa<=10s'", dir);
  REQUIRE(t.code == 0);
  // 29 agents give an ASA of 11.6 s: the ASA target binds.
  CHECK(t.out.rfind("30 agents needed for service_level >= 80% and asa <= 10 s\n\n", 0) == 0);
  CHECK(t.out.find("Erlang C (M/M/c): rate 360/h, AHT 240s, 30 agents, T = 20s") != std::string::npos);

  // Erlang A with patience: fewer agents than Erlang C for the same target.
  const int a = first_meeting({1000.0 / 3600, 180, 0, 300.0, 20}, 0.9);
  const auto ea =
      run_callsim("erlang --rate 1000/h --aht 180s --patience 300s --target 'service_level>=0.9' --json", dir);
  REQUIRE(ea.code == 0);
  CHECK(ea.out.find("\"agents\": " + std::to_string(a) + ", ") != std::string::npos);
  CHECK(a == 55);
}

TEST_CASE("erlang --target --forecast staffs each interval", "[cli][erlang]") {
  const auto dir = temp_dir("forecast");
  {
    std::ofstream f(dir / "day.csv");
    f << "interval_start,general,other\n08:00,0,1\n08:30,100,1\n09:00,180,1\n09:30,360,1\n";
  }
  const auto j =
      run_callsim("erlang --forecast day.csv --column general --aht 180s --target 'service_level>=0.8' --json", dir);
  REQUIRE(j.code == 0);
  REQUIRE(j.out.rfind("[{\"model\": \"erlang_c\", \"interval_start\": \"08:00\", \"calls\": 0, ", 0) == 0);
  CHECK(count(j.out, "\"interval_start\": ") == 4);
  CHECK(j.out.find("\"interval_start\": \"08:00\", \"calls\": 0, \"offered_load\": 0, ") != std::string::npos);
  CHECK(j.out.find("\"agents\": 0, ") != std::string::npos);  // no calls, no agents
  const std::vector<double> calls{100, 180, 360};
  for (const double c : calls) {
    const int n = first_meeting({c / 1800, 180, 0, std::nullopt, 20}, 0.8);
    INFO(c << " calls");
    const auto row = j.out.find("\"calls\": " + callsim::report::json_number(c) + ", ");
    REQUIRE(row != std::string::npos);
    CHECK(j.out.find("\"agents\": " + std::to_string(n) + ", ", row) == j.out.find("\"agents\": ", row));
  }
  CHECK(j.out.ends_with("}]\n"));

  const auto t =
      run_callsim("erlang --forecast day.csv --column general --aht 180s --target 'service_level>=0.8'", dir);
  REQUIRE(t.code == 0);
  CHECK(t.out.find("per interval: forecast day.csv (column 'general', 30 min intervals)") != std::string::npos);
  CHECK(t.out.find("  08:30    100.0     14 10.00 88.84 %") != std::string::npos);
  // 0 + 14 + 22 + 41 agents for half an hour each.
  CHECK(t.out.find("640.0 calls; 38.5 agent-hours on duty") != std::string::npos);

  const auto two = run_callsim("erlang --forecast day.csv --aht 180s --target 'service_level>=0.8'", dir);
  CHECK(two.code == 2);
  CHECK(two.err ==
        "callsim erlang: --forecast 'day.csv' has 2 columns (general, other); name the one to staff, e.g. "
        "--column 'general'\n");
  const auto never =
      run_callsim("erlang --forecast day.csv --column general --aht 180s --threshold 0s --target 'p_wait<=0'", dir);
  CHECK(never.code == 2);
  CHECK(never.err ==
        "callsim erlang: --target 'p_wait<=0' cannot be met in 3 of 4 intervals of day.csv (08:30, 09:00, 09:30): no "
        "number of agents gives a p_wait of 0: with random arrivals some calls always wait; relax the target\n");
  const auto bad = run_callsim("erlang --forecast missing.csv --aht 180s --target 'service_level>=0.8'", dir);
  CHECK(bad.code == 2);
  CHECK(bad.err.rfind("callsim erlang: cannot read forecast 'missing.csv' (given in --forecast): ", 0) == 0);
}

TEST_CASE("erlang --target: bad targets are one line and exit 2", "[cli][erlang]") {
  const auto dir = temp_dir("bad");
  const std::string base = "erlang --rate 360/h --aht 240s ";
  const auto refused = [&](const std::string& args, const std::string& message) {
    const auto r = run_callsim(base + args, dir);
    INFO(args);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "callsim erlang: " + message + "\n");
  };
  refused("--target 'asa>=20'",
          "--target 'asa>=20' is not valid: 'asa' takes an upper bound (asa<=X): more agents lower it, so a lower "
          "bound is met by too few agents");
  refused("--target 'sl>=0.8'",
          "--target 'sl>=0.8' is not valid: unknown KPI 'sl'; valid KPIs are: service_level, service_level_answered, "
          "service_level_offered, p_wait, asa, awt, abandon_rate, occupancy, mean_queue_length");
  refused("--target 'service_level>=120%'",
          "--target 'service_level>=120%' is not valid: 'service_level' is a fraction: the value must be from 0 to 1 "
          "(0% to 100%), got 1.2");
  refused("--threshold 0s --target 'service_level>=1'",
          "--target 'service_level>=1' cannot be met: no number of agents gives a service_level of 100 %: with random "
          "arrivals some calls always wait longer than the threshold; relax the target");
  refused("--agents 30 --target 'service_level>=0.8'",
          "--agents '30' and --target do not go together: --agents gives the figures of a staffing, --target the "
          "agents a target needs; give one");
  refused("--forecast day.csv --target 'p_wait<=0.5'",
          "--rate '360/h' and --forecast do not go together: the forecast gives each interval's "
          "calls; give one");
  const auto no_rate = run_callsim("erlang --aht 240s --target 'service_level>=0.8'", dir);
  CHECK(no_rate.code == 2);
  CHECK(no_rate.err.find("missing --rate: ") != std::string::npos);
  CHECK(no_rate.err.find(", or --forecast FILE.csv\n") != std::string::npos);
}

TEST_CASE("target option syntax", "[erlang][staffing]") {
  using callsim::app::parse_target;
  const auto t = parse_target("--target", " service_level >= 80 % ");
  CHECK(t.kpi == "service_level");
  CHECK(t.direction == Direction::AT_LEAST);
  CHECK(t.value == Approx(0.8));
  CHECK(parse_target("--target", "abandon_rate<=0.05").value == 0.05);
  CHECK(parse_target("--target", "asa<=1.5min").value == 90);
  CHECK(parse_target("--target", "awt<=20").value == 20);  // plain seconds
  CHECK(parse_target("--target", "mean_queue_length<=2").direction == Direction::AT_MOST);
  CHECK(callsim::app::describe_target(parse_target("--target", "asa<=0.5min")) == "asa <= 30 s");
  const auto refused = [](const std::string& text) {
    try {
      (void)parse_target("--target", text);
    } catch (const callsim::app::OptionError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(refused("asa<=80%") ==
        "--target 'asa<=80%' is not valid: '80%' is not a duration: expected a number followed by a unit: s, min, h "
        "or d (e.g. 20s, 5min, 1.5h), or seconds");
  CHECK(refused("service_level>=abc") ==
        "--target 'service_level>=abc' is not valid: 'abc' is not a fraction: expected a number from 0 to 1 (e.g. "
        "0.8) or a percentage (e.g. 80%)");
  CHECK(refused(">=0.8") ==
        "--target '>=0.8' is not valid: no KPI before the bound; expected KPI>=VALUE or KPI<=VALUE, e.g. "
        "'service_level>=0.8', 'service_level>=80%' or 'asa<=20s'");
  CHECK(refused("service_level>=") ==
        "--target 'service_level>=' is not valid: no value after the bound; expected KPI>=VALUE or KPI<=VALUE, e.g. "
        "'service_level>=0.8', 'service_level>=80%' or 'asa<=20s'");
  CHECK(refused("service_level=0.8").find("expected KPI>=VALUE or KPI<=VALUE") != std::string::npos);
  CHECK(refused("asa<=-5s").find("'asa' must be bounded by a finite value of 0 s or more, got -5") !=
        std::string::npos);
  CHECK(refused("p_wait<=nan").find("is not a fraction") != std::string::npos);
}
