// End-to-end tests of the reports: callsim run --report, callsim report --html --csv and
// callsim compare --report, read back and checked against the results file's own numbers.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli_shell.hpp"
#include "report/interval_figures.hpp"
#include "report/number_format.hpp"
#include "report/run_context.hpp"
#include "store/results_store.hpp"

namespace fs = std::filesystem;
using namespace callsim;

namespace {

using callsim::testing::Output;
using callsim::testing::run_callsim;
using callsim::testing::slurp;

fs::path temp_dir(const std::string& name) { return callsim::testing::temp_dir("report", name); }
using callsim::testing::run_shell;

std::string scenario(const std::string& name) { return std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/" + name; }

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

/// The text from `open` (inclusive) to the next `close` (inclusive); "" if absent.
std::string element(const std::string& html, const std::string& open, const std::string& close) {
  const auto from = html.find(open);
  if (from == std::string::npos) return "";
  const auto to = html.find(close, from);
  return to == std::string::npos ? "" : html.substr(from, to + close.size() - from);
}

/// The text of the first <div class="value"> after `marker`.
std::string tile_value(const std::string& html, const std::string& marker) {
  const auto at = html.find(marker);
  if (at == std::string::npos) return "(no tile)";
  const std::string open = "<div class=\"value\">";
  const auto from = html.find(open, at) + open.size();
  return html.substr(from, html.find("</div>", from) - from);
}

using Row = std::vector<std::string>;

std::vector<Row> read_csv(const fs::path& path) {
  std::vector<Row> rows;
  std::istringstream in(slurp(path));
  std::string line;
  while (std::getline(in, line)) {
    Row row;
    std::string cell;
    std::istringstream cells(line);
    while (std::getline(cells, cell, ',')) row.push_back(cell);
    if (!line.empty() && line.back() == ',') row.push_back("");
    rows.push_back(row);
  }
  return rows;
}

std::size_t column(const Row& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  FAIL("no column " << name);
  return 0;
}

}  // namespace

TEST_CASE("report: run --report writes a dashboard whose numbers are the results file's", "[cli][report]") {
  const auto dir = temp_dir("run");
  const auto r = run_callsim("run " + scenario("bank-weekday.yaml") + " -r 5 -q -o " + (dir / "r.h5").string() +
                                 " --report " + (dir / "r.html").string(),
                             dir);
  REQUIRE(r.code == 0);
  REQUIRE(r.err.empty());
  const std::string html = slurp(dir / "r.html");
  const auto file = store::read_results_file((dir / "r.h5").string());
  const auto& run = file.runs.at(0);
  const std::size_t intervals = report::interval_count(run);
  REQUIRE(intervals == 34);

  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("</html>") != std::string::npos);
  // Self-contained: nothing fetched from anywhere.
  CHECK(html.find("src=\"http") == std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);
  for (const char* section : {"headline", "service-level", "asa", "abandonment", "occupancy", "volume", "staffing",
                              "wait-distribution", "call-types", "agent-groups", "costs", "intervals"})
    CHECK(html.find(std::string("<section class=\"card\" id=\"r0-") + section + "\">") != std::string::npos);
  CHECK(html.find("id=\"r0-notes\"") == std::string::npos);  // the scenario re-loaded

  // One point per interval in the service-level chart, on the 80 % target line's chart.
  const std::string sl_chart = element(html, "<svg id=\"r0-chart-service-level\"", "</svg>");
  CHECK(count_of(sl_chart, "<circle class=\"pt s1\"") == intervals);
  CHECK(count_of(sl_chart, "<line class=\"target\"") == 1);
  // Volume: the offered line and the forecast line, one point each per interval.
  const std::string volume = element(html, "<svg id=\"r0-chart-volume\"", "</svg>");
  CHECK(count_of(volume, "<circle class=\"pt s1\"") == intervals);
  CHECK(count_of(volume, "<circle class=\"pt forecast\"") == intervals);
  // Staffing: one bar per interval.
  CHECK(count_of(element(html, "<svg id=\"r0-chart-staffing\"", "</svg>"), "<rect class=\"bar") == intervals);
  // Intervals labelled with the clock from time.start 07:00.
  CHECK(sl_chart.find(">07:00<") != std::string::npos);
  CHECK(count_of(element(html, "id=\"r0-intervals\"", "</section>"), "<tr><td>") == intervals);

