// The run-size estimate (app/run_size.hpp) and the verdict the command line draws from
// it (app/run_size_check.hpp): figures checked against hand computations, verdicts against
// made-up machines.

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "analysis/kpi.hpp"
#include "analysis/run_result.hpp"
#include "app/run_size.hpp"
#include "app/run_size_check.hpp"
#include "run/call_records.hpp"
#include "spec_builders.hpp"

using callsim::app::estimate_run_size;
using callsim::app::judge_run_size;
using callsim::app::MachineRoom;
using callsim::app::RunSize;
using callsim::app::RunSizeOptions;
using callsim::sim::Time;

namespace {

/// A center with `types` call types of `per_hour` calls each, counted for `hours` after a
/// one-hour warm-up, in intervals of `interval` seconds.
callsim::models::CenterSpec center(double hours, double interval, int types, double per_hour) {
  callsim::models::CenterSpec spec;
  spec.name = "c";
  spec.time.warmup = Time(3600);
  spec.time.duration = Time(hours * 3600);
  spec.time.interval = Time(interval);
  std::vector<std::string> skills;
  for (int k = 0; k < types; ++k) {
    spec.call_types.push_back(test_specs::type("t" + std::to_string(k), per_hour, 180));
    skills.push_back("t" + std::to_string(k));
  }
  spec.agent_groups.push_back(test_specs::group("g", skills, 10));
  return spec;
}

constexpr double kTally = sizeof(callsim::analysis::KpiTally);

}  // namespace

TEST_CASE("run size: calls integrate the arrival rates over warm-up and duration, traces count their times",
          "[run_size]") {
  auto spec = center(10, 1800, 2, 100);  // 11 h of arrivals at 2 x 100/h
  RunSizeOptions options;
  options.replications = 4;
  RunSize size = estimate_run_size({&spec}, options);
  CHECK(size.calls_per_replication == Approx(2200));
  CHECK(size.calls == Approx(8800));
  CHECK(size.events == Approx(8800 * callsim::app::kEventsPerCall));
  CHECK(size.intervals == 20);
  CHECK(size.call_types == 2);
  CHECK(size.tallies_per_replication == 60);

  // A trace replaces its type's rate; times at or after the end are never simulated.
  spec.call_types[0].trace = {Time(0), Time(100), Time(11 * 3600 - 1), Time(11 * 3600), Time(1e9)};
  size = estimate_run_size({&spec}, options);
  CHECK(size.calls_per_replication == Approx(3 + 1100));

  // The IVR's arrivals come on top of the types' own.
  callsim::models::IvrSpec ivr;
  ivr.arrivals = callsim::sim::PiecewiseRate::constant(360.0 / 3600);
  ivr.nodes.resize(2);
  spec.ivr = ivr;
  size = estimate_run_size({&spec}, options);
  CHECK(size.calls_per_replication == Approx(3 + 1100 + 11 * 360));
}

TEST_CASE("run size: ten years in one-minute intervals keep gigabytes of tallies per replication", "[run_size]") {
  // The example: 10 years of 1-minute intervals, four call types.
  const auto spec = center(24 * 365 * 10, 60, 4, 10);
  RunSizeOptions options;
  options.replications = 1;
  const RunSize size = estimate_run_size({&spec}, options);
  CHECK(size.intervals == 5'256'000);
  CHECK(size.tally_bytes == Approx(5'256'000.0 * 5 * kTally));
  CHECK(size.tally_bytes > 4.6e9);
  // Kept, in flight and being written: more than the tallies alone, never less.
  CHECK(size.memory_bytes > size.tally_bytes);
  CHECK(size.memory_bytes < 4 * size.tally_bytes);
  // The file holds the same tables, a row a little larger than a tally.
  CHECK(size.file_bytes > 5'256'000.0 * 5 * 200);
}

