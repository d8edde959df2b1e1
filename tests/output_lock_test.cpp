// One writer per output file (issue 10, item 8): the lock beside the target refuses a
// second writer at once, in this process or another, survives the unlink race, is reused
// after a SIGKILL, and lets its holder remove the temp files of writers that died.

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "report/output_file.hpp"
#include "store/output_lock.hpp"
#include "store/results_store.hpp"
#include "subprocess.hpp"

namespace {

using namespace callsim::analysis;
using namespace callsim::store;
namespace fs = std::filesystem;
using callsim::testing::read_file;

/// A fresh directory, removed with everything in it.
struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() /
           ("callsim-lock-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  [[nodiscard]] std::string file(const std::string& name) const { return (path / name).string(); }
  [[nodiscard]] std::set<std::string> entries() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(path)) names.insert(e.path().filename().string());
    return names;
  }
};

std::string what_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

ResultsFile tiny_file() {
  ResultsFile f;
  f.callsim_version = "0.1.0-test";
  f.command_line = "callsim run x.yaml";
  f.seed = 7;
  f.scenario_path = "x.yaml";
  f.scenario_text = "name: x\n";
  RunResult r;
  r.name = "x";
  r.interval_seconds = 1800;
  r.call_types = {"retail"};
  r.agent_groups = {"agents"};
  ReplicationResult rep;
  rep.intervals.resize(2);
  rep.interval_types.resize(2);
  rep.groups.resize(1);
  rep.interval_groups.resize(2);
  r.replications.push_back(rep);
  f.runs.push_back(r);
  return f;
}

/// A child process that holds the lock of `target` until the parent closes the pipe (or
/// until it is killed). The constructor returns once the lock is held.
class LockHolder {
 public:
  explicit LockHolder(const std::string& target) {
    int ready[2], release[2];
    REQUIRE(::pipe(ready) == 0);
    REQUIRE(::pipe(release) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::close(ready[0]);
      ::close(release[1]);
      int code = 0;
      {
        try {
          OutputLock lock(target, "results file", "choose another --out");
          const char yes = 'y';
          if (::write(ready[1], &yes, 1) != 1) code = 3;
          char byte;
          while (::read(release[0], &byte, 1) > 0) {
          }
        } catch (...) {
          code = 2;
        }
      }  // the lock is released here, as a finishing writer releases it
      ::_exit(code);
    }
    ::close(ready[1]);
    ::close(release[0]);
    release_ = release[1];
    char byte = 0;
    REQUIRE(::read(ready[0], &byte, 1) == 1);
    ::close(ready[0]);
  }
  ~LockHolder() {
    if (pid_ > 0) {
      finish();
    }
  }
  [[nodiscard]] pid_t pid() const { return pid_; }
  /// Lets the child release the lock and exit; its exit code.
  int finish() {
    if (release_ >= 0) ::close(release_);
    release_ = -1;
    int status = 0;
    if (pid_ > 0) ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  /// Kills the child with SIGKILL: its lock file stays, unlocked.
  void kill() {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    ::close(release_);
    release_ = -1;
  }

 private:
  pid_t pid_ = -1;
  int release_ = -1;
};

}  // namespace

TEST_CASE("output lock: a second writer in another process is refused at once with OutputBusyError", "[output_lock]") {
  TempDir dir;
  const std::string target = dir.file("out.h5");
  LockHolder other(target);
  const std::string busy = "'" + target + "' is being written by another callsim process (pid " +
                           std::to_string(other.pid()) + "); wait for it or choose another --out";
  CHECK_THROWS_AS(ResultsWriter(target), OutputBusyError);
  CHECK(what_of([&] { ResultsWriter writer(target); }) == busy);
  CHECK(what_of([&] { write_results_file(target, tiny_file()); }) == busy);
  CHECK(dir.entries() == std::set<std::string>{"out.h5.lock"});  // no temp file of ours, no target
  // A report writer of the same target is refused alike, as a ReportBusyError.
  CHECK_THROWS_AS(callsim::report::write_file_atomically(target, "<html/>"), callsim::report::ReportBusyError);
  CHECK(what_of([&] { callsim::report::write_file_atomically(target, "<html/>"); }) ==
        "'" + target + "' is being written by another callsim process (pid " + std::to_string(other.pid()) +
            "); wait for it or choose another path for the report");
  // Once the other writer is done, the target is free, and the lock file is gone with it.
  CHECK(other.finish() == 0);
  CHECK(dir.entries().empty());
  write_results_file(target, tiny_file());
  CHECK(dir.entries() == std::set<std::string>{"out.h5"});
}