  // Headline numbers are the file's summary, formatted.
  for (const auto& s : run.summary) {
    if (s.kpi == "service_level" || s.kpi == "abandon_rate" || s.kpi == "occupancy")
      CHECK(tile_value(html, "data-kpi=\"" + s.kpi + "\"") == report::page_number(s.mean, "fraction"));
    if (s.kpi == "asa") CHECK(tile_value(html, "data-kpi=\"asa\"") == report::page_number(s.mean, "s"));
    if (s.kpi == "offered") CHECK(tile_value(html, "data-kpi=\"offered\"") == report::page_number(s.mean, "calls"));
  }
  // bank-weekday's contract is judged per day at 80 %; its probability tile is there.
  CHECK(html.find("data-kpi=\"p_contract_missed\"") != std::string::npos);
  CHECK(html.find("the scenario's contract, costs.sla.target") != std::string::npos);
  // Without --calls the waiting-time distribution says it is approximate.
  CHECK(html.find("Approximation (the file has no per-call table") != std::string::npos);
}

TEST_CASE("report: CSV files hold every interval and call type with the results file's numbers", "[cli][report]") {
  const auto dir = temp_dir("csv");
  REQUIRE(run_callsim("run " + scenario("bank-weekday.yaml") + " -r 4 -q -o " + (dir / "r.h5").string(), dir).code ==
          0);
  const auto r = run_callsim(
      "report " + (dir / "r.h5").string() + " --csv " + (dir / "csv").string() + " --html " + (dir / "r.html").string(),
      dir);
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  const auto file = store::read_results_file((dir / "r.h5").string());
  const auto& run = file.runs.at(0);
  const std::size_t intervals = report::interval_count(run), types = run.call_types.size();

  const auto rows = read_csv(dir / "csv" / "intervals.csv");
  REQUIRE(!rows.empty());
  CHECK(rows[0] == Row{"run",
                       "interval",
                       "interval_start",
                       "call_type",
                       "offered",
                       "offered_ci95",
                       "answered",
                       "answered_ci95",
                       "abandoned",
                       "abandoned_ci95",
                       "service_level",
                       "service_level_ci95",
                       "asa",
                       "asa_ci95",
                       "aht",
                       "aht_ci95",
                       "occupancy",
                       "occupancy_ci95",
                       "agents",
                       "agents_ci95",
                       "required",
                       "rostered",
                       "staffing"});
  REQUIRE(rows.size() == 1 + intervals * (types + 1));
  const Row& h = rows[0];
  const std::size_t sl = column(h, "service_level"), offered = column(h, "offered"), occ = column(h, "occupancy"),
                    agents = column(h, "agents");
  for (std::size_t i = 0; i < intervals; ++i) {
    for (std::size_t k = 0; k <= types; ++k) {
      const Row& row = rows[1 + i * (types + 1) + k];
      INFO("interval " << i << " type " << k);
      REQUIRE(row.size() == h.size());
      CHECK(row[0] == run.name);
      CHECK(row[1] == std::to_string(i));
      CHECK(row[3] == (k < types ? run.call_types[k] : std::string("all")));
      // The mean over replications of each interval's tally in the file.
      double sum_sl = 0, sum_offered = 0, sum_occ = 0, sum_agents = 0;
      std::size_t n_sl = 0;
      for (const auto& rep : run.replications) {
        const auto& t = k < types ? rep.interval_types[i * types + k] : rep.intervals[i];
        const double v = analysis::kpi_definitions()[3].compute(t);
        if (!std::isnan(v)) {
          sum_sl += v;
          ++n_sl;
        }
        sum_offered += static_cast<double>(t.offered);
        sum_occ += t.busy_time / t.staffed_time;
        sum_agents += t.staffed_time / run.interval_seconds;
      }
      const double reps = static_cast<double>(run.replications.size());
      CHECK(row[offered] == report::csv_number(sum_offered / reps));
      CHECK(row[sl] == (n_sl ? report::csv_number(sum_sl / static_cast<double>(n_sl)) : ""));
      if (k == types) {
        CHECK(row[occ] == report::csv_number(sum_occ / reps));
        CHECK(row[agents] == report::csv_number(sum_agents / reps));
        // The verdict follows the simulated service level against the default 80 % target.
        const std::string& verdict = row[column(h, "staffing")];
        if (n_sl && sum_sl / static_cast<double>(n_sl) < 0.8)
          CHECK(verdict == "under");
        else
          CHECK((verdict == "on_target" || verdict == "over"));
        CHECK_FALSE(row[column(h, "required")].empty());
        // bank-weekday has no shifts, so the file records no roster and the column is empty.
        REQUIRE(file.run_inputs.size() == file.runs.size());
        CHECK(file.run_inputs[0].rostered.empty());
        CHECK(row[column(h, "rostered")].empty());
      } else {
        CHECK(row[column(h, "rostered")].empty());
        CHECK(row[occ].empty());
        CHECK(row[column(h, "staffing")].empty());
      }
    }
  }
  CHECK(rows[1][2] == "07:00");
  CHECK(rows[1 + (types + 1)][2] == "07:30");

  const auto daily = read_csv(dir / "csv" / "daily.csv");
  CHECK(daily[0] == Row{"run", "kpi", "unit", "mean", "ci95", "low", "high", "std", "n"});
  std::map<std::string, Row> by_kpi;
  for (std::size_t i = 1; i < daily.size(); ++i) by_kpi[daily[i][1]] = daily[i];
  for (const auto& s : run.summary) {
    INFO(s.kpi);
    REQUIRE(by_kpi.count(s.kpi) == 1);
    CHECK(by_kpi[s.kpi][3] == report::csv_number(s.mean));
    CHECK(by_kpi[s.kpi][4] == report::csv_number(s.ci95));
    CHECK(by_kpi[s.kpi][8] == std::to_string(s.n));
  }
  for (const char* money : {"paid_hours", "trunk_minutes", "labour_cost", "trunk_cost", "revenue", "sla_penalty", "net",
                            "p_contract_missed"})
    CHECK(by_kpi.count(money) == 1);
  CHECK(by_kpi["labour_cost"][2] == "EUR");

  const auto groups = read_csv(dir / "csv" / "agent_groups.csv");
  REQUIRE(groups.size() == 1 + run.agent_groups.size());
  CHECK(groups[0][0] == "run");
  CHECK(groups[1][1] == "agents");
  double staffed = 0, handled = 0;
  for (const auto& rep : run.replications) {
    staffed += rep.groups[0].staffed_time / 3600;
    handled += static_cast<double>(rep.groups[0].handled);
  }
  const double reps = static_cast<double>(run.replications.size());
  CHECK(groups[1][column(groups[0], "staffed_hours")] == report::csv_number(staffed / reps));
  CHECK(groups[1][column(groups[0], "calls_handled")] == report::csv_number(handled / reps));

  // interval_groups.csv: one row per (interval, group); its agents are the interval's agents
  // on duty (one group here), its calls handled add up over the intervals to the group's.
  const auto cells = read_csv(dir / "csv" / "interval_groups.csv");
  REQUIRE(cells.size() == 1 + intervals * run.agent_groups.size());
  CHECK(cells[0][3] == "agent_group");
  double handled_cells = 0;
  for (std::size_t i = 0; i < intervals; ++i) {
    INFO("interval " << i);
    const Row& row = cells[1 + i];
    CHECK(row[1] == std::to_string(i));
    CHECK(row[3] == "agents");
    double on_duty = 0;
    for (const auto& rep : run.replications) on_duty += rep.intervals[i].staffed_time / run.interval_seconds;
    CHECK(std::stod(row[column(cells[0], "agents")]) == Approx(on_duty / reps).epsilon(1e-9));
    handled_cells += std::stod(row[column(cells[0], "calls_handled")]);
  }
  CHECK(handled_cells == Approx(handled / reps).epsilon(1e-9));

  // The page from the file read back is the page made in memory by run --report.
  REQUIRE(run_callsim("run " + scenario("bank-weekday.yaml") + " -r 4 -q -o " + (dir / "s.h5").string() + " --report " +
                          (dir / "s.html").string(),
                      dir)
              .code == 0);
  std::string from_file = slurp(dir / "r.html"), in_memory = slurp(dir / "s.html");
  // Only the header's command line and the footer's paths differ.
  const auto strip = [](std::string html) {
    const auto a = html.find("<header"), b = html.find("</header>");
    html.erase(a, b - a);
    return html.substr(0, html.find("<footer>"));
  };
  CHECK(strip(from_file) == strip(in_memory));
}

