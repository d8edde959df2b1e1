// Scenario keys of the IVR: its arrivals, nodes and branches, the exits built from the
// branch targets, and call types that get their calls from the IVR only.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "scenarios/loader.hpp"

#ifndef CALLSIM_SOURCE_DIR
#define CALLSIM_SOURCE_DIR "."  // run from the repository root when built by hand
#endif

using callsim::models::IvrOutcome;
using callsim::scenarios::load_scenario;
using callsim::scenarios::load_scenario_text;

namespace {

// 'retail' gets its calls from the IVR only. Line numbers in messages refer to this text.
const std::string kBase = R"(name: bank
time:
  start: 08:00
  duration: 8h
call_types:
  - name: retail
    service: {distribution: exponential, mean: 3min}
    patience: {distribution: exponential, mean: 5min}
  - name: business
    arrivals: {rate: 20/h}
    service: {distribution: exponential, mean: 5min}
agent_groups:
  - name: agents
    skills: [retail, business]
    count: 12
ivr:
  arrivals: {rate: 300/h}
  nodes:
    - name: welcome
      duration: {distribution: constant, value: 10s}
      branches: {menu: 0.95, hang_up: 0.05}
    - name: menu
      duration: {distribution: constant, value: 20s}
      branches: {queue retail: 0.6, queue business: 0.2, balance: 0.15, menu: 0.05}
    - name: balance
      duration: {distribution: exponential, mean: 40s}
      branches: {self_served: 0.8, queue retail: 0.2}
)";

// kBase with the first `from` replaced by `to`; fails when `from` is absent.
std::string edited(const std::string& from, const std::string& to, const std::string& text = kBase) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.substr(0, at) + to + text.substr(at + from.size());
}

callsim::scenarios::LoadedScenario load(const std::string& text) { return load_scenario_text(text, "bank.yaml"); }

const std::string kWelcome = "{menu: 0.95, hang_up: 0.05}";
const std::string kMenu = "{queue retail: 0.6, queue business: 0.2, balance: 0.15, menu: 0.05}";

// A scenario and a forecast in one scratch directory, removed at the end of the test.
struct ForecastFiles {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("callsim_ivr_test_" + std::to_string(::getpid()));
  std::string yaml = (dir / "bank.yaml").string();
  std::string csv = (dir / "vru.csv").string();
  ForecastFiles(const std::string& scenario, const std::string& forecast) {
    std::filesystem::create_directories(dir);
    std::ofstream(yaml) << scenario;
    std::ofstream(csv) << forecast;
  }
  ~ForecastFiles() { std::filesystem::remove_all(dir); }
  ForecastFiles(const ForecastFiles&) = delete;
  ForecastFiles& operator=(const ForecastFiles&) = delete;
  [[nodiscard]] callsim::scenarios::LoadedScenario load() const { return load_scenario(yaml); }
};

}  // namespace

TEST_CASE("the IVR's nodes exits and branch targets follow the file", "[scenario][ivr]") {
  const auto loaded = load(kBase);
  const auto& spec = loaded.spec;
  CHECK(loaded.warnings.empty());
  // retail has no arrivals of its own: its rate is 0.
  CHECK(spec.call_types[0].arrivals.is_constant());
  CHECK(spec.call_types[0].arrivals.rate_at(callsim::sim::Time(0)) == 0);
  REQUIRE(spec.ivr.has_value());
  const auto& ivr = *spec.ivr;
  CHECK(ivr.arrivals.rate_at(callsim::sim::Time(0)) == Approx(300.0 / 3600));
  REQUIRE(ivr.nodes.size() == 3);
  CHECK(ivr.nodes[0].name == "welcome");
  CHECK(ivr.nodes[1].name == "menu");
  CHECK(ivr.nodes[2].name == "balance");
  REQUIRE(ivr.nodes[0].duration.has_value());
  CHECK(ivr.nodes[0].duration->mean() == 10);
  CHECK(ivr.nodes[2].duration->mean() == 40);
  // Exits in order of first use: hang_up, queue retail, queue business, self_served.
  REQUIRE(ivr.exits.size() == 4);
  CHECK(ivr.exits[0].name == "hang_up");
  CHECK(ivr.exits[0].outcome == IvrOutcome::HANG_UP);
  CHECK(ivr.exits[1].name == "queue retail");
  CHECK(ivr.exits[1].outcome == IvrOutcome::QUEUE);
  CHECK(ivr.exits[1].call_type == 0);
  CHECK(ivr.exits[2].name == "queue business");
  CHECK(ivr.exits[2].outcome == IvrOutcome::QUEUE);
  CHECK(ivr.exits[2].call_type == 1);
  CHECK(ivr.exits[3].name == "self_served");
  CHECK(ivr.exits[3].outcome == IvrOutcome::SELF_SERVED);
  // Targets: a node index, or 3 nodes + an exit index.
  const auto targets = [&ivr](std::size_t node) {
    std::vector<std::pair<std::uint32_t, double>> out;
    for (const auto& b : ivr.nodes[node].branches) out.emplace_back(b.target, b.probability);
    return out;
  };
  using Branches = std::vector<std::pair<std::uint32_t, double>>;
  CHECK(targets(0) == Branches{{1, 0.95}, {3, 0.05}});
  CHECK(targets(1) == Branches{{4, 0.6}, {5, 0.2}, {2, 0.15}, {1, 0.05}});
  CHECK(targets(2) == Branches{{6, 0.8}, {4, 0.2}});
}

