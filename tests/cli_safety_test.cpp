// End-to-end: callsim never destroys an input, never crashes, and refuses early (issue 10).
// Each class of failure: its exit code, its message (verbatim or by a precise fragment),
// that nothing was simulated or written, and that the inputs are byte for byte as before.

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "analysis/kpi.hpp"
#include "cli_shell.hpp"
#include "store/results_probe.hpp"
#include "store/results_store.hpp"

namespace fs = std::filesystem;
using callsim::testing::Output;
using callsim::testing::run_callsim;
using callsim::testing::slurp;

namespace {

fs::path temp_dir(const std::string& name) { return callsim::testing::temp_dir("safety", name); }

const std::string kLibrary = std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/";

/// A short erlang-a (2 h counted) as s.yaml, and multiskill-small with its forecast CSV, in `dir`.
void copy_scenarios(const fs::path& dir) {
  std::string text = slurp(kLibrary + "erlang-a.yaml");
  text.replace(text.find("duration: 200h"), 14, "duration: 2h");
  std::ofstream(dir / "s.yaml") << text;
  fs::copy_file(kLibrary + "multiskill-small.yaml", dir / "m.yaml");
  fs::copy_file(kLibrary + "multiskill-small-forecast.csv", dir / "multiskill-small-forecast.csv");
}

/// Every regular file in `dir` (but the captured stdout/stderr) and its bytes.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const std::string name = fs::relative(entry.path(), dir).string();
    if (!entry.is_regular_file() || name == "stdout.txt" || name == "stderr.txt") continue;
    files[name] = slurp(entry.path());
  }
  return files;
}

bool one_line(const std::string& text) { return !text.empty() && text.find('\n') == text.size() - 1; }

/// `callsim ARGS` must exit 2 with `message` as its whole stderr (one line), print nothing
/// on stdout, and leave every file of `dir` as it was, no new one either.
void refused(const std::string& args, const std::string& message, const fs::path& dir) {
  const auto before = snapshot(dir);
  const Output r = run_callsim(args, dir);
  INFO("callsim " << args);
  CHECK(r.code == 2);
  CHECK(r.err == message + "\n");
  CHECK(r.out.empty());
  CHECK(snapshot(dir) == before);
}

const std::string kTail = " that this command reads; choose another file";

}  // namespace

TEST_CASE("safety: run refuses outputs that are its inputs, before simulating", "[cli][safety]") {
  const auto dir = temp_dir("run-inputs");
  copy_scenarios(dir);
  fs::create_directory(dir / "sub");
  fs::create_symlink("s.yaml", dir / "link.yaml");
  fs::create_hard_link(dir / "m.yaml", dir / "hard.yaml");
  refused("run s.yaml -q -o s.yaml", "callsim run: --out 's.yaml' would overwrite the scenario 's.yaml'" + kTail, dir);
  refused("run s.yaml -q -o sub/../s.yaml",
          "callsim run: --out 'sub/../s.yaml' would overwrite the scenario 's.yaml'" + kTail, dir);
  refused("run s.yaml -q -o link.yaml", "callsim run: --out 'link.yaml' would overwrite the scenario 's.yaml'" + kTail,
          dir);
  refused("run s.yaml -q --report s.yaml",
          "callsim run: --report 's.yaml' would overwrite the scenario 's.yaml'" + kTail, dir);
  refused("run m.yaml -q -o multiskill-small-forecast.csv",
          "callsim run: --out 'multiskill-small-forecast.csv' would overwrite the forecast "
          "'multiskill-small-forecast.csv'" +
              kTail,
          dir);
  refused("run m.yaml -q -o x.h5 --report ./sub/../multiskill-small-forecast.csv",
          "callsim run: --report './sub/../multiskill-small-forecast.csv' would overwrite the forecast "
          "'multiskill-small-forecast.csv'" +
              kTail,
          dir);
  refused("run m.yaml -q -o hard.yaml", "callsim run: --out 'hard.yaml' would overwrite the scenario 'm.yaml'" + kTail,
          dir);
  // Not even --force overwrites an input.
  refused("run s.yaml -q -o s.yaml --force",
          "callsim run: --out 's.yaml' would overwrite the scenario 's.yaml'" + kTail, dir);
  // Two outputs of one command: refused before simulating, not after.
  refused("run s.yaml -q -o out.h5 --report out.h5",
          "callsim run: --out 'out.h5' and --report 'out.h5' are the same file; give each output its own", dir);
  refused("run s.yaml -q --report erlang-a.h5",
          "callsim run: the default output 'erlang-a.h5' and --report 'erlang-a.h5' are the same file; give each "
          "output its own",
          dir);
}

