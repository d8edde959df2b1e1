// callsim inspect FILE.h5, and the provenance attributes it shows (overrides, complete).

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_shell.hpp"
#include "store/results_store.hpp"
#include "subprocess.hpp"

namespace fs = std::filesystem;
using callsim::testing::read_file;

namespace {

using callsim::testing::Output;
using callsim::testing::run_callsim;

fs::path temp_dir(const std::string& name) { return callsim::testing::temp_dir("inspect", name); }

std::string scenario(const std::string& name) { return std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/" + name; }

}  // namespace

TEST_CASE("inspect shows provenance runs per-call rows and headline KPIs", "[cli][inspect]") {
  const auto dir = temp_dir("run");
  const std::string h5 = (dir / "b.h5").string();
  const auto r = run_callsim("run " + scenario("bank-weekday.yaml") + " -r 3 -s 7 --calls -q --set " +
                                 "'agent_groups.agents.staffing_scale=1.1' --set call_types.retail.priority=2 -o " + h5,
                             dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto file = callsim::store::read_results_file(h5);
  CHECK(file.complete);
  CHECK(file.replications_requested == 3);
  CHECK(file.overrides ==
        std::vector<std::string>{"agent_groups.agents.staffing_scale=1.1", "call_types.retail.priority=2"});
  const auto rows = callsim::store::call_record_count(h5, "bank-weekday");
  REQUIRE(rows);
  std::uint64_t calls = 0;
  for (const auto& rep : file.runs[0].replications) calls += rep.calls_simulated;
  CHECK(*rows == calls);

  const auto i = run_callsim("inspect " + h5, dir);
  INFO(i.out << i.err);
  REQUIRE(i.code == 0);
  CHECK(i.err.empty());
  CHECK(i.out.rfind("callsim results file " + h5 + "\n", 0) == 0);
  CHECK(i.out.find("  format_version   4 ") != std::string::npos);
  CHECK(i.out.find("  callsim_version  0.1.0\n") != std::string::npos);
  CHECK(i.out.find("  created          " + file.created + "\n") != std::string::npos);
  CHECK(i.out.find("  seed             7\n") != std::string::npos);
  CHECK(i.out.find("  command_line     callsim run " + scenario("bank-weekday.yaml") + " -r 3 -s 7 --calls") !=
        std::string::npos);
  CHECK(i.out.find("  scenario         " + scenario("bank-weekday.yaml") + " (") != std::string::npos);
  CHECK(i.out.find("  overrides        agent_groups.agents.staffing_scale=1.1, call_types.retail.priority=2\n") !=
        std::string::npos);
  CHECK(i.out.find("  complete         yes\n") != std::string::npos);
  CHECK(i.out.find("run 'bank-weekday': 3 replications, 34 intervals of 1800 s from 0 s\n") != std::string::npos);
  CHECK(i.out.find("  6 call types: retail, prospect, english, stock, callback, internet\n") != std::string::npos);
  CHECK(i.out.find("  1 agent group: agents\n") != std::string::npos);
  CHECK(i.out.find("  per-call table: yes, " + std::to_string(calls) + " rows\n") != std::string::npos);
  char line[160];
  const auto& sl = file.runs[0].summary[3];
  REQUIRE(sl.kpi == "service_level");
  std::snprintf(line, sizeof line, "%.2f%%", 100 * sl.mean);
  CHECK(i.out.find(std::string("  service_level ")) != std::string::npos);
  CHECK(i.out.find(line) != std::string::npos);
  for (const char* kpi : {"offered", "asa", "abandon_rate", "occupancy"})
    CHECK(i.out.find(std::string("  ") + kpi) != std::string::npos);
  CHECK(i.out.find("comparison") == std::string::npos);
}

TEST_CASE("inspect shows a comparison and a file without per-call rows", "[cli][inspect]") {
  const auto dir = temp_dir("compare");
  const std::string h5 = (dir / "c.h5").string();
  const auto r = run_callsim("compare " + scenario("multiskill-small.yaml") +
                                 " --policy longest_idle_agent --policy static_priority -r 3 -q -o " + h5,
                             dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto i = run_callsim("inspect " + h5, dir);
  INFO(i.out);
  REQUIRE(i.code == 0);
  CHECK(i.out.find("run 'longest_idle_agent': 3 replications") != std::string::npos);
  CHECK(i.out.find("run 'static_priority': 3 replications") != std::string::npos);
  CHECK(i.out.find("  per-call table: no\n") != std::string::npos);
  CHECK(i.out.find("comparison: baseline 'longest_idle_agent', 1 variant\n") != std::string::npos);
  CHECK(i.out.find("  'static_priority' - 'longest_idle_agent' (paired, 95% CI; * where it excludes 0)\n") !=
        std::string::npos);
  CHECK(i.out.find("    service_level ") != std::string::npos);
}

TEST_CASE("inspect refuses a missing or foreign file with one message and exit 2", "[cli][inspect][bad-input]") {
  const auto dir = temp_dir("bad");
  const auto missing = run_callsim("inspect " + (dir / "none.h5").string(), dir);
  CHECK(missing.code == 2);
  CHECK(missing.out.empty());
  CHECK(missing.err ==
        "callsim inspect: cannot read results file '" + (dir / "none.h5").string() + "': no such file\n");
  std::ofstream(dir / "text.h5") << "not hdf5\n";
  const auto foreign = run_callsim("inspect " + (dir / "text.h5").string(), dir);
  CHECK(foreign.code == 2);
  CHECK(foreign.err ==
        "callsim inspect: cannot read results file '" + (dir / "text.h5").string() + "': it is not an HDF5 file\n");
  const auto none = run_callsim("inspect", dir);
  CHECK(none.code == 2);
  CHECK(none.err == "callsim inspect: give one results file (callsim inspect FILE.h5)\n");
  const auto two = run_callsim("inspect a.h5 b.h5", dir);
  CHECK(two.code == 2);
}

TEST_CASE("inspect and report read the format 3 files of tests/data", "[cli][inspect][report]") {
  const auto dir = temp_dir("format3");
  const std::string data = std::string(CALLSIM_SOURCE_DIR) + "/tests/data/";
  const auto run = run_callsim("inspect " + data + "format3-run.h5", dir);
  INFO(run.out << run.err);
  REQUIRE(run.code == 0);
  CHECK(run.out.find("  format_version   3 ") != std::string::npos);
  CHECK(run.out.find("run 'multiskill-small': 2 replications, 12 intervals of 1800 s from 0 s\n") != std::string::npos);
  CHECK(run.out.find("  offered                  1149.0") != std::string::npos);
  const auto compare = run_callsim("inspect " + data + "format3-compare.h5", dir);
  INFO(compare.out << compare.err);
  REQUIRE(compare.code == 0);
  CHECK(compare.out.find("comparison: baseline 'longest_idle_agent', 1 variant\n") != std::string::npos);
  for (const char* file : {"format3-run.h5", "format3-compare.h5"}) {
    const std::string html = (dir / (std::string(file) + ".html")).string();
    const auto report =
        run_callsim("report " + data + file + " --html " + html + " --csv " + (dir / "csv").string(), dir);
    INFO(file << ": " << report.err);
    CHECK(report.code == 0);
    CHECK(fs::file_size(html) > 10000);
  }
  CHECK(fs::exists(dir / "csv" / "intervals.csv"));
}