TEST_CASE("the IVR fixture reads its forecast columns", "[scenario][ivr]") {
  const auto loaded = load_scenario(CALLSIM_SOURCE_DIR "/tests/data/ivr-menu.yaml");
  CHECK(loaded.warnings.empty());
  const auto& spec = loaded.spec;
  REQUIRE(spec.ivr.has_value());
  // The IVR reads the column 'ivr', scaled; business reads the column it names.
  CHECK(spec.ivr->arrivals.rates() ==
        std::vector<double>{150 * 1.2 / 1800, 180 * 1.2 / 1800, 160 * 1.2 / 1800, 120 * 1.2 / 1800});
  CHECK(spec.call_types[1].arrivals.rates() == std::vector<double>{10.0 / 1800, 12.0 / 1800, 10.0 / 1800, 8.0 / 1800});
  CHECK(spec.ivr->exits.size() == 4);
}

TEST_CASE("the overload warning counts IVR callers reaching each queue", "[scenario][ivr][warnings]") {
  // Of 300 IVR calls/h, 63 % reach retail (0.6 + 0.15 x 0.2 of those at the menu, which
  // repeats itself 5 % of the time) and 20 % business: 189/h x 3 min + (60 + 20)/h x 5 min
  // = 16.1 Erlangs on 12 agents.
  const auto loaded = load(edited("    patience: {distribution: exponential, mean: 5min}\n", ""));
  REQUIRE(loaded.warnings.size() == 1);
  CHECK(loaded.warnings[0] ==
        "bank.yaml: offered load 16.1 Erlangs is at or above the 12 agents and callers never abandon: the queue "
        "grows without bound and the results depend on the horizon");
  CHECK(load(edited("    patience: {distribution: exponential, mean: 5min}\n", "", edited("count: 12", "count: 17")))
            .warnings.empty());
}

TEST_CASE("branch targets are nodes self_served hang_up or queue and a call type", "[scenario][ivr][errors]") {
  CHECK_THROWS_WITH(load(edited("balance: 0.15", "balanse: 0.15")),
                    "bank.yaml:24: IVR node 'menu' has a branch to 'balanse', which is no IVR node (did you mean "
                    "'balance'?); a target is another node's name, self_served, hang_up, or queue and a call type "
                    "name (e.g. queue retail)");
  CHECK_THROWS_WITH(load(edited("queue retail: 0.6", "retail: 0.6")),
                    "bank.yaml:24: IVR node 'menu' has a branch to 'retail', which is no IVR node (to send callers "
                    "to the queue of call type 'retail', write 'queue retail'); a target is another node's name, "
                    "self_served, hang_up, or queue and a call type name (e.g. queue retail)");
  CHECK_THROWS_WITH(load(edited("queue retail: 0.6", "queue retial: 0.6")),
                    "bank.yaml:24: IVR node 'menu' sends callers to 'queue retial', but no call type is named "
                    "'retial' (did you mean 'retail'?); write queue, a space and a call type name; call types are: "
                    "retail, business");
  CHECK_THROWS_WITH(load(edited("queue business: 0.2", "queue: 0.2")),
                    "bank.yaml:24: IVR node 'menu' sends callers to 'queue' without a call type; write queue, a "
                    "space and a call type name, e.g. queue retail; call types are: retail, business");
  CHECK_THROWS_WITH(load(edited("hang_up: 0.05", "hangup: 0.05")),
                    "bank.yaml:21: IVR node 'welcome' has a branch to 'hangup', which is no IVR node (did you mean "
                    "'hang_up'?); a target is another node's name, self_served, hang_up, or queue and a call type "
                    "name (e.g. queue retail)");
  CHECK_THROWS_WITH(load(edited(kWelcome, "{menu: 0.5, menu: 0.5}")),
                    "bank.yaml:21: IVR node 'welcome' lists the target 'menu' twice (first on line 21); give each "
                    "target once with its whole probability");
}

