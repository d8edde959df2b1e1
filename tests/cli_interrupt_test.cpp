// callsim run interrupted by SIGINT/SIGTERM, resumed with --resume, and killed with
// SIGKILL: the file is always valid, and an interrupted run resumed is byte for byte
// (every dataset, compared by h5diff) the uninterrupted one.

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_shell.hpp"
#include "store/results_store.hpp"
#include "subprocess.hpp"

namespace fs = std::filesystem;
using callsim::testing::Child;
using callsim::testing::read_file;
using namespace std::chrono_literals;

namespace {

using callsim::testing::Output;
using callsim::testing::run_callsim;

fs::path temp_dir(const std::string& name) { return callsim::testing::temp_dir("interrupt", name); }

const std::string kErlangA = std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/erlang-a.yaml";
// 10 h instead of 200 h: a few milliseconds a replication, so hundreds run in a second.
const std::string kShort = "time.duration=10h";

bool have_h5diff() { return std::system("command -v h5diff >/dev/null 2>&1") == 0; }

/// h5diff of one object in two files: 0 when identical.
int h5diff(const std::string& a, const std::string& b, const std::string& object) {
  const std::string cmd = "h5diff '" + a + "' '" + b + "' '" + object + "' '" + object + "' >/dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// Every dataset of a `callsim run` file (the root attributes created and command_line
/// differ between two runs by design).
std::vector<std::string> datasets(const std::string& run, bool calls) {
  std::vector<std::string> names = {"/scenario"};
  for (const char* d : {"replications", "intervals", "interval_types", "groups", "summary"})
    names.push_back("/" + run + "/" + d);
  if (calls) names.push_back("/" + run + "/calls");
  return names;
}

void require_same_datasets(const std::string& a, const std::string& b, const std::string& run, bool calls) {
  if (!have_h5diff()) {
    WARN("h5diff not installed (Debian: hdf5-tools): datasets compared through the reader only");
  } else {
    for (const auto& d : datasets(run, calls)) {
      INFO(d);
      CHECK(h5diff(a, b, d) == 0);
    }
  }
  const auto x = callsim::store::read_results_file(a);
  const auto y = callsim::store::read_results_file(b);
  REQUIRE(x.runs.size() == 1);
  REQUIRE(x.runs[0].replications.size() == y.runs[0].replications.size());
  for (std::size_t s = 0; s < x.runs[0].summary.size(); ++s) {
    const auto& p = x.runs[0].summary[s];
    const auto& q = y.runs[0].summary[s];
    CHECK((p.mean == q.mean || (p.mean != p.mean && q.mean != q.mean)));
    CHECK(p.n == q.n);
  }
}

bool has_temp_file(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".tmp-") != std::string::npos) return true;
  return false;
}

/// Starts `callsim run` on erlang-a (`duration` override) with `extra` options and --progress, waits for
/// the first finished replication, sends `signals` (one after the other) and returns the
/// exit code. If the run finished before the signal, tries again with 4 times more
/// replications. `replications` receives the count asked for.
int interrupted_run(const fs::path& dir, const std::string& out, const std::string& duration,
                    const std::vector<std::string>& extra, const std::vector<int>& signals,
                    std::uint64_t& replications) {
  int code = 0;
  for (replications = 100; replications <= 100 * 256; replications *= 4) {
    std::vector<std::string> args = {"run", kErlangA, "--set",      duration, "-r", std::to_string(replications),
                                     "-j",  "2",      "--progress", "-o",     out};
    args.insert(args.end(), extra.begin(), extra.end());
    Child child(args, dir / "stdout.txt", dir / "stderr.txt");
    REQUIRE(child.wait_for_stderr("replications 1/", 60s));
    for (const int sig : signals) {
      child.signal(sig);
      // Standard signals do not queue: one sent while the first is pending would be lost.
      std::this_thread::sleep_for(20ms);
    }
    code = child.wait();
    if (code != 0) break;  // 0: it finished before the signal came
  }
  return code;
}

}  // namespace