TEST_CASE("safety: a file callsim did not write is replaced only with --force", "[cli][safety]") {
  const auto dir = temp_dir("force");
  copy_scenarios(dir);
  std::ofstream(dir / "data.h5") << "someone's data\n";
  std::ofstream(dir / "notes.html") << "<html>my notes</html>\n";
  refused("run s.yaml -r 1 -q -o data.h5",
          "callsim run: --out 'data.h5' exists and is not a callsim results file; give --force to replace it", dir);
  refused("run s.yaml -r 1 -q -o r.h5 --report notes.html",
          "callsim run: --report 'notes.html' exists and is not a report written by callsim; give --force to replace "
          "it",
          dir);
  // The default name is protected as well.
  std::ofstream(dir / "erlang-a.h5") << "not ours\n";
  refused("run s.yaml -r 1 -q",
          "callsim run: the default output 'erlang-a.h5' exists and is not a callsim results file; give --force to "
          "replace it",
          dir);

  // callsim's own files are replaced without --force, and --force replaces the others.
  REQUIRE(run_callsim("run s.yaml -r 1 -q -o data.h5 --force --report notes.html", dir).code == 0);
  CHECK(callsim::store::is_results_file((dir / "data.h5").string()));
  CHECK(slurp(dir / "notes.html").find("<meta name=\"generator\" content=\"callsim\">") != std::string::npos);
  const Output again = run_callsim("run s.yaml -r 1 -q -o data.h5 --report notes.html", dir);
  CHECK(again.code == 0);
  CHECK(again.err.empty());

  // report: the HTML and each CSV file, recognised by its header line.
  fs::create_directory(dir / "csv");
  std::ofstream(dir / "csv" / "daily.csv") << "date,revenue\n";
  refused("report data.h5 --csv csv",
          "callsim report: 'csv/daily.csv' of --csv 'csv' exists and is not a CSV report written by callsim; give "
          "--force to replace it",
          dir);
  REQUIRE(run_callsim("report data.h5 --csv csv --force", dir).code == 0);
  CHECK(run_callsim("report data.h5 --csv csv --html notes.html", dir).code == 0);
}

TEST_CASE("safety: compare and report refuse outputs that are their inputs", "[cli][safety]") {
  const auto dir = temp_dir("compare-report");
  copy_scenarios(dir);
  std::string other = slurp(dir / "s.yaml");
  other.replace(other.find("name: erlang-a"), 14, "name: erlang-b");
  std::ofstream(dir / "t.yaml") << other;
  refused("compare s.yaml t.yaml -r 2 -q -o t.yaml",
          "callsim compare: --out 't.yaml' would overwrite the scenario 't.yaml'" + kTail, dir);
  refused(
      "compare m.yaml --policy longest_idle_agent --policy static_priority -r 2 -q --report "
      "multiskill-small-forecast.csv",
      "callsim compare: --report 'multiskill-small-forecast.csv' would overwrite the forecast "
      "'multiskill-small-forecast.csv'" +
          kTail,
      dir);
  refused("compare s.yaml t.yaml -r 2 -q -o c.h5 --report c.h5",
          "callsim compare: --out 'c.h5' and --report 'c.h5' are the same file; give each output its own", dir);

  REQUIRE(run_callsim("run s.yaml -r 1 -q -o in.h5", dir).code == 0);
  refused("report in.h5 --html in.h5",
          "callsim report: --html 'in.h5' would overwrite the results file 'in.h5' that this command reads; choose "
          "another file",
          dir);
  refused("report in.h5 --html ./in.h5 --force",
          "callsim report: --html './in.h5' would overwrite the results file 'in.h5' that this command reads; choose "
          "another file",
          dir);
  // A results file named like one of the CSV reports, in the --csv directory.
  fs::create_directory(dir / "out");
  fs::copy_file(dir / "in.h5", dir / "out" / "daily.csv");
  refused("report out/daily.csv --csv out",
          "callsim report: 'out/daily.csv' of --csv 'out' would overwrite the results file 'out/daily.csv' that this "
          "command reads; choose another file",
          dir);
  refused("report in.h5 --html out/intervals.csv --csv out",
          "callsim report: --html 'out/intervals.csv' and 'out/intervals.csv' of --csv 'out' are the same file; give "
          "each output its own",
          dir);
  // --resume rewrites its file; the dashboard may not be that file.
  refused("run --resume in.h5 -r 2 --report in.h5",
          "callsim run: --resume 'in.h5' and --report 'in.h5' are the same file; give each output its own", dir);
}