TEST_CASE("run size: memory and file grow with replications, --calls and a comparison", "[run_size]") {
  const auto spec = center(100, 60, 1, 1000);
  RunSizeOptions options;
  options.replications = 10;
  options.threads = 2;
  const RunSize ten = estimate_run_size({&spec}, options);
  options.replications = 20;
  const RunSize twenty = estimate_run_size({&spec}, options);
  CHECK(twenty.tally_bytes == Approx(2 * ten.tally_bytes));
  CHECK(twenty.file_bytes == Approx(2 * ten.file_bytes).epsilon(0.01));
  CHECK(twenty.memory_bytes > ten.memory_bytes);

  options.record_calls = true;
  const RunSize calls = estimate_run_size({&spec}, options);
  // About 33 bytes a call in the file; rows of 2 x threads + 1 replications in memory.
  CHECK(calls.file_bytes - twenty.file_bytes == Approx(twenty.calls * callsim::app::kCallRowFileBytes));
  CHECK(calls.memory_bytes - twenty.memory_bytes ==
        Approx(5 * twenty.calls_per_replication * sizeof(callsim::run::CallRecord)));

  options.record_calls = false;
  options.comparison = true;
  const RunSize pair = estimate_run_size({&spec, &spec}, options);
  CHECK(pair.variants == 2);
  CHECK(pair.calls == Approx(2 * twenty.calls));
  // Both runs, copied into the file's contents: four times one run's tallies.
  CHECK(pair.tally_bytes == Approx(4 * twenty.tally_bytes));
  CHECK(pair.file_bytes > 2 * twenty.file_bytes);  // and /comparison
}

TEST_CASE("run size: absurd horizons give huge figures, never a wrapped or negative one", "[run_size]") {
  const auto spec = center(1e300, 1800, 1, 1e300);
  RunSizeOptions options;
  options.replications = 100'000'000;
  const RunSize size = estimate_run_size({&spec}, options);
  CHECK(size.intervals > 1e290);
  CHECK(size.memory_bytes > 1e290);
  CHECK_FALSE(size.memory_bytes < 0);
  const auto verdict = judge_run_size(size, MachineRoom{8e9, 1e12}, "x.h5", options.replications);
  CHECK(verdict.refusal.rfind("each replication would simulate about ", 0) == 0);
  CHECK(verdict.refusal.find("more than the 2^53 (9.0e15) a replication can count exactly") != std::string::npos);
}

TEST_CASE("run size verdict: refused beyond the machine, warned beyond half of it", "[run_size]") {
  RunSize size;
  size.calls = 1e6;
  size.calls_per_replication = 1e5;
  size.intervals = 5'256'000;
  size.call_types = 4;
  size.variants = 1;
  size.tallies_per_replication = 5'256'000.0 * 5;
  size.tally_bytes = 4.6e9;
  size.memory_bytes = 5.2e9;
  size.file_bytes = 3e9;

  auto v = judge_run_size(size, MachineRoom{2.1e9, 1e12}, "out.h5", 1);
  CHECK(v.refusal ==
        "this run would need about 5.2 GB of memory (the interval tallies of 1 replication x 5,256,000 intervals x "
        "(1 + 4 call types) alone take 4.6 GB), but the machine has 2.1 GB available; use a longer interval, a "
        "shorter duration or fewer replications");

  v = judge_run_size(size, MachineRoom{64e9, 2.5e9}, "out/r.h5", 1);
  CHECK(v.refusal ==
        "the results file 'out/r.h5' would take about 3.0 GB, but its file system has 2.5 GB free; free some space, "
        "write it elsewhere (--out) or simulate less (fewer replications, a longer interval, no --calls)");

  v = judge_run_size(size, MachineRoom{8e9, 5e9}, "out.h5", 1);
  CHECK(v.refusal.empty());
  REQUIRE(v.warnings.size() == 2);
  CHECK(v.warnings[0].rfind("this run needs about 5.2 GB of memory (", 0) == 0);
  CHECK(v.warnings[0].find("), more than half of the 8.0 GB available") != std::string::npos);
  CHECK(v.warnings[1] ==
        "the results file 'out.h5' will take about 3.0 GB, more than half of the 5.0 GB free on its file system");

  v = judge_run_size(size, MachineRoom{64e9, 1e12}, "out.h5", 1);
  CHECK(v.refusal.empty());
  CHECK(v.warnings.empty());
  // Unknown room: nothing to compare with, nothing refused.
  CHECK(judge_run_size(size, MachineRoom{}, "out.h5", 1).refusal.empty());

  size.calls = 3.2e10;
  size.calls_per_replication = 1.6e9;
  v = judge_run_size(size, MachineRoom{64e9, 1e12}, "out.h5", 20);
  REQUIRE(v.warnings.size() == 1);
  // 3.2e10 calls on one thread: 3.2e10 / 5e6 = 6400 s = 1.8 h, 3.2e10 / 1e6 s = 8.9 h.
  CHECK(v.warnings[0] ==
        "this run simulates about 32,000,000,000 calls (1,600,000,000 per replication); at 1 to 5 million calls per "
        "second per thread, on 1 thread that takes 1.8 h to 8.9 h");
  size.running = 20;  // 320 s and 1600 s
  v = judge_run_size(size, MachineRoom{64e9, 1e12}, "out.h5", 20);
  REQUIRE(v.warnings.size() == 1);
  CHECK(v.warnings[0].substr(v.warnings[0].find("; at")) ==
        "; at 1 to 5 million calls per second per thread, on 20 threads that takes 5.3 min to 27 min");
  size.running = 0;

  size.variants = 3;
  v = judge_run_size(size, MachineRoom{1e9, 1e12}, "out.h5", 20);
  CHECK(v.refusal.find("(the interval tallies of 3 variants x 20 replications x ") != std::string::npos);
}