TEST_CASE("SIGINT writes the finished replications marked incomplete and resume completes them", "[cli][interrupt]") {
  const auto dir = temp_dir("sigint");
  const std::string part = (dir / "part.h5").string(), full = (dir / "full.h5").string();
  std::uint64_t reps = 0;
  const int code = interrupted_run(dir, part, kShort, {}, {SIGINT}, reps);
  const std::string err = read_file(dir / "stderr.txt");
  INFO(err);
  REQUIRE(code == 130);
  CHECK(err.find("callsim run: interrupted by SIGINT: wrote ") != std::string::npos);
  CHECK(err.find("(complete = 0); continue with: callsim run --resume " + part + "\n") != std::string::npos);
  CHECK(read_file(dir / "stdout.txt").empty());
  CHECK_FALSE(has_temp_file(dir));
  const auto partial = callsim::store::read_results_file(part);
  CHECK_FALSE(partial.complete);
  CHECK(partial.replications_requested == reps);
  CHECK(partial.overrides == std::vector<std::string>{kShort});
  const auto held = partial.runs[0].replications.size();
  CHECK(held >= 1);
  CHECK(held < reps);
  const auto inspect = run_callsim("inspect " + part, dir);
  CHECK(inspect.out.find("  complete         no: interrupted after " + std::to_string(held) + " of " +
                         std::to_string(reps) + " replications; callsim run --resume " + part + " runs the rest\n") !=
        std::string::npos);

  // Resumed with another thread count: the same bytes as one uninterrupted run.
  const auto resumed = run_callsim("run --resume " + part + " -j 1 -q", dir);
  INFO(resumed.err);
  REQUIRE(resumed.code == 0);
  CHECK(resumed.out.empty());
  const auto whole = callsim::store::read_results_file(part);
  CHECK(whole.complete);
  CHECK(whole.runs[0].replications.size() == reps);
  CHECK(whole.command_line == partial.command_line);
  REQUIRE(
      run_callsim("run " + kErlangA + " --set " + kShort + " -r " + std::to_string(reps) + " -j 3 -q -o " + full, dir)
          .code == 0);
  require_same_datasets(part, full, "erlang-a", false);

  const auto again = run_callsim("run --resume " + part, dir);
  CHECK(again.code == 0);
  CHECK(again.out == "'" + part + "' already holds all " + std::to_string(reps) + " replications; nothing to do\n");
}

TEST_CASE("SIGTERM with per-call rows keeps the table in step and resume completes it", "[cli][interrupt]") {
  const auto dir = temp_dir("sigterm");
  const std::string part = (dir / "part.h5").string(), full = (dir / "full.h5").string();
  std::uint64_t reps = 0;
  // 2 h: a thousand calls a replication, so the per-call tables stay small.
  const int code = interrupted_run(dir, part, "time.duration=2h", {"--calls"}, {SIGTERM}, reps);
  const std::string err = read_file(dir / "stderr.txt");
  INFO(err);
  REQUIRE(code == 143);
  CHECK(err.find("callsim run: interrupted by SIGTERM: wrote ") != std::string::npos);
  CHECK_FALSE(has_temp_file(dir));
  const auto partial = callsim::store::read_results_file(part);
  CHECK_FALSE(partial.complete);
  const auto held = partial.runs[0].replications.size();
  const auto rows = callsim::store::read_call_records(part, "erlang-a");
  std::uint64_t calls = 0;
  for (const auto& r : partial.runs[0].replications) calls += r.calls_simulated;
  CHECK(rows.size() == calls);
  REQUIRE_FALSE(rows.empty());
  CHECK(rows.back().replication + 1 == held);

  const auto resumed = run_callsim("run --resume " + part + " -j 2 -q", dir);
  INFO(resumed.err);
  REQUIRE(resumed.code == 0);
  REQUIRE(
      run_callsim(
          "run " + kErlangA + " --set time.duration=2h -r " + std::to_string(reps) + " --calls -j 2 -q -o " + full, dir)
          .code == 0);
  require_same_datasets(part, full, "erlang-a", true);
}

TEST_CASE("a second signal drops the replications in flight", "[cli][interrupt]") {
  const auto dir = temp_dir("twice");
  const std::string part = (dir / "part.h5").string(), full = (dir / "full.h5").string();
  // 800 h: about 0.3 s a replication; the second signal follows the first as soon as
  // callsim has reported it, while replication 1 is still running. One thread: with two,
  // replication 1 may finish first, 0 is dropped and there is no prefix to write.
  const std::string hours = "time.duration=800h";
  Child child({"run", kErlangA, "--set", hours, "-r", "4", "-j", "1", "--progress", "-o", part}, dir / "stdout.txt",
              dir / "stderr.txt");
  REQUIRE(child.wait_for_stderr("replications 1/", 60s));
  child.signal(SIGINT);
  REQUIRE(child.wait_for_stderr("callsim: interrupted: finishing", 60s));
  child.signal(SIGINT);
  const int code = child.wait();
  const std::string err = read_file(dir / "stderr.txt");
  INFO(err);
  if (code == 0) {
    WARN("the run finished before the signals came: nothing to check");
    return;
  }
  REQUIRE(code == 130);
  CHECK(err.find("interrupted again: dropping the replications in progress") != std::string::npos);
  const auto partial = callsim::store::read_results_file(part);
  CHECK_FALSE(partial.complete);
  CHECK(partial.runs[0].replications.size() >= 1);
  CHECK(partial.runs[0].replications.size() < 4);
  REQUIRE(run_callsim("run --resume " + part + " -q", dir).code == 0);
  REQUIRE(run_callsim("run " + kErlangA + " --set " + hours + " -r 4 -q -o " + full, dir).code == 0);
  require_same_datasets(part, full, "erlang-a", false);
}