TEST_CASE("safety: compare names its default file after the scenario and its variants", "[cli][safety]") {
  const auto dir = temp_dir("compare-name");
  copy_scenarios(dir);
  const Output r = run_callsim("compare m.yaml --policy longest_idle_agent --policy reserve:reserved=2 -r 2 -q", dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(fs::exists(dir / "multiskill-small-compare-longest_idle_agent-reserve_reserved_2.h5"));
  CHECK_FALSE(fs::exists(dir / "comparison.h5"));
  const Output w = run_callsim("compare m.yaml --what-if agent_groups.generalists.count=14 -r 2", dir);
  REQUIRE(w.code == 0);
  CHECK(w.out.find("results in multiskill-small-compare-agent_groups.generalists.count_14.h5\n") != std::string::npos);
  // The first comparison is still there: a second one did not replace it.
  CHECK(callsim::store::read_results_file(
            (dir / "multiskill-small-compare-longest_idle_agent-reserve_reserved_2.h5").string())
            .runs.size() == 2);
}

TEST_CASE("safety: numeric options are whole, in range and never wrap", "[cli][safety]") {
  const auto dir = temp_dir("numbers");
  copy_scenarios(dir);
  const std::string reps = "' is not valid: expected a whole number from 1 to 100000000";
  refused("run s.yaml -r -1", "callsim run: --replications '-1" + reps, dir);
  refused("run s.yaml -r 0", "callsim run: --replications '0" + reps, dir);
  refused("run s.yaml -r 4294967296", "callsim run: --replications '4294967296" + reps, dir);
  refused("run s.yaml -r 1000000000000", "callsim run: --replications '1000000000000" + reps, dir);
  refused("run s.yaml -r 1e3", "callsim run: --replications '1e3" + reps, dir);
  refused("run s.yaml -j -1", "callsim run: --threads '-1' is not valid: expected a whole number from 0 to 1024", dir);
  refused("run s.yaml -j 4294967295",
          "callsim run: --threads '4294967295' is not valid: expected a whole number from 0 to 1024", dir);
  refused("run s.yaml --seed -1",
          "callsim run: --seed '-1' is not valid: expected a whole number from 0 to 18446744073709551615", dir);
  refused("run s.yaml --seed 18446744073709551616",
          "callsim run: --seed '18446744073709551616' is not valid: expected a whole number from 0 to "
          "18446744073709551615",
          dir);
  refused("run s.yaml -o ''", "callsim run: --out '': the path is empty; give a file name", dir);
  refused("run s.yaml --report ''", "callsim run: --report '': the path is empty; give a file name", dir);
  refused("run --resume ''", "callsim run: --resume '': the path is empty; give the results file to continue", dir);
  refused("compare s.yaml s.yaml -r -2", "callsim compare: --replications '-2" + reps, dir);
  refused("compare s.yaml s.yaml -j -1",
          "callsim compare: --threads '-1' is not valid: expected a whole number from 0 to 1024", dir);
  refused("compare s.yaml s.yaml --target-ci 0.01 --kpi service_level --max-replications -5",
          "callsim compare: --max-replications '-5" + reps, dir);
  refused("compare s.yaml s.yaml --target-ci nan --kpi service_level --max-replications 5",
          "callsim compare: --target-ci 'nan' is not valid: expected a number above 0", dir);
  refused("compare s.yaml s.yaml -o ''", "callsim compare: --out '': the path is empty; give a file name", dir);
  refused("report x.h5 --html x.html --shrinkage 1",
          "callsim report: --shrinkage '1' is not valid: expected a number from 0 to below 1", dir);
  refused("report x.h5 --html x.html --sl-target 0",
          "callsim report: --sl-target '0' is not valid: expected a number above 0 and at most 1", dir);
  refused("report x.h5 --html ''", "callsim report: --html '': the path is empty; give a file name", dir);
  refused("erlang --rate 1000/h --aht 180s --agents 2000000000",
          "callsim erlang: --agents '2000000000' is not a number of agents: expected a whole number from 1 to "
          "10000000 (e.g. 55)",
          dir);
  refused("erlang --rate 1000/h --aht 180s --agents -5",
          "callsim erlang: --agents '-5' is not a number of agents: expected a whole number from 1 to 10000000 (e.g. "
          "55)",
          dir);
  refused("erlang --rate 1e300/h --aht 180s --agents 5 --patience 300s",
          "callsim erlang: --rate '1e300/h' with --aht '180s' offers 5e+298 Erlangs; callsim erlang computes up to "
          "1e+08 Erlangs",
          dir);
}

TEST_CASE("safety: a run too big for the machine is refused with its figures", "[cli][safety]") {
  const auto dir = temp_dir("size");
  // 100 h in 1-minute intervals: 6,000 intervals, 2 tallies each, 2.3 MB a replication;
  // 10^8 replications keep some 240 TB of tallies, which no machine running this has.
  std::string text = slurp(kLibrary + "erlang-a.yaml");
  text.replace(text.find("duration: 200h"), 14, "duration: 100h");
  text.replace(text.find("interval: 30min"), 15, "interval: 1min");
  std::ofstream(dir / "long.yaml") << text;
  const auto before = snapshot(dir);
  const Output r = run_callsim("run long.yaml -r 100000000", dir);
  CHECK(r.code == 2);
  CHECK(one_line(r.err));
  CHECK(r.err.rfind("callsim run: long.yaml with --replications 100000000: this run would need about ", 0) == 0);
  // The figure follows the tally's size (fields are appended to it now and then).
  const auto terabytes = std::llround(1e8 * 6000 * 2 * static_cast<double>(sizeof(callsim::analysis::KpiTally)) / 1e12);
  CHECK(r.err.find(" of memory (the interval tallies of 100,000,000 replications x 6,000 intervals x (1 + 1 call "
                   "type) alone take " +
                   std::to_string(terabytes) + " TB), but the machine has ") != std::string::npos);
  CHECK(r.err.find(" available; use a longer interval, a shorter duration or fewer replications\n") !=
        std::string::npos);
  CHECK(snapshot(dir) == before);
  const Output c = run_callsim("compare long.yaml long.yaml -r 100000000", dir);
  CHECK(c.code == 2);
  CHECK(c.err.rfind("callsim compare: long.yaml, long.yaml with --replications 100000000: this run would need about ",
                    0) == 0);
  CHECK(c.err.find("(the interval tallies of 2 variants x 100,000,000 replications x 6,000 intervals") !=
        std::string::npos);
  CHECK(snapshot(dir) == before);

  // 10^6 calls an hour (the loader's limit) to 55 agents, no patience: the queue would hold
  // hundreds of millions of calls.
  const Output q = run_callsim("run " + kLibrary +
                                   "erlang-c.yaml --set call_types.general.arrivals.rate=1e6/h -j 1 "
                                   "-o q.h5",
                               dir);
  CHECK(q.code == 2);
  const std::string last = q.err.substr(q.err.rfind('\n', q.err.size() - 2) + 1);  // after the loader's warning
  CHECK(last.rfind("callsim run: " + kLibrary + "erlang-c.yaml with --replications 10: this run would need about ",
                   0) == 0);
  CHECK(last.find(" of memory (up to ") != std::string::npos);
  CHECK(last.find(" calls in the system at once take ") != std::string::npos);
  CHECK(last.find(" available; check the arrival rates, the staffing and the patience\n") != std::string::npos);
  CHECK(snapshot(dir) == before);
}

TEST_CASE("safety: a results file larger than its file system's free space is refused", "[cli][safety]") {
  const auto dir = temp_dir("disk");
  copy_scenarios(dir);
  fs::create_directory(dir / "small");
  // A 1 MB tmpfs: where it cannot be mounted (not root, no mount namespace), skip.
  if (std::system(("mount -t tmpfs -o size=1m tmpfs '" + (dir / "small").string() + "' 2>/dev/null").c_str()) != 0) {
    WARN("skipped: cannot mount a tmpfs here");
    return;
  }
  struct Unmount {
    fs::path path;
    ~Unmount() { (void)std::system(("umount '" + path.string() + "'").c_str()); }
  } unmount{dir / "small"};
  // 2,000 replications of 4 intervals: some 7 MB of tables uncompressed (it grows with the
  // tally's fields), a few MB of memory.
  const Output r = run_callsim("run s.yaml -r 2000 -q -o small/r.h5", dir);
  CHECK(r.code == 2);
  CHECK(one_line(r.err));
  CHECK(r.err.rfind("callsim run: s.yaml with --replications 2000: the results file 'small/r.h5' would take about ",
                    0) == 0);
  CHECK(r.err.find(" MB, but its file system has 1.0 MB free; free some space, write it elsewhere (--out) or "
                   "simulate less (fewer replications, a longer interval, no --calls)\n") != std::string::npos);
  CHECK(fs::is_empty(dir / "small"));
}

TEST_CASE("safety: output directories that do not exist or are files are refused before simulating", "[cli][safety]") {
  const auto dir = temp_dir("dirs");
  copy_scenarios(dir);
  std::ofstream(dir / "file") << "x\n";
  refused("run s.yaml -q -o nodir/r.h5", "callsim run: --out 'nodir/r.h5': directory 'nodir' does not exist", dir);
  refused("run s.yaml -q -o r.h5 --report file/r.html",
          "callsim run: --report 'file/r.html': 'file' is not a directory", dir);
  refused("run s.yaml -q -o .", "callsim run: --out '.' names a directory; give a file name", dir);
  // A FIFO of our own stands for every non-regular file (as root, a regression here on
  // /dev/null would replace the system's).
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  refused("run s.yaml -q -o fifo",
          "callsim run: --out 'fifo' exists and is not a regular file (a device, FIFO or socket), which callsim "
          "would replace with its own file; choose another path",
          dir);
  CHECK(fs::is_fifo(dir / "fifo"));
  REQUIRE(run_callsim("run s.yaml -r 1 -q -o r.h5", dir).code == 0);
  // report: exit 2 for a bad output path (it was 1).
  refused("report r.h5 --html nodir/r.html", "callsim report: --html 'nodir/r.html': directory 'nodir' does not exist",
          dir);
  refused("report r.h5 --csv file", "callsim report: --csv 'file' exists and is not a directory", dir);
  refused("report r.h5 --csv file/sub", "callsim report: --csv 'file/sub': 'file' is not a directory", dir);
}

TEST_CASE("safety: standard output that cannot be written is a failure", "[cli][safety]") {
  const auto dir = temp_dir("stdout");
  copy_scenarios(dir);
  if (!fs::is_character_file("/dev/full")) {
    WARN("skipped: /dev/full is not the full device here");
    return;
  }
  // In a subshell: run_shell's own redirection of stdout would otherwise win.
  const auto r = callsim::testing::run_shell(
      "(" + std::string(CALLSIM_BINARY) + " run s.yaml -r 1 --json -o r.h5 >/dev/full)", dir);
  CHECK(r.code == 1);
  CHECK(r.err == "callsim: writing to standard output failed (No space left on device)\n");
  CHECK(callsim::store::is_results_file((dir / "r.h5").string()));  // the file is whole
  const auto list = callsim::testing::run_shell("(" + std::string(CALLSIM_BINARY) + " list policies >/dev/full)", dir);
  CHECK(list.code == 1);
  CHECK(list.err == "callsim: writing to standard output failed (No space left on device)\n");
}

TEST_CASE("safety: an exception is one line, exit 1 or 2, and no temp file is left", "[cli][safety]") {
  const auto dir = temp_dir("exceptions");
  // An IVR that loops with a probability of 1 - 1e-10: it passes the structural checks
  // and the walk gives up in the simulation (a later loader may refuse it: exit 2).
  std::ofstream(dir / "loop.yaml") << "name: loop\n"
                                      "time: {warmup: 0s, duration: 1h, interval: 30min}\n"
                                      "ivr:\n"
                                      "  arrivals: {rate: 100/h}\n"
                                      "  nodes:\n"
                                      "    - name: menu\n"
                                      "      duration: {distribution: constant, value: 1s}\n"
                                      "      branches: {menu: 0.9999999999, queue general: 0.0000000001}\n"
                                      "call_types:\n"
                                      "  - name: general\n"
                                      "    service: {distribution: exponential, mean: 180s}\n"
                                      "agent_groups:\n"
                                      "  - {name: agents, skills: [general], count: 5}\n";
  // A call type without a name: yaml-cpp's InvalidNode escaped the loader.
  std::ofstream(dir / "noname.yaml") << "name: x\n"
                                        "time: {warmup: 0s, duration: 1h, interval: 30min}\n"
                                        "call_types:\n"
                                        "  - arrivals: {rate: 100/h}\n"
                                        "    service: {distribution: exponential, mean: 180s}\n"
                                        "agent_groups:\n"
                                        "  - {name: agents, skills: [general], count: 5}\n";
  for (const std::string args : {"run loop.yaml -r 4 -j 2 -o loop.h5", "compare loop.yaml loop.yaml -r 2 -o c.h5",
                                 "run noname.yaml -r 1 -o n.h5"}) {
    INFO(args);
    const Output r = run_callsim(args, dir);
    CHECK((r.code == 1 || r.code == 2));
    CHECK(one_line(r.err));
    // The loader refuses both now (file:line); a later failure would be "callsim ...".
    CHECK((r.err.rfind("callsim", 0) == 0 || r.err.rfind("loop.yaml:", 0) == 0 || r.err.rfind("noname.yaml:", 0) == 0));
    CHECK(r.err.find("terminate") == std::string::npos);
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      CHECK(name.find(".tmp-") == std::string::npos);
      CHECK(name.find(".h5") == std::string::npos);
    }
  }
  const Output loop = run_callsim("run loop.yaml -r 1 -o loop.h5", dir);
  if (loop.code == 1)
    CHECK(loop.err ==
          "callsim: an IVR path passed 100000 nodes without reaching an exit; check the "
          "loop probabilities\n");
}

