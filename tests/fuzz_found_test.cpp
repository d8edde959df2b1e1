// Replays every input in tests/data/fuzz_found/ through the entry point of the fuzz target it
// belongs to (fuzz/fuzz_inputs.hpp, the code libFuzzer runs): each must load or be refused
// with a ScenarioError made by a reader that checked it, never escape with another exception
// (or crash, hang or exhaust memory, which would fail or time out this test). The folder
// holds what scripts/fuzz found and known-nasty inputs; its files are told apart by
// extension: .yaml a scenario, .set --set overrides (first line: the scenario), .csv a table
// (run as a forecast, a staffing plan and a trace), .txt a bank log.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "fuzz/fuzz_inputs.hpp"

#ifndef CALLSIM_SOURCE_DIR
#define CALLSIM_SOURCE_DIR "."  // run from the repository root when built by hand
#endif

namespace {

namespace fs = std::filesystem;

const fs::path kFound = fs::path(CALLSIM_SOURCE_DIR) / "tests" / "data" / "fuzz_found";

std::vector<fs::path> found_inputs() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kFound)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("fuzz_found holds inputs of every kind, among them the known-nasty ones", "[fuzz]") {
  std::map<std::string, int> by_extension;
  std::vector<std::string> texts;
  for (const auto& file : found_inputs()) {
    ++by_extension[file.extension().string()];
    texts.push_back(bytes_of(file));
  }
  CHECK(by_extension[".yaml"] >= 2);
  CHECK(by_extension[".set"] >= 1);
  CHECK(by_extension[".csv"] >= 2);
  // The inputs on which yaml-cpp 0.7's LoadAll allocates without bound (issue 10).
  CHECK(std::count(texts.begin(), texts.end(), ",") >= 1);
  CHECK(std::count(texts.begin(), texts.end(), "!a,") >= 1);
}

TEST_CASE("every input the fuzzer found loads or is refused with a checked ScenarioError", "[fuzz]") {
  const auto files = found_inputs();
  REQUIRE(!files.empty());
  for (const auto& file : files) {
    INFO("tests/data/fuzz_found/" << file.filename().string()
                                  << " (replay it under the fuzz build: build-fuzz/fuzz/TARGET FILE)");
    const std::string data = bytes_of(file);
    const std::string extension = file.extension().string();
    if (extension == ".yaml") {
      CHECK_NOTHROW(callsim::fuzz::load_scenario_yaml(data));
      CHECK_NOTHROW(callsim::fuzz::load_shift_templates(data));
    } else if (extension == ".set") {
      CHECK_NOTHROW(callsim::fuzz::load_with_overrides(data));
    } else if (extension == ".csv") {
      CHECK_NOTHROW(callsim::fuzz::load_forecast_csv(data));
      CHECK_NOTHROW(callsim::fuzz::load_staffing_csv(data));
      CHECK_NOTHROW(callsim::fuzz::load_trace_csv(data));
    } else if (extension == ".txt") {
      CHECK_NOTHROW(callsim::fuzz::load_bank_log(data));
    } else if (extension == ".log") {
      CHECK_NOTHROW(callsim::fuzz::fit_call_log(data));
    } else {
      FAIL_CHECK("unknown extension '" << extension << "': name it .yaml, .set, .csv, .txt or .log");
    }
  }
}

TEST_CASE("the fuzz entry points tell the loader's catch-all from a checked refusal", "[fuzz]") {
  using callsim::fuzz::made_by_catch_all;
  // The catch-all's messages (scenarios/loader.cpp, guarded_load), also when an override is blamed.
  CHECK(made_by_catch_all("s.yaml:3: the scenario cannot be read (bad conversion); check this part", "s.yaml", {}));
  CHECK(made_by_catch_all("s.yaml: the scenario cannot be loaded (stoi); check it", "s.yaml", {}));
  CHECK(made_by_catch_all("s.yaml: the scenario needs more memory than is available to load; check", "s.yaml", {}));
  CHECK(made_by_catch_all("--set a.b=1: s.yaml:9: the scenario cannot be read (x)", "s.yaml", {"c=2", "a.b=1"}));
  // A checked refusal that quotes those words from the input, or names another file, is not one.
  CHECK_FALSE(made_by_catch_all("s.yaml:1: the header 'i: the scenario cannot be loaded (' is not", "s.yaml", {}));
  CHECK_FALSE(made_by_catch_all("t.csv:2: the scenario cannot be read (x)", "s.yaml", {}));
  CHECK_FALSE(made_by_catch_all("--set a=1: s.yaml:9: the scenario cannot be read (x)", "s.yaml", {}));
  CHECK_FALSE(made_by_catch_all("s.yaml:12x: the scenario cannot be read (x)", "s.yaml", {}));
  // A checked refusal is the expected end of a load: the entry point returns.
  CHECK_NOTHROW(callsim::fuzz::load_scenario_yaml("name: x\n"));
}
