// The day mix: equally likely observed days, each with its own staffing and volume; a
// replication simulates one of them. The loader reads the variants with file and line on
// every problem; the model draws a variant per replication from its own stream, gives the
// groups that day's agents and multiplies the arrival rates by its volume.

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "models/day_mix.hpp"
#include "run/experiment.hpp"
#include "scenarios/loader.hpp"

namespace fs = std::filesystem;
using namespace callsim;

namespace {

// 08:00-12:00, 60 calls an hour, one group; the day mix names two staffing files.
const std::string kScenario = R"(name: mix
time:
  start: 08:00
  duration: 4h
  interval: 1h
call_types:
  - name: retail
    arrivals: {rate: 60/h}
    service: {distribution: exponential, mean: 3min}
    patience: {distribution: exponential, mean: 5min}
agent_groups:
  - name: agents
    skills: [retail]
    count: 4
day_mix:
  - {label: quiet, staffing: quiet.csv, volume: 0.5}
  - {label: busy, staffing: busy.csv, volume: 1.5}
)";

struct MixFiles {
  fs::path dir;
  explicit MixFiles(const std::string& name, const std::string& yaml = kScenario,
                    const std::string& quiet = "interval_start,agents\n08:00,2\n10:00,3.5\n",
                    const std::string& busy = "interval_start,agents\n08:00,9\n10:00,9\n") {
    dir = fs::temp_directory_path() / ("callsim-daymix-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "mix.yaml") << yaml;
    std::ofstream(dir / "quiet.csv") << quiet;
    std::ofstream(dir / "busy.csv") << busy;
  }
  ~MixFiles() { fs::remove_all(dir); }
  [[nodiscard]] scenarios::LoadedScenario load() const { return scenarios::load_scenario((dir / "mix.yaml").string()); }
  [[nodiscard]] std::string yaml() const { return (dir / "mix.yaml").string(); }
};

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("day_mix reads each day's staffing per group and its volume", "[scenario][day_mix]") {
  const MixFiles files("read");
  const auto spec = files.load().spec;
  REQUIRE(spec.day_mix.size() == 2);
  CHECK(spec.day_mix[0].label == "quiet");
  CHECK(spec.day_mix[0].volume == 0.5);
  CHECK(spec.day_mix[1].volume == 1.5);
  REQUIRE(spec.day_mix[0].staffing.size() == 1);
  // 2-hour rows: 2 agents 08:00-10:00; 3.5 from 10:00 (the last row): 4 to 11:00, then 3, then 0 at 12:00.
  const auto& quiet = spec.day_mix[0].staffing[0];
  REQUIRE(quiet.size() == 4);
  CHECK(quiet[0].agents == 2);
  CHECK(quiet[1].from.seconds() == 7200);
  CHECK(quiet[1].agents == 4);
  CHECK(quiet[2].from.seconds() == 10800);
  CHECK(quiet[2].agents == 3);
  CHECK(quiet[3].agents == 0);
}

TEST_CASE("day_mix problems name the file and the line", "[scenario][day_mix][errors]") {
  {
    const MixFiles files("volume", replaced(kScenario, "volume: 0.5", "volume: 0"));
    CHECK_THROWS_WITH(files.load(), Catch::Contains("mix.yaml:16: day_mix[0].volume must be greater than 0"));
  }
  {
    const MixFiles files("column", kScenario, "interval_start,staff\n08:00,2\n10:00,3\n");
    CHECK_THROWS_WITH(files.load(), Catch::Contains("quiet.csv:1: no column 'agents'"));
  }
  {
    const MixFiles files("missing", replaced(kScenario, "staffing: busy.csv", "staffing: nowhere.csv"));
    CHECK_THROWS_WITH(files.load(), Catch::Contains("nowhere.csv"));
  }
  {
    const MixFiles files("key", replaced(kScenario, "volume: 1.5", "volumes: 1.5"));
    CHECK_THROWS_WITH(files.load(), Catch::Contains("mix.yaml:17:"));
  }
  {
    const MixFiles files(
        "shifts", replaced(kScenario, "    count: 4\n", "    shifts:\n      - {start: 08:00, end: 12:00, count: 4}\n"));
    CHECK_THROWS_WITH(files.load(), Catch::Contains("has shifts, which a day mix would ignore"));
  }
}

TEST_CASE("each replication simulates one day of the mix, drawn uniformly from its own stream", "[model][day_mix]") {
  const MixFiles files("draw");
  const auto spec = files.load().spec;
  // The draw depends on the seed and the replication only.
  std::size_t busy_days = 0;
  const std::size_t replications = 400;
  for (std::size_t r = 0; r < replications; ++r) {
    const auto v = models::day_variant(spec, 5, r);
    CHECK(v == models::day_variant(spec, 5, r));
    busy_days += v;
  }
  // Binomial(400, 1/2): sd 10.
  CHECK(std::fabs(static_cast<double>(busy_days) - 200) < 40);

  run::ExperimentOptions options;
  options.seed = 5;
  options.replications = replications;
  options.threads = 2;
  const auto run = run::run_in_process(spec, options);
  // Agent time tells the day: the quiet day staffs 2 x 2 h + 4 x 1 h + 3 x 1 h = 11
  // agent-hours, the busy one 36; offered calls follow the day's volume (Poisson, 120 or
  // 360 expected over 4 h: the means over ~200 days are within 5 standard errors).
  double quiet_calls = 0, busy_calls = 0, quiet_n = 0, busy_n = 0;
  for (std::size_t r = 0; r < replications; ++r) {
    const auto& total = run.replications[r].total;
    const bool busy = models::day_variant(spec, 5, r) == 1;
    // (an agent leaving at 11:00 finishes the call in hand first: a few minutes more)
    const double hours = total.staffed_time / 3600;
    if (busy)
      CHECK(hours == Approx(36.0).margin(1e-6));
    else
      CHECK((hours >= 11.0 - 1e-6 && hours < 11.5));
    (busy ? busy_calls : quiet_calls) += static_cast<double>(total.offered + total.closed + total.blocked);
    (busy ? busy_n : quiet_n) += 1;
  }
  CHECK(std::fabs(quiet_calls / quiet_n - 120) < 5 * std::sqrt(120 / quiet_n));
  CHECK(std::fabs(busy_calls / busy_n - 360) < 5 * std::sqrt(360 / busy_n));
}

TEST_CASE("a scenario without a day mix draws no day: variant 0, volume 1", "[model][day_mix]") {
  const MixFiles files("none");
  auto spec = files.load().spec;
  spec.day_mix.clear();
  CHECK(models::day_variant(spec, 5, 3) == 0);
  CHECK(models::day_volume(spec, 5, 3) == 1.0);
}