TEST_CASE("report: per-call tables give the exact waiting-time distribution", "[cli][report]") {
  const auto dir = temp_dir("calls");
  REQUIRE(run_callsim("run " + scenario("erlang-a.yaml") + " -r 2 -q --calls -o " + (dir / "r.h5").string() +
                          " --report " + (dir / "r.html").string(),
                      dir)
              .code == 0);
  const std::string html = slurp(dir / "r.html");
  CHECK(html.find("From the per-call table") != std::string::npos);
  CHECK(count_of(element(html, "<svg id=\"r0-chart-wait-distribution\"", "</svg>"), "<rect class=\"bar answered\"") ==
        8);
  // erlang-a has no costs: no costs section, the default target.
  CHECK(html.find("id=\"r0-costs\"") == std::string::npos);
  CHECK(html.find("target 80%") != std::string::npos);
}

TEST_CASE("report: compare --report shows the variants side by side", "[cli][report][comparison]") {
  const auto dir = temp_dir("compare");
  const auto r = run_callsim("compare " + scenario("multiskill-small.yaml") +
                                 " --policy longest_idle_agent --policy static_priority -r 4 -q -o " +
                                 (dir / "c.h5").string() + " --report " + (dir / "c.html").string(),
                             dir);
  REQUIRE(r.code == 0);
  const std::string html = slurp(dir / "c.html");
  const std::string table = element(html, "<section class=\"card\" id=\"comparison\">", "</section>");
  REQUIRE(!table.empty());
  CHECK(table.find("longest_idle_agent (baseline)") != std::string::npos);
  CHECK(table.find("<th>static_priority</th><th>difference</th>") != std::string::npos);
  CHECK(count_of(table, "<tr data-kpi=") == 7);
  const auto file = store::read_results_file((dir / "c.h5").string());
  const std::string chart = element(html, "<svg id=\"comparison-chart-service-level\"", "</svg>");
  CHECK(count_of(chart, "<circle class=\"pt s2\"") == report::interval_count(file.runs[1]));
  // A dashboard per variant follows.
  CHECK(html.find("id=\"r0-headline\"") != std::string::npos);
  CHECK(html.find("id=\"r1-headline\"") != std::string::npos);
}

