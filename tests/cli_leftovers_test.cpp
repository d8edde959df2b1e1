// Leftovers and two writers through the binary (issue 10, item 8): a second callsim writing
// the same --out is refused at once, and SIGKILL at random moments while overwriting leaves
// the old file or the new complete one, never a partial one, with the leftovers removed by
// the next run.

#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli_shell.hpp"
#include "store/results_store.hpp"
#include "subprocess.hpp"

namespace fs = std::filesystem;
using callsim::testing::Child;
using callsim::testing::read_file;
using callsim::testing::run_callsim;
using namespace std::chrono_literals;

namespace {

const std::string kErlangA = std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/erlang-a.yaml";
const std::string kShort = "time.duration=10h";

/// A temp directory for the test with an "out" directory in it for the results (the
/// children's stdout and stderr stay beside it), removed afterwards.
struct Dirs {
  fs::path dir, out;
  explicit Dirs(const std::string& name) : dir(callsim::testing::temp_dir("leftovers", name)), out(dir / "out") {
    fs::create_directories(out);
  }
  ~Dirs() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  [[nodiscard]] std::set<std::string> outputs() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(out)) names.insert(e.path().filename().string());
    return names;
  }
};

std::string last_line(const std::string& text) {
  if (text.size() < 2) return text;
  const auto at = text.rfind('\n', text.size() - 2);
  return at == std::string::npos ? text : text.substr(at + 1);
}

}  // namespace

TEST_CASE("leftovers: a second callsim writing the same --out is refused at once with exit 2", "[cli][output_lock]") {
  Dirs dirs("busy");
  const std::string target = (dirs.out / "r.h5").string();
  std::set<std::string> before;
  {
    Child first({"run", kErlangA, "--set", kShort, "-r", "100000", "-j", "1", "--progress", "-o", target},
                dirs.dir / "stdout.txt", dirs.dir / "stderr.txt");
    REQUIRE(first.wait_for_stderr("replications 1/", 60s));
    // The lock file beside the target names its writer: "callsim <pid>\n".
    const std::string lock = read_file(target + ".lock");
    REQUIRE(lock.rfind("callsim ", 0) == 0);
    const std::string pid = lock.substr(8, lock.size() - 9);
    // 100,000 replications: refused before simulating, or this would not end.
    const auto second = run_callsim("run " + kErlangA + " --set " + kShort + " -r 100000 -q -o " + target, dirs.dir);
    CHECK(second.code == 2);
    // After the size check's warning ("this run simulates about 1,200,000,000 calls ..."):
    CHECK(last_line(second.err) == "callsim run: '" + target + "' is being written by another callsim process (pid " +
                                       pid + "); wait for it or choose another --out\n");
    const auto compare = run_callsim(
        "compare " + kErlangA + " " + kErlangA + " --set " + kShort + " -r 100000 -q -o " + target, dirs.dir);
    CHECK(compare.code == 2);
    CHECK(last_line(compare.err) == "callsim compare: '" + target +
                                        "' is being written by another callsim process (pid " + pid +
                                        "); wait for it or choose another --out\n");
    CHECK_FALSE(fs::exists(target));  // the first is still simulating
    first.signal(SIGKILL);
    CHECK(first.wait() == 128 + SIGKILL);
    before = dirs.outputs();
  }
  // The killed run left its temp file and its (unlocked) lock file: the next run takes
  // the lock over and removes the temp file.
  CHECK(before.count("r.h5.lock") == 1);
  CHECK(std::count_if(before.begin(), before.end(),
                      [](const std::string& n) { return n.rfind("r.h5.tmp-", 0) == 0; }) == 1);
  const auto next = run_callsim("run " + kErlangA + " --set " + kShort + " -r 2 -q -o " + target, dirs.dir);
  CHECK(next.code == 0);
  CHECK(dirs.outputs() == std::set<std::string>{"r.h5"});
  CHECK(callsim::store::read_results_file(target).runs.at(0).replications.size() == 2);
}

TEST_CASE("leftovers: SIGKILL at random moments while overwriting leaves the old or the new complete file",
          "[cli][output_lock][interrupt]") {
  Dirs dirs("sigkill-loop");
  const std::string target = (dirs.out / "r.h5").string();
  REQUIRE(run_callsim("run " + kErlangA + " --set " + kShort + " -r 3 -s 1000 -q -o " + target, dirs.dir).code == 0);
  std::string previous = read_file(target);
  std::mt19937 random(20261203);  // fixed: the same moments on every run of the test
  // A run of 20 replications with per-call rows takes about 0.3 s here: most kills
  // land while it simulates or writes the temp file, some after it renamed the new file.
  std::uniform_int_distribution<int> delay_ms(0, 400);
  int replaced = 0, kept = 0;
  for (int i = 0; i < 12; ++i) {
    const std::string seed = std::to_string(i + 1);
    INFO("iteration " << i);
    Child child({"run", kErlangA, "--set", kShort, "-r", "20", "-s", seed, "-j", "2", "--calls", "-q", "-o", target},
                dirs.dir / "stdout.txt", dirs.dir / "stderr.txt");
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    child.signal(SIGKILL);
    const int code = child.wait();
    CHECK((code == 128 + SIGKILL || code == 0));
    const std::string now = read_file(target);
    if (now == previous) {
      ++kept;
    } else {
      // Not the old bytes: then the new file, whole.
      const auto file = callsim::store::read_results_file(target);
      CHECK(file.seed == std::stoull(seed));
      CHECK(file.complete);
      CHECK(file.runs.at(0).replications.size() == 20);
      ++replaced;
    }
    previous = now;
    // Never more than the one temp file of the run just killed: each run removed those
    // of the runs before it.
    int temps = 0;
    for (const auto& name : dirs.outputs()) temps += name.rfind("r.h5.tmp-", 0) == 0;
    CHECK(temps <= 1);
  }
  INFO(kept << " kills kept the old file, " << replaced << " came after the new one was in place");
  CHECK(kept > 0);
  const auto last = run_callsim("run " + kErlangA + " --set " + kShort + " -r 2 -q -o " + target, dirs.dir);
  CHECK(last.code == 0);
  CHECK(dirs.outputs() == std::set<std::string>{"r.h5"});
}