TEST_CASE("resume extends a complete file to more replications with the same bytes", "[cli][interrupt][resume]") {
  const auto dir = temp_dir("extend");
  const std::string a = (dir / "a.h5").string(), b = (dir / "b.h5").string();
  const std::string base = "run " + kErlangA + " --set time.duration=2h --calls -q ";
  REQUIRE(run_callsim(base + "-r 3 -o " + a, dir).code == 0);
  const auto r = run_callsim("run --resume " + a + " -r 8 -j 2", dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("scenario erlang-a (" + kErlangA + "): 8 replications, seed 1\n") == 0);
  REQUIRE(run_callsim(base + "-r 8 -j 1 -o " + b, dir).code == 0);
  require_same_datasets(a, b, "erlang-a", true);
  CHECK(callsim::store::read_results_file(a).replications_requested == 8);
}

TEST_CASE("resume refuses a file the options or the scenario do not continue", "[cli][interrupt][resume][bad-input]") {
  const auto dir = temp_dir("refuse");
  const fs::path yaml = dir / "center.yaml";
  fs::copy_file(kErlangA, yaml);
  const std::string f = (dir / "f.h5").string();
  REQUIRE(run_callsim("run " + yaml.string() + " --set " + kShort + " -r 2 -s 5 -q -o " + f, dir).code == 0);
  const std::string prefix = "callsim run: cannot resume '" + f + "': ";
  const auto refused = [&](const std::string& options, const std::string& message) {
    const auto r = run_callsim("run --resume " + f + " " + options, dir);
    INFO(options);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == message + "\n");
  };
  refused("-s 6", prefix + "it was made with --seed 5, not 6 (leave --seed out to continue with the file's)");
  refused("--set " + kShort + " --set agent_groups.agents.count=54",
          prefix + "it was made with the overrides '" + kShort + "', not '" + kShort +
              "', 'agent_groups.agents.count=54' (leave --set out to continue with the file's)");
  refused("--calls",
          prefix + "it has no per-call table, so --calls cannot be added to it; start a new run with --calls");
  refused("-o x.h5", "callsim run: --resume writes the file it continues; --out cannot be given with it");
  refused("-r 1", "callsim run: '" + f + "' already holds 2 replications, more than --replications 1");
  refused("-s 5 --set " + kShort + " -r 1",
          "callsim run: '" + f + "' already holds 2 replications, more than --replications 1");  // matching ones pass
  std::ofstream(yaml, std::ios::app) << "# edited\n";
  // Given with --resume, the scenario file is checked against the stored text (without it,
  // a format-4 file continues from its own stored scenario and never reads the disk).
  refused(yaml.string() + " -r 4",
          prefix + "the scenario '" + yaml.string() +
              "' is not the text it was made from (stored in its /scenario); the replications to come would "
              "not continue it");
  const auto missing = run_callsim("run --resume " + (dir / "none.h5").string(), dir);
  CHECK(missing.code == 2);
  CHECK(missing.err ==
        "callsim run: cannot resume: cannot read results file '" + (dir / "none.h5").string() + "': no such file\n");
  const std::string c = (dir / "c.h5").string();
  REQUIRE(run_callsim("compare " + kErlangA + " --set " + kShort +
                          " --policy longest_idle_agent --policy static_priority -r 2 -q -o " + c,
                      dir)
              .code == 0);
  const auto comparison = run_callsim("run --resume " + c, dir);
  CHECK(comparison.code == 2);
  CHECK(comparison.err == "callsim run: cannot resume '" + c +
                              "': it holds 2 runs and a comparison; only a file of callsim run (one run) can be "
                              "resumed\n");
}

TEST_CASE("SIGKILL leaves the old file or none under the target name", "[cli][interrupt]") {
  const auto dir = temp_dir("sigkill");
  const std::string target = (dir / "r.h5").string();
  for (const bool old : {true, false}) {
    INFO((old ? "with an older file" : "without a file"));
    fs::remove(target);
    std::string before;
    if (old) {
      REQUIRE(run_callsim("run " + kErlangA + " --set " + kShort + " -r 2 -q -o " + target, dir).code == 0);
      before = read_file(target);
    }
    Child child({"run", kErlangA, "--set", kShort, "-r", "100000", "-j", "2", "--calls", "--progress", "-o", target},
                dir / "stdout.txt", dir / "stderr.txt");
    REQUIRE(child.wait_for_stderr("replications 1/", 60s));
    std::this_thread::sleep_for(50ms);  // mid-run, per-call rows being written to the temp file
    child.signal(SIGKILL);
    CHECK(child.wait() == 128 + SIGKILL);
    if (old) {
      CHECK(read_file(target) == before);
      CHECK(callsim::store::read_results_file(target).runs[0].replications.size() == 2);
    } else {
      CHECK_FALSE(fs::exists(target));
    }
    // SIGKILL cannot be caught: its temp file stays (named "r.h5.tmp-<pid>", never r.h5).
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().filename().string().find(".tmp-") != std::string::npos) fs::remove(e.path());
  }
}