TEST_CASE("report: bad input is one message and exit code 2", "[cli][report]") {
  const auto dir = temp_dir("bad");
  auto r = run_callsim("report " + (dir / "none.h5").string() + " --html x.html", dir);
  CHECK(r.code == 2);
  CHECK(r.err == "callsim report: cannot read results file '" + (dir / "none.h5").string() + "': no such file\n");
  r = run_callsim("report " + (dir / "none.h5").string(), dir);
  CHECK(r.code == 2);
  CHECK(r.err == "callsim report: nothing to write; give --html FILE, --csv DIR or both\n");
  r = run_callsim("report x.h5 --html x.html --shrinkage 1", dir);
  CHECK(r.code == 2);
  CHECK(r.err == "callsim report: --shrinkage '1' is not valid: expected a number from 0 to below 1\n");
  r = run_callsim("run " + scenario("erlang-a.yaml") + " -r 1 -q -o " + (dir / "r.h5").string() + " --report " +
                      (dir / "missing-dir" / "r.html").string(),
                  dir);
  CHECK(r.code == 2);
  CHECK(r.err.find("callsim run: ") == 0);
  CHECK_FALSE(fs::exists(dir / "r.h5"));  // refused before simulating
}

TEST_CASE("report: the scenario cannot be re-loaded and the page says so", "[cli][report]") {
  const auto dir = temp_dir("moved");
  // The forecast CSV is next to the copy while it runs, then gone.
  fs::copy(scenario("multiskill-small.yaml"), dir / "m.yaml");
  fs::copy(scenario("multiskill-small-forecast.csv"), dir / "multiskill-small-forecast.csv");
  REQUIRE(run_callsim("run " + (dir / "m.yaml").string() + " -r 2 -q -o " + (dir / "m.h5").string(), dir).code == 0);
  fs::remove(dir / "multiskill-small-forecast.csv");
  REQUIRE(run_callsim("report " + (dir / "m.h5").string() + " --html " + (dir / "m.html").string(), dir).code == 0);
  const std::string html = slurp(dir / "m.html");
  if (!store::read_results_file((dir / "m.h5").string()).run_inputs.empty()) {
    // A file that records its inputs (format 4) needs nothing beside it: the page is whole.
    CHECK(html.find("id=\"r0-notes\"") == std::string::npos);
    CHECK(count_of(element(html, "<svg id=\"r0-chart-volume\"", "</svg>"), "class=\"pt forecast\"") > 0);
    return;
  }
  CHECK(html.find("id=\"r0-notes\"") != std::string::npos);
  CHECK(html.find("No forecast line: the scenario stored in the file could not be re-loaded") != std::string::npos);
  CHECK(count_of(element(html, "<svg id=\"r0-chart-volume\"", "</svg>"), "class=\"pt forecast\"") == 0);
}

TEST_CASE("console: worst intervals listed and colour only on a terminal without NO_COLOR", "[cli][report]") {
  const auto dir = temp_dir("console");
  const std::string cmd = "run " + scenario("bank-weekday.yaml") + " -r 3 -o " + (dir / "r.h5").string();
  const auto plain = run_callsim(cmd, dir);
  REQUIRE(plain.code == 0);
  CHECK(plain.out.find("worst intervals by service level:") != std::string::npos);
  CHECK(plain.out.find("\033[") == std::string::npos);  // stdout is a file: no colour
  // script(1) gives callsim a terminal; NO_COLOR must still turn colour off.
  if (std::system("command -v script >/dev/null 2>&1") != 0) {
    WARN("skipped the terminal half: script(1) is not installed");
    return;
  }
  const std::string binary = CALLSIM_BINARY;
  const auto tty = run_shell("script -qec '" + binary + " " + cmd + "' /dev/null", dir);
  CHECK(tty.out.find("\033[1m") != std::string::npos);
  const auto no_color = run_shell("NO_COLOR=1 script -qec '" + binary + " " + cmd + "' /dev/null", dir);
  CHECK(no_color.out.find("worst intervals by service level:") != std::string::npos);
  CHECK(no_color.out.find("\033[") == std::string::npos);
}