TEST_CASE("safety: a name the results file cannot take is refused before simulating", "[cli][safety]") {
  const auto dir = temp_dir("names");
  copy_scenarios(dir);
  for (const std::string name : {"a/b", "scenario", "comparison"}) {
    std::string text = slurp(dir / "s.yaml");
    text.replace(text.find("name: erlang-a"), 14, "name: '" + name + "'");
    std::ofstream(dir / "named.yaml") << text;
    INFO(name);
    const auto before = snapshot(dir);
    const Output r = run_callsim("run named.yaml -r 2 -q", dir);
    CHECK(r.code == 2);
    CHECK(one_line(r.err));
    CHECK(r.err.find("'" + name + "'") != std::string::npos);
    CHECK(snapshot(dir) == before);  // no file, no temp file, no directory 'a'
    CHECK_FALSE(fs::exists(dir / "a"));
  }
}

TEST_CASE("safety: an unknown option is one line and the command's usage", "[cli][safety]") {
  const auto dir = temp_dir("unknown");
  const std::vector<std::pair<std::string, std::string>> commands{
      {"run", "usage: callsim run SCENARIO"},         {"compare", "usage: callsim compare SCENARIO"},
      {"report", "usage: callsim report RESULTS.h5"}, {"erlang", "usage: callsim erlang --rate RATE"},
      {"inspect", "usage: callsim inspect FILE.h5"},  {"list", "usage: callsim list distributions|policies"}};
  for (const auto& [command, usage] : commands) {
    INFO(command);
    const Output r = run_callsim(command + " --bogus", dir);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    const std::string first = r.err.substr(0, r.err.find('\n'));
    if (command == "list") {
      CHECK(first == "callsim list: expected 'distributions' or 'policies'");
    } else {
      CHECK(first == "callsim " + command + ": unrecognised option '--bogus'");
    }
    CHECK(r.err.find("\n" + usage) != std::string::npos);
  }
  const Output none = run_callsim("run", dir);
  CHECK(none.code == 2);
  CHECK(none.err == "callsim run: no scenario given (callsim run SCENARIO; see callsim run --help)\n");
  const Output missing = run_callsim("run -r", dir);
  CHECK(missing.code == 2);
  CHECK(missing.err.rfind("callsim run: the required argument for option '--replications' is missing\n", 0) == 0);
}
