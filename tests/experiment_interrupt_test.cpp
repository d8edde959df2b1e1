// Interruption of run_experiment (ExperimentOptions::interrupt): what `callsim run` does on
// SIGINT/SIGTERM, without signals. The run keeps the finished prefix, exactly the
// replications an uninterrupted run gives, and slicing a replication to look at the flag
// changes nothing.

#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "run/experiment.hpp"
#include "scenarios/loader.hpp"

using namespace callsim;

namespace {

models::CenterSpec library(const std::string& name, const std::vector<std::string>& overrides = {}) {
  return scenarios::load_scenario(std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/" + name, overrides).spec;
}

bool same(const analysis::KpiTally& a, const analysis::KpiTally& b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool same(const analysis::ReplicationResult& a, const analysis::ReplicationResult& b) {
  if (!same(a.total, b.total) || a.calls_simulated != b.calls_simulated || a.intervals.size() != b.intervals.size() ||
      a.interval_types.size() != b.interval_types.size() || a.groups.size() != b.groups.size() ||
      a.interval_groups.size() != b.interval_groups.size())
    return false;
  for (std::size_t i = 0; i < a.intervals.size(); ++i)
    if (!same(a.intervals[i], b.intervals[i])) return false;
  for (std::size_t i = 0; i < a.interval_types.size(); ++i)
    if (!same(a.interval_types[i], b.interval_types[i])) return false;
  return std::memcmp(a.groups.data(), b.groups.data(), a.groups.size() * sizeof(analysis::GroupTally)) == 0 &&
         std::memcmp(a.interval_groups.data(), b.interval_groups.data(),
                     a.interval_groups.size() * sizeof(analysis::GroupTally)) == 0;
}

}  // namespace

TEST_CASE("interrupt: a replication run in slices gives the results of one run", "[experiment][interrupt]") {
  for (const char* name : {"bank-weekday.yaml", "bank-weekday-ivr.yaml", "multiskill-small.yaml"}) {
    INFO(name);
    const models::CenterSpec spec = library(name);
    run::ExperimentOptions options;
    options.seed = 11;
    options.replications = 3;
    options.threads = 2;
    const analysis::RunResult plain = run::run_in_process(spec, options);
    std::atomic<int> interrupt{0};
    options.interrupt = &interrupt;
    const analysis::RunResult sliced = run::run_in_process(spec, options);
    REQUIRE(sliced.replications.size() == 3);
    for (std::size_t r = 0; r < 3; ++r) CHECK(same(plain.replications[r], sliced.replications[r]));
  }
}

TEST_CASE("interrupt: stopped before the start nothing runs", "[experiment][interrupt]") {
  std::atomic<int> interrupt{1};
  run::ExperimentOptions options;
  options.replications = 5;
  options.threads = 2;
  options.interrupt = &interrupt;
  const analysis::RunResult run = run::run_in_process(library("bank-weekday.yaml"), options);
  CHECK(run.replications.empty());
  CHECK(run.name == "bank-weekday");
  REQUIRE_FALSE(run.summary.empty());
  CHECK(run.summary[0].n == 0);
}

TEST_CASE("interrupt: stopping keeps a prefix equal to the uninterrupted replications", "[experiment][interrupt]") {
  const models::CenterSpec spec = library("bank-weekday.yaml");
  for (int level : {1, 2}) {
    for (unsigned threads : {1u, 2u, 3u}) {
      INFO("level " << level << ", threads " << threads);
      std::atomic<int> interrupt{0};
      run::ExperimentOptions options;
      options.seed = 3;
      options.replications = 40;
      options.first_replication = 5;
      options.threads = threads;
      options.interrupt = &interrupt;
      std::size_t reported = 0;
      options.on_progress = [&](std::size_t done, std::uint64_t) {
        reported = done;
        if (done == 4) interrupt = level;
      };
      const analysis::RunResult run = run::run_in_process(spec, options);
      // Level 1 lets every started replication finish: at least the 4 done. Level 2 drops
      // those in flight, and with threads replication 0 may be one of them.
      if (level == 1) CHECK(run.replications.size() >= 4);
      CHECK(run.replications.size() < 40);
      CHECK(reported >= run.replications.size());
      options.interrupt = nullptr;
      options.on_progress = {};
      options.replications = run.replications.size();
      const analysis::RunResult reference = run::run_in_process(spec, options);
      for (std::size_t r = 0; r < run.replications.size(); ++r)
        CHECK(same(run.replications[r], reference.replications[r]));
      // With no replication kept (level 2 may drop replication 0) both means are undefined.
      const double a = run.summary[3].mean, b = reference.summary[3].mean;
      CHECK((a == b || (run.replications.empty() && std::isnan(a) && std::isnan(b))));
    }
  }
}

TEST_CASE("interrupt: with per-call rows the run ends where the delivered rows end", "[experiment][interrupt]") {
  const models::CenterSpec spec = library("bank-weekday.yaml");
  for (int level : {1, 2}) {
    INFO("level " << level);
    std::atomic<int> interrupt{0};
    run::ExperimentOptions options;
    options.replications = 30;
    options.threads = 3;
    options.interrupt = &interrupt;
    std::vector<std::size_t> delivered;
    std::uint64_t rows = 0;
    options.on_calls = [&](std::size_t r, std::vector<run::CallRecord>&& calls) {
      delivered.push_back(r);
      rows += calls.size();
      if (delivered.size() == 3) interrupt = level;
    };
    const analysis::RunResult run = run::run_in_process(spec, options);
    REQUIRE(run.replications.size() == delivered.size());
    std::uint64_t calls = 0;
    for (std::size_t r = 0; r < run.replications.size(); ++r) {
      CHECK(delivered[r] == r);
      calls += run.replications[r].calls_simulated;
    }
    CHECK(rows == calls);
    CHECK(run.replications.size() < 30);
  }
}
