// Regression fingerprints (OMNeT++'s habit): for each row of tests/data/fingerprints.txt,
// one replication of a shipped scenario is simulated and every tally it produced (each
// interval, each call type, each group) is hashed. Any change of behaviour, intended or
// not, changes a fingerprint and fails here; an intended one shows in review as a changed
// row. To accept a change: CALLSIM_UPDATE_FINGERPRINTS=1 build/tests/callsim_tests
// "[fingerprint]" rewrites the table, and the diff of the table goes into the commit.

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "run/experiment.hpp"
#include "scenarios/loader.hpp"

#ifndef CALLSIM_SOURCE_DIR
#define CALLSIM_SOURCE_DIR "."
#endif

namespace {

const std::string kTable = CALLSIM_SOURCE_DIR "/tests/data/fingerprints.txt";

/// One row: `scenario seed replication overrides fingerprint`; overrides are `-` or
/// `key=value` pairs joined by `;` (the horizon is one of them: time.duration=...).
struct Row {
  std::string scenario;
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  std::string overrides;
  std::string fingerprint;
};

std::vector<std::string> split_overrides(const std::string& text) {
  std::vector<std::string> out;
  if (text == "-") return out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ';');) out.push_back(item);
  return out;
}

/// FNV-1a over text: the same on every platform, no library needed.
struct Fnv {
  std::uint64_t h = 1469598103934665603ull;
  void add(const std::string& text) {
    for (const unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  }
};

/// Every tally field, printed to 12 significant digits: a change in the last bit of a sum
/// (a reordering of additions) does not count, a change of behaviour does.
void add_tally(Fnv& f, const callsim::analysis::KpiTally& t) {
  char buf[64];
  for (const double v : {double(t.offered),
                         double(t.answered),
                         double(t.abandoned),
                         double(t.balked),
                         double(t.blocked),
                         double(t.closed),
                         double(t.ivr_self_served),
                         double(t.ivr_hang_up),
                         double(t.retrials),
                         double(t.answered_within),
                         double(t.abandoned_within),
                         double(t.waited),
                         t.wait_answered,
                         t.wait_all,
                         t.busy_time,
                         t.staffed_time,
                         double(t.callbacks),
                         double(t.callbacks_made),
                         double(t.callbacks_made_within),
                         t.callback_delay,
                         t.talk_time,
                         t.handle_time}) {
    std::snprintf(buf, sizeof buf, "%.12g,", v);
    f.add(buf);
  }
}

std::string fingerprint(const callsim::analysis::ReplicationResult& r) {
  Fnv f;
  f.add(std::to_string(r.calls_simulated) + ";");
  add_tally(f, r.total);
  for (const auto& t : r.intervals) add_tally(f, t);
  for (const auto& t : r.interval_types) add_tally(f, t);
  char buf[64];
  for (const auto& g : r.groups) {
    std::snprintf(buf, sizeof buf, "%.12g,%.12g,%llu,%.12g;", g.staffed_time, g.busy_time,
                  static_cast<unsigned long long>(g.handled), g.handle_time);
    f.add(buf);
  }
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(f.h));
  return buf;
}

std::vector<Row> read_table(std::vector<std::string>& comments) {
  std::ifstream in(kTable);
  std::vector<Row> rows;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') {
      comments.push_back(line);
      continue;
    }
    std::istringstream fields(line);
    Row row;
    fields >> row.scenario >> row.seed >> row.replication >> row.overrides >> row.fingerprint;
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

TEST_CASE("fingerprints of the shipped scenarios are those of the table", "[fingerprint]") {
  std::vector<std::string> comments;
  std::vector<Row> rows = read_table(comments);
  REQUIRE(rows.size() >= 10);
  const bool update = std::getenv("CALLSIM_UPDATE_FINGERPRINTS") != nullptr;
  std::vector<std::string> changed;
  for (Row& row : rows) {
    const auto scenario = callsim::scenarios::load_scenario(
        CALLSIM_SOURCE_DIR "/scenarios/library/" + row.scenario + ".yaml", split_overrides(row.overrides));
    const auto result = callsim::run::simulate_replication(scenario.spec, row.seed, row.replication);
    const std::string now = fingerprint(result);
    if (now != row.fingerprint) {
      changed.push_back(row.scenario + " seed " + std::to_string(row.seed) + " replication " +
                        std::to_string(row.replication) + " " + row.overrides + ": " + row.fingerprint + " -> " + now +
                        " (offered " + std::to_string(result.total.offered) + ", answered " +
                        std::to_string(result.total.answered) + ")");
      row.fingerprint = now;
    }
  }
  if (update && !changed.empty()) {
    std::ofstream out(kTable);
    for (const auto& c : comments) out << c << "\n";
    for (const Row& r : rows)
      out << r.scenario << " " << r.seed << " " << r.replication << " " << r.overrides << " " << r.fingerprint << "\n";
  }
  std::string report = "changed rows (if intended, rerun with CALLSIM_UPDATE_FINGERPRINTS=1 and commit the table):";
  for (const auto& c : changed) report += "\n  " + c;
  INFO(report);
  CHECK(changed.empty());
}

TEST_CASE("a fingerprint sees a change of one call", "[fingerprint]") {
  const auto scenario =
      callsim::scenarios::load_scenario(CALLSIM_SOURCE_DIR "/scenarios/library/erlang-a.yaml", {"time.duration=2h"});
  auto result = callsim::run::simulate_replication(scenario.spec, 1, 0);
  const std::string before = fingerprint(result);
  CHECK(fingerprint(callsim::run::simulate_replication(scenario.spec, 1, 0)) == before);
  ++result.interval_types.back().abandoned;
  CHECK(fingerprint(result) != before);
  CHECK(fingerprint(callsim::run::simulate_replication(scenario.spec, 1, 1)) != before);
}
