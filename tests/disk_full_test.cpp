// A full disk (issue 10, item 6): every output writer fails with one line naming the file
// and "no space left on device", removes its temp file and its lock, leaves an older file
// under the name as it was, and the process neither crashes then nor at exit (HDF5 1.10
// segfaulted in its exit handler on a file whose close had failed). Tests mount a small
// tmpfs; where that is not permitted (not root, no mount namespace) they say so and pass.

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "report/output_file.hpp"
#include "run/experiment.hpp"
#include "scenarios/loader.hpp"
#include "store/results_store.hpp"
#include "subprocess.hpp"

namespace {

using namespace callsim::analysis;
using namespace callsim::run;
using namespace callsim::store;
namespace fs = std::filesystem;
using callsim::testing::read_file;
using namespace std::chrono_literals;

const std::string kErlangA = std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/erlang-a.yaml";

/// A tmpfs of `size` mounted on a fresh directory, unmounted (and the directory removed)
/// on destruction. mounted() is false where mounting is not permitted.
class SmallDisk {
 public:
  explicit SmallDisk(const std::string& size) {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("callsim-disk-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "disk");
    mounted_ =
        std::system(
            ("mount -t tmpfs -o size=" + size + " tmpfs '" + (dir_ / "disk").string() + "' 2>/dev/null").c_str()) == 0;
    if (!mounted_) WARN("skipped: cannot mount a tmpfs here (needs root and a mount namespace)");
  }
  ~SmallDisk() {
    if (mounted_) (void)std::system(("umount '" + (dir_ / "disk").string() + "'").c_str());
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;

  [[nodiscard]] bool mounted() const { return mounted_; }
  /// A path on the small disk.
  [[nodiscard]] std::string file(const std::string& name) const { return (dir_ / "disk" / name).string(); }
  /// A directory beside it, on the ordinary disk (for logs).
  [[nodiscard]] fs::path outside() const { return dir_; }
  [[nodiscard]] std::set<std::string> entries() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_ / "disk")) names.insert(e.path().filename().string());
    return names;
  }
  /// Bytes still free on the small disk.
  [[nodiscard]] std::uint64_t free_bytes() const {
    struct statvfs st {};
    REQUIRE(::statvfs((dir_ / "disk").c_str(), &st) == 0);
    return static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
  }
  /// Fills the disk with file "fill" until at most `left` bytes are free (0: full).
  void fill(std::uint64_t left) const {
    const int fd = ::open(file("fill").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    REQUIRE(fd >= 0);
    const std::vector<char> block(4096, 'x');
    while (free_bytes() > left) {
      const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(block.size(), free_bytes() - left));
      if (::write(fd, block.data(), n) <= 0) break;  // full
    }
    ::close(fd);
  }

 private:
  fs::path dir_;
  bool mounted_ = false;
};

/// `replications` replications of erlang-a shortened to 10 h (about 12 KB of tables each),
/// with the per-call rows of each in `calls` if given.
ResultsFile simulated_file(std::size_t replications, std::vector<std::vector<CallRecord>>* calls = nullptr) {
  const auto scenario = callsim::scenarios::load_scenario(kErlangA, {"time.duration=10h"});
  ExperimentOptions options;
  options.replications = replications;
  options.threads = 1;
  if (calls) options.on_calls = [&](std::size_t, std::vector<CallRecord>&& rows) { calls->push_back(std::move(rows)); };
  ResultsFile file;
  file.callsim_version = "0.1.0-test";
  file.command_line = "callsim run erlang-a.yaml";
  file.seed = options.seed;
  file.scenario_path = scenario.path;
  file.scenario_text = scenario.text;
  file.replications_requested = replications;
  file.runs.push_back(run_in_process(scenario.spec, options));
  return file;
}

}  // namespace

TEST_CASE("disk full: the results writer fails in one line, removes its temp file and lock, keeps the old file",
          "[disk_full][results_store]") {
  std::vector<std::vector<CallRecord>> calls;
  const ResultsFile big = simulated_file(120);               // about 420 KB compressed: more than the disk holds
  const ResultsFile with_calls = simulated_file(2, &calls);  // about 600 KB of per-call rows
  for (const bool per_call : {false, true}) {
    // From a full disk to one that takes most of the file: the failure comes at creating
    // the file, at writing rows, at writing the tables or at closing it.
    for (const std::uint64_t left : {0u, 4096u, 16384u, 65536u, 131072u, 180224u}) {
      INFO((per_call ? "with per-call rows, " : "") << left << " bytes left");
      SmallDisk disk("256k");
      if (!disk.mounted()) return;
      const std::string target = disk.file("out.h5");
      write_results_file(target, simulated_file(1));
      const std::string old = read_file(target);
      disk.fill(left);
      const std::string expected = "cannot write results file '" + target + "': no space left on device";
      std::string message;
      try {
        ResultsWriter writer(target);
        if (per_call)
          for (const auto& rows : calls) writer.append_calls(with_calls.runs[0].name, rows);
        writer.finish(per_call ? with_calls : big);
      } catch (const ResultsStoreError& e) {
        message = e.what();
      }
      CHECK(message == expected);
      CHECK(disk.entries() == std::set<std::string>{"fill", "out.h5"});  // no temp file, no lock
      CHECK(read_file(target) == old);
      // The space is back: the same writer code writes the file now.
      fs::remove(disk.file("fill"));
      write_results_file(target, simulated_file(1));
      CHECK(read_results_file(target).runs.at(0).replications.size() == 1);
    }
  }
}