TEST_CASE("branch probabilities are in 0 to 1 and sum to 1", "[scenario][ivr][errors]") {
  CHECK_THROWS_WITH(load(edited("hang_up: 0.05", "hang_up: 1.5")),
                    "bank.yaml:21: ivr.nodes[0].branches.hang_up must be between 0 and 1, got 1.5");
  CHECK_THROWS_WITH(load(edited("menu: 0.95", "menu: 0.9")),
                    "bank.yaml:21: IVR node 'welcome''s branch probabilities sum to 0.95, not 1; adjust them so that "
                    "they add up to 1");
  CHECK_THROWS_WITH(load(edited("menu: 0.95", "menu: most")),
                    "bank.yaml:21: ivr.nodes[0].branches.menu 'most' is not a number; expected a plain number "
                    "without a unit, e.g. 0.8");
  CHECK_THROWS_WITH(load(edited(kWelcome, "{}")),
                    "bank.yaml:21: ivr.nodes[0].branches is empty; it must be a mapping of targets to probabilities, "
                    "e.g. {menu: 0.5, queue retail: 0.4, hang_up: 0.1}");
  CHECK_THROWS_WITH(load(edited(kWelcome, "[menu, hang_up]")),
                    "bank.yaml:21: ivr.nodes[0].branches must be a mapping of targets to probabilities, e.g. {menu: "
                    "0.5, queue retail: 0.4, hang_up: 0.1}; got a list");
}

TEST_CASE("IVR node names are unique and not exit names", "[scenario][ivr][errors]") {
  CHECK_THROWS_WITH(load(edited("- name: balance", "- name: menu")),
                    "bank.yaml:25: IVR node name 'menu' is used twice (first on line 22); give each IVR node a unique "
                    "name");
  CHECK_THROWS_WITH(load(edited("- name: balance", "- name: hang_up")),
                    "bank.yaml:25: ivr.nodes[2].name 'hang_up' is reserved for an IVR exit (self_served, hang_up, "
                    "queue <call type>); give the node another name");
  CHECK_THROWS_WITH(load(edited("      branches: {self_served: 0.8, queue retail: 0.2}\n", "")),
                    "bank.yaml:25: IVR node 'balance' is missing 'branches' (where callers go next and with what "
                    "probability, e.g. {queue retail: 0.7, hang_up: 0.3})");
  CHECK_THROWS_WITH(load(edited("      duration: {distribution: exponential, mean: 40s}\n", "      duration:\n")),
                    "bank.yaml:26: ivr.nodes[2].duration is empty; give a distribution such as {distribution: "
                    "constant, value: 20s}, or remove the key if the node takes no time");
}

TEST_CASE("the IVR graph must lead every caller from the entry to an exit", "[scenario][ivr][errors]") {
  // A node nothing leads to: reported at its own line.
  CHECK_THROWS_WITH(load(kBase + "    - {name: orphan, branches: {hang_up: 1}}\n"),
                    "bank.yaml:28: IVR node 'orphan' cannot be reached from the entry node 'welcome'; connect it or "
                    "remove it");
  // Two nodes that only lead to each other.
  CHECK_THROWS_WITH(load(edited("{self_served: 0.8, queue retail: 0.2}", "{loop: 1}") +
                         "    - name: loop\n      duration: {distribution: constant, value: 5s}\n"
                         "      branches: {balance: 1}\n"),
                    "bank.yaml:25: IVR node 'balance' cannot reach any exit, so its callers would stay in the IVR for "
                    "ever; give it a path to self_served, hang_up or a queue");
  // A node that takes no time and may repeat itself.
  CHECK_THROWS_WITH(load(edited("      duration: {distribution: constant, value: 20s}\n", "")),
                    "bank.yaml:22: IVR node 'menu' is on a loop of nodes that take no time; give one of them a "
                    "duration");
}

