// scenarios/library/bank-weekday-ivr.yaml: the bank weekday with its voice menu in front.
// Its IVR exits must be the shares of parameters.json (bank-weekday/, fitted by
// scenarios/fit/fit_anonymous_bank.py from the "Anonymous Bank" data of the Technion SEE
// lab), and a run must offer the agents what the IVR arrivals and queue shares imply.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "run/experiment.hpp"
#include "scenarios/loader.hpp"

#ifndef CALLSIM_SOURCE_DIR
#define CALLSIM_SOURCE_DIR "."  // run from the repository root when built by hand
#endif

namespace fs = std::filesystem;

namespace {

const fs::path kLibrary = fs::path(CALLSIM_SOURCE_DIR) / "scenarios" / "library";
const std::vector<std::string> kTypes{"retail", "english", "internet", "stock", "prospect", "callback"};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The number after `"key":` at or after `from` in `json` (the layout fit_anonymous_bank.py
/// writes: json.dumps with indent=1, one key per line).
double number_after(const std::string& json, const std::string& key, std::size_t from) {
  const std::string quoted = "\"" + key + "\":";
  const std::size_t at = json.find(quoted, from);
  INFO("key " << key);
  REQUIRE(at != std::string::npos);
  return std::stod(json.substr(at + quoted.size()));
}

/// Each type's share of all VRU entries that left the VRU for an agent (queued or answered
/// at once), from parameters.json: entries x (1 - share never reached) / all entries.
std::map<std::string, double> queue_shares_from_parameters() {
  const std::string json = slurp(kLibrary / "bank-weekday" / "parameters.json");
  REQUIRE_FALSE(json.empty());
  const std::size_t types_at = json.find("\"call_types\":");
  REQUIRE(types_at != std::string::npos);
  std::map<std::string, double> to_agents;
  double entries_all = 0;
  for (const auto& type : kTypes) {
    const std::size_t at = json.find("\"" + type + "\": {", types_at);
    INFO("type " << type);
    REQUIRE(at != std::string::npos);
    const double entries = number_after(json, "vru_entries_per_day", at);
    const double left = number_after(json, "share_never_reached_agent_or_queue", at);
    entries_all += entries;
    to_agents[type] = entries * (1 - left);
  }
  for (auto& [type, v] : to_agents) v /= entries_all;
  return to_agents;
}

double mean_of(const std::vector<callsim::analysis::KpiSummary>& summary, const std::string& kpi) {
  for (const auto& row : summary) {
    if (row.kpi == kpi) return row.mean;
  }
  FAIL("no KPI " << kpi);
  return 0;
}

}  // namespace

TEST_CASE("bank-weekday-ivr routes the VRU entries with the fitted shares", "[bank_ivr][scenarios]") {
  const auto loaded = callsim::scenarios::load_scenario((kLibrary / "bank-weekday-ivr.yaml").string());
  const auto& spec = loaded.spec;
  REQUIRE(spec.ivr.has_value());
  const auto& ivr = *spec.ivr;
  REQUIRE(ivr.nodes.size() == 1);
  CHECK(ivr.nodes[0].name == "identify");
  REQUIRE(ivr.nodes[0].duration.has_value());
  REQUIRE(spec.call_types.size() == kTypes.size());
  for (std::size_t k = 0; k < kTypes.size(); ++k) CHECK(spec.call_types[k].name == kTypes[k]);

  std::map<std::string, double> queue_p;  // by call type
  double hang_up = 0, sum = 0;
  for (const auto& branch : ivr.nodes[0].branches) {
    REQUIRE(branch.target >= ivr.nodes.size());  // straight to an exit
    const auto& exit = ivr.exits[branch.target - ivr.nodes.size()];
    sum += branch.probability;
    if (exit.outcome == callsim::models::IvrOutcome::QUEUE) {
      queue_p[spec.call_types[exit.call_type].name] += branch.probability;
    } else {
      CHECK(exit.outcome == callsim::models::IvrOutcome::HANG_UP);
      hang_up += branch.probability;
    }
  }
  CHECK(sum == Approx(1.0).margin(1e-12));
  REQUIRE(queue_p.size() == kTypes.size());
  CHECK(hang_up > 0);

  const auto expected = queue_shares_from_parameters();
  double expected_hang_up = 1;
  for (const auto& type : kTypes) {
    INFO("type " << type);
    CHECK(queue_p[type] == Approx(expected.at(type)).margin(1e-3));
    expected_hang_up -= expected.at(type);
  }
  CHECK(hang_up == Approx(expected_hang_up).margin(1e-3));
}

TEST_CASE("bank-weekday-ivr offers the agents the IVR volume times the queue share", "[bank_ivr][scenarios]") {
  const auto loaded = callsim::scenarios::load_scenario((kLibrary / "bank-weekday-ivr.yaml").string());
  const auto& spec = loaded.spec;
  REQUIRE(spec.ivr.has_value());

  double queue_share = 0;
  for (const auto& branch : spec.ivr->nodes[0].branches) {
    const auto& exit = spec.ivr->exits[branch.target - spec.ivr->nodes.size()];
    if (exit.outcome == callsim::models::IvrOutcome::QUEUE) queue_share += branch.probability;
  }
  const callsim::sim::Time from = spec.time.warmup;
  const callsim::sim::Time to = spec.time.warmup + spec.time.duration;
  const double entries = spec.ivr->arrivals.expected_events(from, to);
  CHECK(entries == Approx(1542.73).margin(0.5));  // the sum of bank-weekday/ivr_arrivals.csv
  const double expected_offered = entries * queue_share;

  callsim::run::ExperimentOptions options;
  options.seed = 2024;
  options.replications = 20;
  options.threads = 0;
  const auto run = callsim::run::run_in_process(spec, options);
  REQUIRE(run.replications.size() == 20);

  const double offered = mean_of(run.summary, "offered");
  INFO("offered per day " << offered << ", expected " << expected_offered);
  CHECK(std::abs(offered - expected_offered) <= 0.03 * expected_offered);
  CHECK(mean_of(run.summary, "ivr_hang_up") > 0);
  CHECK(mean_of(run.summary, "ivr_self_served") == 0);
  for (const auto& replication : run.replications) CHECK(replication.total.ivr_hang_up > 0);
}