TEST_CASE("run size: calls in the system by Little's law, a queue without patience that grows for ever", "[run_size]") {
  RunSizeOptions options;
  options.replications = 10;
  options.threads = 2;
  // Erlang A: 1000/h, 180 s service, 300 s patience: 1000/3600 x 480 s in the system at most.
  auto spec = center(10, 1800, 1, 1000);
  spec.call_types[0].patience = test_specs::exponential(300);
  RunSize size = estimate_run_size({&spec}, options);
  CHECK(size.calls_in_system == Approx(1000.0 / 3600 * 480));
  CHECK(size.running == 2);
  CHECK(size.system_bytes == Approx(2 * size.calls_in_system * callsim::app::kBytesPerCallInSystem));
  // Stable without patience (50 Erlangs on 10 agents is not: take 5 Erlangs).
  spec = center(10, 1800, 1, 100);  // 100/h x 180 s = 5 Erlangs, 10 agents
  size = estimate_run_size({&spec}, options);
  CHECK(size.calls_in_system == Approx(10 * 5 + 10));
  // Overloaded without patience: the excess over the agents' 200/h piles up for 11 h.
  spec = center(10, 1800, 1, 1000);
  size = estimate_run_size({&spec}, options);
  CHECK(size.calls_in_system == Approx((1000.0 - 200) / 3600 * 11 * 3600 + 10));
  // Never more than the calls of a replication.
  spec.agent_groups[0].count = 0;
  size = estimate_run_size({&spec}, options);
  CHECK(size.calls_in_system == Approx(size.calls_per_replication));

  // A queue that outgrows memory is named as the reason, with its own advice: 1e8/h
  // against 200/h served piles up 27,777.7 calls a second for 201 h.
  spec = center(200, 1800, 1, 1e8);
  size = estimate_run_size({&spec}, options);
  auto v = judge_run_size(size, MachineRoom{24e9, 1e15}, "x.h5", 10);
  INFO(v.refusal);
  CHECK(v.refusal.rfind("this run would need about ", 0) == 0);
  CHECK(v.refusal.find(
            " of memory (up to 20,099,959,810 calls in the system at once in each of the 2 "
            "replications running at a time take 12 TB), but the machine has 24 GB available; check the arrival rates, "
            "the staffing and the patience, or use fewer threads (-j)") != std::string::npos);
  options.threads = 1;
  size = estimate_run_size({&spec}, options);
  v = judge_run_size(size, MachineRoom{24e9, 1e15}, "x.h5", 10);
  CHECK(v.refusal.find("(up to 20,099,959,810 calls in the system at once take 6.0 TB), but the machine has 24 GB "
                       "available; check the arrival rates, the staffing and the patience") != std::string::npos);
}

TEST_CASE("run size: figures are printed in decimal units and grouped digits", "[run_size]") {
  using callsim::app::bytes_text;
  using callsim::app::count_text;
  CHECK(bytes_text(17) == "17 bytes");
  CHECK(bytes_text(812e3) == "812 kB");
  CHECK(bytes_text(4.63e9) == "4.6 GB");
  CHECK(bytes_text(46.3e9) == "46 GB");
  CHECK(bytes_text(999.7e6) == "1.0 GB");
  CHECK(bytes_text(2e15) == "2.0 PB");
  CHECK(bytes_text(1.2e300) == "1.2e+300 bytes");
  CHECK(bytes_text(std::numeric_limits<double>::infinity()) == "inf bytes");
  CHECK(count_text(5'256'000) == "5,256,000");
  CHECK(count_text(999) == "999");
  CHECK(count_text(1000) == "1,000");
  CHECK(count_text(2199.6) == "2,200");
  CHECK(count_text(1e300) == "1e+300");
}
