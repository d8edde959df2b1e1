// The dashboard of a run made with overrides draws the forecast the run simulated (issue
// 11: bank-weekday with retail arrivals x2 drew the unscaled 64 calls at 10:00 against 98
// offered), whether written by `run --report` or later by `callsim report FILE.h5`.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "cli_shell.hpp"

namespace fs = std::filesystem;
using callsim::testing::run_callsim;
using callsim::testing::slurp;

namespace {

std::string scenario(const std::string& name) { return std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/" + name; }

/// The tooltip of the forecast point at `label`: "10:00 forecast: expected arrivals: 110".
std::string forecast_at(const std::string& html, const std::string& label) {
  const std::string key = "<title>" + label + " forecast: expected arrivals: ";
  const std::size_t at = html.find(key);
  if (at == std::string::npos) return "";
  return html.substr(at + key.size(), html.find('<', at + key.size()) - at - key.size());
}

}  // namespace

TEST_CASE("cli: the dashboard of a run with --set draws the scaled forecast", "[cli][report]") {
  const fs::path dir = callsim::testing::temp_dir("report-inputs", "scaled");
  const std::string base = "run " + scenario("bank-weekday.yaml") + " -r 1 -q ";
  REQUIRE(run_callsim(base + "-o plain.h5 --report plain.html", dir).code == 0);
  REQUIRE(run_callsim(base + "--set call_types.retail.arrivals.scale=2 -o x2.h5 --report x2.html", dir).code == 0);
  REQUIRE(run_callsim("report x2.h5 --html later.html", dir).code == 0);
  const std::string plain = forecast_at(slurp(dir / "plain.html"), "10:00");
  const std::string scaled = forecast_at(slurp(dir / "x2.html"), "10:00");
  REQUIRE_FALSE(plain.empty());
  REQUIRE_FALSE(scaled.empty());
  // Retail is most of the 10:00 volume: doubling it takes the line far above the plain one.
  CHECK(std::stod(scaled) > 1.5 * std::stod(plain));
  CHECK(forecast_at(slurp(dir / "later.html"), "10:00") == scaled);
  CHECK(slurp(dir / "x2.html").find("Made with the overrides call_types.retail.arrivals.scale=2") != std::string::npos);
  CHECK(slurp(dir / "plain.html").find("Made with the overrides") == std::string::npos);
}