TEST_CASE("disk full: a writer that failed can be destroyed and the next writer of the target works",
          "[disk_full][results_store]") {
  SmallDisk disk("256k");
  if (!disk.mounted()) return;
  const std::string target = disk.file("out.h5");
  disk.fill(0);
  std::optional<ResultsWriter> writer;
  try {
    writer.emplace(target);
    writer->finish(simulated_file(3));
    FAIL("the writer did not fail");
  } catch (const ResultsStoreError& e) {
    CHECK(std::string(e.what()) == "cannot write results file '" + target + "': no space left on device");
  }
  if (writer) {
    // Further work is refused in one line; destroying it closes nothing twice.
    CHECK_THROWS_WITH(writer->finish(simulated_file(1)),
                      "cannot write results file '" + target + "': an earlier step of writing it failed");
    writer.reset();
  }
  fs::remove(disk.file("fill"));
  write_results_file(target, simulated_file(3));
  CHECK(disk.entries() == std::set<std::string>{"out.h5"});
}

TEST_CASE("disk full: a process whose writers failed on a full disk exits cleanly", "[disk_full][results_store]") {
  // HDF5 closes what is left open in its exit handler: a file whose close had failed
  // crashed it there. A child process fails on every fill level and then exits normally.
  SmallDisk disk("256k");
  if (!disk.mounted()) return;
  const ResultsFile big = simulated_file(120);  // more than the disk holds, compressed
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int failures = 0;
    for (const std::uint64_t left : {0u, 4096u, 16384u, 65536u, 131072u, 180224u}) {
      disk.fill(left);
      try {
        write_results_file(disk.file("out.h5"), big);
      } catch (const ResultsStoreError&) {
        ++failures;
      }
      fs::remove(disk.file("fill"));
    }
    std::exit(failures == 6 ? 0 : 1);  // exit(), not _exit(): the exit handlers run
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(disk.entries().empty());
}

TEST_CASE("disk full: a report fails in one line and leaves no temp file", "[disk_full][report]") {
  SmallDisk disk("256k");
  if (!disk.mounted()) return;
  const std::string target = disk.file("r.html");
  callsim::report::write_file_atomically(target, "<html>old</html>\n");
  for (const std::uint64_t left : {0u, 8192u, 131072u}) {
    INFO(left << " bytes left");
    disk.fill(left);
    CHECK_THROWS_AS(callsim::report::write_file_atomically(target, std::string(300000, 'r')),
                    callsim::report::ReportError);
    CHECK_THROWS_WITH(callsim::report::write_file_atomically(target, std::string(300000, 'r')),
                      "cannot write report file '" + target + "': no space left on device");
    CHECK(disk.entries() == std::set<std::string>{"fill", "r.html"});
    CHECK(read_file(target) == "<html>old</html>\n");
    fs::remove(disk.file("fill"));
  }
}

TEST_CASE("disk full: callsim run on a disk that fills up while it simulates says so in one line, exit 1",
          "[disk_full][cli]") {
  for (const bool per_call : {false, true}) {
    INFO((per_call ? "with --calls" : "without --calls"));
    SmallDisk disk("64m");
    if (!disk.mounted()) return;
    // Room for the file when the run starts (the size check passes), none once it has begun.
    const std::string target = disk.file(per_call ? "c.h5" : "r.h5");
    std::vector<std::string> args = {
        "run",        kErlangA, "--set", "time.duration=10h", "-r", per_call ? "40" : "400", "-j", "1",
        "--progress", "-o",     target};
    if (per_call) args.push_back("--calls");
    callsim::testing::Child child(args, disk.outside() / "stdout.txt", disk.outside() / "stderr.txt");
    REQUIRE(child.wait_for_stderr("replications 1/", 60s));
    disk.fill(0);
    const int code = child.wait();
    const std::string err = read_file(disk.outside() / "stderr.txt");
    INFO(err);
    CHECK(code == 1);  // not 139: no crash, neither at the failure nor at exit
    const std::string last = err.substr(err.rfind('\n', err.size() - 2) + 1);
    CHECK(last == "callsim run: cannot write results file '" + target + "': no space left on device\n");
    CHECK(err.find("HDF5") == std::string::npos);
    CHECK(disk.entries() == std::set<std::string>{"fill"});
  }
}