TEST_CASE("output lock: a second writer in the same process is refused, the first is unharmed", "[output_lock]") {
  TempDir dir;
  const std::string target = dir.file("out.h5");
  ResultsWriter first(target);
  CHECK(first.lock_path() == target + ".lock");
  CHECK(fs::exists(first.lock_path()));
  CHECK(read_file(first.lock_path()) == "callsim " + std::to_string(::getpid()) + "\n");
  CHECK_THROWS_AS(ResultsWriter(target), OutputBusyError);
  CHECK(what_of([&] { ResultsWriter second(target); }) ==
        "'" + target + "' is already being written by this callsim process; choose another --out");
  CHECK(fs::exists(first.temp_path()));  // the refused writer removed nothing of the first
  first.finish(tiny_file());
  CHECK(dir.entries() == std::set<std::string>{"out.h5"});
  CHECK(read_results_file(target).runs.at(0).name == "x");
}

TEST_CASE("output lock: the lock file goes when the writer finishes, fails or is destroyed", "[output_lock]") {
  TempDir dir;
  const std::string target = dir.file("out.h5");
  {
    ResultsWriter abandoned(target);
    CHECK(dir.entries().count("out.h5.lock") == 1);
  }
  CHECK(dir.entries().empty());
  {
    ResultsWriter failing(target);
    ResultsFile bad = tiny_file();
    bad.runs[0].name = "a/b";  // refused by the writer: a failed step
    CHECK_THROWS_AS(failing.finish(bad), ResultsStoreError);
    CHECK(dir.entries().empty());
    // The failed writer no longer holds the target: another one may write it.
    write_results_file(target, tiny_file());
  }
  CHECK(dir.entries() == std::set<std::string>{"out.h5"});
}

TEST_CASE("output lock: a lock file left by a killed writer is reused by the next one", "[output_lock]") {
  TempDir dir;
  const std::string target = dir.file("out.h5");
  LockHolder killed(target);
  const pid_t pid = killed.pid();
  killed.kill();
  REQUIRE(dir.entries() == std::set<std::string>{"out.h5.lock"});  // left behind, unlocked
  CHECK(read_file(target + ".lock") == "callsim " + std::to_string(pid) + "\n");
  ResultsWriter next(target);  // takes it over: no "busy"
  CHECK(read_file(next.lock_path()) == "callsim " + std::to_string(::getpid()) + "\n");
  next.finish(tiny_file());
  CHECK(dir.entries() == std::set<std::string>{"out.h5"});
  // An empty lock file (its writer died before writing its pid) is a lock file too.
  std::ofstream(target + ".lock").close();
  write_results_file(target, tiny_file());
  CHECK(dir.entries() == std::set<std::string>{"out.h5"});
}

TEST_CASE("output lock: while holding the lock, the writer removes stale temp files and says so", "[output_lock]") {
  TempDir dir;
  const std::string target = dir.file("out.h5");
  for (const char* name :
       {"out.h5.tmp-12345", "out.h5.tmp-1", "out.h5.tmp-abc", "out.h5.tmp-", "other.h5.tmp-77", "out.h5.tmp-9x"})
    std::ofstream(dir.file(name)) << "half a file";
  fs::create_directory(dir.file("out.h5.tmp-555"));                            // not a file: kept
  fs::create_symlink(dir.file("other.h5.tmp-77"), dir.file("out.h5.tmp-66"));  // a symlink: kept, target too
  std::vector<std::string> warnings;
  set_output_warning_handler([&](const std::string& w) { warnings.push_back(w); });
  {
    ResultsWriter writer(target);
    const std::set<std::string> removed(writer.removed_stale_files().begin(), writer.removed_stale_files().end());
    CHECK(removed == std::set<std::string>{dir.file("out.h5.tmp-12345"), dir.file("out.h5.tmp-1")});
    writer.finish(tiny_file());
  }
  set_output_warning_handler(nullptr);
  const std::set<std::string> said(warnings.begin(), warnings.end());
  CHECK(said == std::set<std::string>{"removed stale temporary file '" + dir.file("out.h5.tmp-12345") +
                                          "' (its callsim process stopped while writing '" + target + "')",
                                      "removed stale temporary file '" + dir.file("out.h5.tmp-1") +
                                          "' (its callsim process stopped while writing '" + target + "')"});
  CHECK(dir.entries() == std::set<std::string>{"out.h5", "out.h5.tmp-abc", "out.h5.tmp-", "other.h5.tmp-77",
                                               "out.h5.tmp-9x", "out.h5.tmp-555", "out.h5.tmp-66"});
  CHECK(read_file(dir.file("other.h5.tmp-77")) == "half a file");
}