TEST_CASE("a call type without arrivals needs the IVR to lead to it", "[scenario][ivr][errors]") {
  // Without an IVR every call type needs arrivals.
  const std::string no_ivr = kBase.substr(0, kBase.find("ivr:"));
  CHECK_THROWS_WITH(load(no_ivr),
                    "bank.yaml:6: call type 'retail' is missing 'arrivals' (how calls arrive, e.g. "
                    "arrivals: {rate: 1000/h})");
  // No branch to its queue, or only one with probability 0.
  const std::string loans = "  - name: loans\n    service: {distribution: exponential, mean: 5min}\nagent_groups:";
  const std::string with_loans =
      edited("[retail, business]", "[retail, business, loans]", edited("agent_groups:", loans));
  CHECK_THROWS_WITH(load(with_loans),
                    "bank.yaml:12: call type 'loans' has no arrivals and no IVR branch leads to 'queue loans', so no "
                    "call of it would ever arrive; give it arrivals, or send IVR callers to it with a branch 'queue "
                    "loans'");
  CHECK_THROWS_WITH(load(edited("queue retail: 0.2}", "queue retail: 0.2, queue loans: 0}", with_loans)),
                    "bank.yaml:12: call type 'loans' has no arrivals and no IVR branch leads to 'queue loans', so no "
                    "call of it would ever arrive; give it arrivals, or send IVR callers to it with a branch 'queue "
                    "loans'");
  CHECK(load(edited("queue retail: 0.2}", "queue retail: 0.1, queue loans: 0.1}", with_loans)).spec.ivr->exits.size() ==
        5);
}

TEST_CASE("the IVR mapping needs arrivals and nodes", "[scenario][ivr][errors]") {
  CHECK_THROWS_WITH(load(edited("  arrivals: {rate: 300/h}\n", "")),
                    "bank.yaml:17: 'ivr' is missing 'arrivals' (the calls entering the IVR, e.g. arrivals: {rate: "
                    "1000/h})");
  CHECK_THROWS_WITH(load(kBase.substr(0, kBase.find("  nodes:"))),
                    "bank.yaml:17: 'ivr' is missing 'nodes' (the IVR's menus, each with name, branches and optionally "
                    "duration; calls enter at the first)");
  CHECK_THROWS_WITH(load(edited("  arrivals: {rate: 300/h}", "  arrivals: {rate: 300/h}\n  menu: main")),
                    "bank.yaml:18: unknown key 'menu' in 'ivr'; valid keys are: arrivals, nodes");
}

TEST_CASE("forecast columns default to the owner and may be named", "[scenario][ivr]") {
  const std::string text =
      edited("  arrivals: {rate: 300/h}", "  arrivals: {forecast: vru.csv}",
             edited("    arrivals: {rate: 20/h}", "    arrivals: {forecast: vru.csv, column: NW}"));
  const ForecastFiles files(text, "interval_start,ivr,NW\n08:00,100,10\n12:00,200,20\n");
  const auto loaded = files.load();
  CHECK(loaded.spec.ivr->arrivals.rates() == std::vector<double>{100.0 / 14400, 200.0 / 14400});
  CHECK(loaded.spec.call_types[1].arrivals.rates() == std::vector<double>{10.0 / 14400, 20.0 / 14400});
}

TEST_CASE("forecast columns are checked where they are named", "[scenario][ivr][errors]") {
  const std::string ivr_forecast = edited("  arrivals: {rate: 300/h}", "  arrivals: {forecast: vru.csv}");
  {
    const ForecastFiles files(ivr_forecast, "interval_start,vru\n08:00,100\n12:00,200\n");
    CHECK_THROWS_WITH(files.load(), files.yaml + ":17: the forecast '" + files.csv +
                                        "' has no column 'ivr' (the column the IVR reads unless ivr.arrivals.column "
                                        "names another); its columns are: vru");
  }
  {
    const ForecastFiles files(edited("{forecast: vru.csv}", "{forecast: vru.csv, column: VRU}", ivr_forecast),
                              "interval_start,vru\n08:00,100\n12:00,200\n");
    CHECK_THROWS_WITH(files.load(),
                      files.yaml + ":17: the forecast '" + files.csv + "' has no column 'VRU'; its columns are: vru");
  }
  CHECK_THROWS_WITH(load(edited("{rate: 20/h}", "{rate: 20/h, column: NW}")),
                    "bank.yaml:10: call_types[1].arrivals.column applies to a forecast only (the forecast column to "
                    "read); remove it or give a forecast");
}
