// The console table: alignment, colour rules (NO_COLOR, terminals) and the worst intervals.
#include "report/console_report.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "report/worst_intervals.hpp"
#include "run/experiment.hpp"

using namespace callsim;

namespace {

analysis::RunResult run_with_levels(const std::vector<std::pair<int, int>>& within_of_answered) {
  analysis::RunResult run;
  run.name = "c";
  run.interval_seconds = 1800;
  analysis::ReplicationResult r;
  for (const auto& [within, answered] : within_of_answered) {
    analysis::KpiTally t;
    t.offered = t.answered = static_cast<std::uint64_t>(answered);
    t.answered_within = static_cast<std::uint64_t>(within);
    r.intervals.push_back(t);
    r.total += t;
  }
  run.replications = {r, r};
  run.summary = analysis::summarize(run.replications);
  return run;
}

}  // namespace

TEST_CASE("console: colour needs a terminal and no NO_COLOR", "[console]") {
  CHECK(report::use_color(true, nullptr));
  CHECK(report::use_color(true, ""));  // no-color.org: an empty value does not count
  CHECK_FALSE(report::use_color(true, "1"));
  CHECK_FALSE(report::use_color(false, nullptr));
  report::ConsoleStyle plain;
  CHECK(report::paint("x", "31", plain) == "x");
  report::ConsoleStyle colour;
  colour.color = true;
  CHECK(report::paint("x", "31", colour) == "\033[31mx\033[0m");
}

TEST_CASE("console: the summary table is aligned and lists defined KPIs only", "[console]") {
  const auto run = run_with_levels({{9, 10}, {5, 10}, {10, 10}});
  std::ostringstream out;
  report::print_summary_table(out, run);
  std::istringstream lines(out.str());
  std::string line;
  std::getline(lines, line);
  const std::size_t width = line.size();
  CHECK(line.rfind("KPI", 0) == 0);
  while (std::getline(lines, line)) CHECK(line.size() == width);
  CHECK(out.str().find("callback_delay") == std::string::npos);  // NaN in every replication: left out
  CHECK(out.str().find("service_level") != std::string::npos);
}

TEST_CASE("console: the end-to-end KPIs are shown only when callers redial", "[console]") {
  auto run = run_with_levels({{9, 10}, {5, 10}});
  // No retrials: the end-to-end figures repeat service_level and asa, and are left out.
  for (auto& r : run.replications) {
    r.total.answered_within_end_to_end = r.total.answered_within;
    r.total.wait_answered_end_to_end = r.total.wait_answered = 30;
  }
  run.summary = analysis::summarize(run.replications);
  std::ostringstream plain;
  report::print_summary_table(plain, run);
  CHECK(plain.str().find("service_level_end_to_end") == std::string::npos);
  CHECK(plain.str().find("asa_end_to_end") == std::string::npos);
  for (auto& r : run.replications) {
    r.total.retrials = 2;
    r.total.answered_within_end_to_end -= 1;
    r.total.wait_answered_end_to_end += 60;
  }
  run.summary = analysis::summarize(run.replications);
  std::ostringstream redials;
  report::print_summary_table(redials, run);
  CHECK(redials.str().find("service_level_end_to_end") != std::string::npos);
  CHECK(redials.str().find("asa_end_to_end") != std::string::npos);
}

TEST_CASE("console: the worst intervals are the lowest service levels, lowest first", "[console]") {
  const auto run = run_with_levels({{9, 10}, {5, 10}, {10, 10}, {7, 10}});
  CHECK(report::worst_intervals(run, 3) == std::vector<std::size_t>{1, 3, 0});
  std::ostringstream out;
  report::RunContext clock;
  clock.clock_start = 8 * 3600;
  clock.clock_known = true;
  report::print_worst_intervals(out, run, clock, 2, {});
  CHECK(out.str() ==
        "\nworst intervals by service level:\n"
        "  08:30     service_level 50.00% +/- 0.00%    asa 0.00 s     abandon_rate 0.00%    offered 10.0\n"
        "  09:30     service_level 70.00% +/- 0.00%    asa 0.00 s     abandon_rate 0.00%    offered 10.0\n");
}