TEST_CASE("output lock: a busy target's temp files are left to their writer", "[output_lock]") {
  TempDir dir;
  const std::string target = dir.file("out.h5");
  LockHolder other(target);
  std::ofstream(dir.file("out.h5.tmp-4242")) << "being written";
  CHECK_THROWS_AS(ResultsWriter(target), OutputBusyError);
  CHECK(read_file(dir.file("out.h5.tmp-4242")) == "being written");
  CHECK(other.finish() == 0);
  fs::remove(dir.file("out.h5.tmp-4242"));
}

TEST_CASE("output lock: a report removes its stale temp files too, and writes whole", "[output_lock][report]") {
  TempDir dir;
  const std::string target = dir.file("r.html");
  std::ofstream(dir.file("r.html.tmp-31337")) << "<html><body>half";
  std::vector<std::string> warnings;
  set_output_warning_handler([&](const std::string& w) { warnings.push_back(w); });
  callsim::report::write_file_atomically(target, "<html/>\n");
  set_output_warning_handler(nullptr);
  CHECK(warnings == std::vector<std::string>{"removed stale temporary file '" + dir.file("r.html.tmp-31337") +
                                             "' (its callsim process stopped while writing '" + target + "')"});
  CHECK(dir.entries() == std::set<std::string>{"r.html"});
  CHECK(read_file(target) == "<html/>\n");
}

TEST_CASE("output lock: a file at the lock path that callsim did not make is never touched", "[output_lock]") {
  TempDir dir;
  const std::string target = dir.file("out.h5");
  std::ofstream(target + ".lock") << "my notes about out.h5\n";
  CHECK_THROWS_AS(ResultsWriter(target), ResultsStoreError);
  CHECK(what_of([&] { ResultsWriter writer(target); }) ==
        "cannot write results file '" + target + "': '" + target +
            ".lock' exists and is not a callsim lock file; remove it if no program uses it, or choose another --out");
  CHECK(read_file(target + ".lock") == "my notes about out.h5\n");
  fs::remove(target + ".lock");
  // A symlink there is not followed: its target stays as it is.
  std::ofstream(dir.file("precious")) << "keep me";
  fs::create_symlink(dir.file("precious"), target + ".lock");
  CHECK(what_of([&] { ResultsWriter writer(target); }).rfind("cannot write results file '" + target + "': ", 0) == 0);
  CHECK(read_file(dir.file("precious")) == "keep me");
  CHECK(dir.entries() == std::set<std::string>{"out.h5.lock", "precious"});
  fs::remove(target + ".lock");
  fs::create_directory(target + ".lock");
  CHECK(what_of([&] { ResultsWriter writer(target); }).rfind("cannot write results file '" + target + "': ", 0) == 0);
}

TEST_CASE("output lock: processes taking and releasing one target never hold it at once", "[output_lock]") {
  // A releasing writer unlinks the lock file while the other may have it open and lock it
  // next: without the check that the path still names the locked file, both would hold
  // "the" lock (the unlinked one and a new one). Each holder creates a marker file with
  // O_EXCL: a second holder at the same time fails to create it.
  TempDir dir;
  const std::string target = dir.file("out.h5");
  const std::string marker = dir.file("held");
  const auto contend = [&]() -> int {
    // Counted in holds, not attempts: on a loaded machine a holder descheduled for a few
    // milliseconds lets the others burn thousands of refused attempts meanwhile.
    int held = 0;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (held < 300 && std::chrono::steady_clock::now() < give_up) {
      try {
        OutputLock lock(target, "results file", "choose another --out");
        const int fd = ::open(marker.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd < 0) return 1;  // another process holds it too
        ::close(fd);
        ::usleep(20);  // held a while, as a writer holds it: the others' attempts land meanwhile
        ::unlink(marker.c_str());
        ++held;
      } catch (const OutputBusyError&) {
      } catch (...) {
        return 2;
      }
    }
    return held > 0 ? 0 : 3;
  };
  std::vector<pid_t> children;
  for (int c = 0; c < 3; ++c) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) ::_exit(contend());
    children.push_back(pid);
  }
  for (const pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  CHECK(dir.entries().empty());
}
