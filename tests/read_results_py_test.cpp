// docs/read_results.py, the example reader, on fresh files of callsim run (with the
// per-call table) and callsim compare: it must read every dataset the files hold.

#include <catch2/catch.hpp>

#include <H5Cpp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "subprocess.hpp"

namespace fs = std::filesystem;
using callsim::testing::read_file;

namespace {

int shell(const std::string& cmd) {
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

herr_t collect(hid_t, const char* name, const H5O_info_t* info, void* data) {
  if (info->type == H5O_TYPE_DATASET) static_cast<std::vector<std::string>*>(data)->push_back("/" + std::string(name));
  return 0;
}

/// Every dataset of the file, by its full path, found by HDF5 itself.
std::vector<std::string> all_datasets(const std::string& path) {
  std::vector<std::string> names;
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(file >= 0);
  REQUIRE(H5Ovisit(file, H5_INDEX_NAME, H5_ITER_INC, collect, &names) >= 0);
  H5Fclose(file);
  return names;
}

}  // namespace

TEST_CASE("the Python example reader reads every dataset of run and compare files", "[results_store][python]") {
  if (shell("/usr/bin/python3 -c 'import h5py, numpy' >/dev/null 2>&1") != 0) {
    WARN("/usr/bin/python3 cannot import h5py and numpy (Debian: python3-h5py python3-numpy): skipping");
    return;
  }
  const fs::path dir = fs::temp_directory_path() / ("callsim-reader-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string library = std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/";
  const std::string run = (dir / "run.h5").string(), compare = (dir / "compare.h5").string();
  REQUIRE(shell(std::string(CALLSIM_BINARY) + " run " + library + "bank-weekday.yaml -r 3 --calls -q " +
                "--set agent_groups.agents.staffing_scale=0.9 -o " + run) == 0);
  REQUIRE(shell(std::string(CALLSIM_BINARY) + " compare " + library +
                "multiskill-small.yaml --policy longest_idle_agent --policy static_priority -r 3 -q -o " + compare) ==
          0);
  for (const std::string& file : {run, compare}) {
    INFO(file);
    const fs::path out = dir / "out.txt";
    REQUIRE(shell("/usr/bin/python3 '" + std::string(CALLSIM_SOURCE_DIR) + "/docs/read_results.py' '" + file + "' >'" +
                  out.string() + "' 2>&1") == 0);
    const std::string text = read_file(out);
    INFO(text);
    const std::vector<std::string> datasets = all_datasets(file);
    CHECK(datasets.size() >= 6);
    for (const std::string& d : datasets) {
      INFO(d);
      CHECK(text.find("dataset " + d + ":") != std::string::npos);
    }
    CHECK(text.find("  complete\n") != std::string::npos);
  }
  const std::string text = read_file(dir / "out.txt");
  CHECK(text.find("dataset /comparison/day: shape (1, ") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("the R example reader reads run and compare files when R and hdf5r are installed", "[results_store][r]") {
  if (shell("Rscript -e 'library(hdf5r)' >/dev/null 2>&1") != 0) {
    WARN("Rscript with hdf5r not installed (Debian: r-cran-hdf5r): skipping; R is shown, not required");
    return;
  }
  const fs::path dir = fs::temp_directory_path() / ("callsim-reader-r-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string library = std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/";
  const std::string run = (dir / "run.h5").string(), compare = (dir / "compare.h5").string();
  REQUIRE(shell(std::string(CALLSIM_BINARY) + " run " + library + "bank-weekday.yaml -r 3 --calls -q -o " + run) == 0);
  REQUIRE(shell(std::string(CALLSIM_BINARY) + " compare " + library +
                "multiskill-small.yaml --policy longest_idle_agent --policy static_priority -r 3 -q -o " + compare) ==
          0);
  const auto read = [&](const std::string& file) {
    const fs::path out = dir / "out.txt";
    REQUIRE(shell("Rscript '" + std::string(CALLSIM_SOURCE_DIR) + "/docs/read_results.R' '" + file + "' >'" +
                  out.string() + "' 2>&1") == 0);
    return read_file(out);
  };
  const std::string one = read(run);
  INFO(one);
  for (const char* d : {"replications", "summary", "intervals", "interval_types", "groups", "calls"})
    CHECK(one.find("dataset /bank-weekday/" + std::string(d)) != std::string::npos);
  CHECK(one.find("dataset /scenario: ") != std::string::npos);
  CHECK(one.find("  complete\n") != std::string::npos);
  const std::string two = read(compare);
  INFO(two);
  CHECK(two.find("dataset /comparison/day and /comparison/intervals") != std::string::npos);
  CHECK(two.find("  variant 'static_priority'\n") != std::string::npos);
  fs::remove_all(dir);
}
