// Paired comparison on common random numbers: exact zeros for identical variants, the
// variance reduction that makes it worth doing, the statistics on known values, and
// batches of replications that extend a run exactly.

#include "analysis/comparison.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "run/experiment.hpp"
#include "spec_builders.hpp"

using namespace callsim::analysis;
using namespace callsim::run;
using callsim::models::CenterSpec;
using callsim::sim::Time;
using test_specs::group;
using test_specs::type;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Two call types on two overlapping groups, about 95% loaded: who answers whom matters.
CenterSpec two_types(const std::string& policy, int extra_agents = 0) {
  CenterSpec spec;
  spec.name = policy;
  spec.time.duration = Time(8 * 3600);
  spec.time.interval = Time(3600);
  spec.call_types = {type("retail", 200, 240, 300), type("business", 100, 240, 480)};
  spec.call_types[1].priority = 1;
  spec.agent_groups = {group("generalists", {"retail", "business"}, 15 + extra_agents),
                       group("specialists", {"business"}, 6)};
  spec.routing.policy = policy;
  return spec;
}

RunResult run(const CenterSpec& spec, std::uint64_t seed, std::size_t replications, std::uint64_t first = 0) {
  ExperimentOptions options;
  options.seed = seed;
  options.replications = replications;
  options.first_replication = first;
  options.threads = 2;
  return run_in_process(spec, options);
}

/// A replication whose only interval is its total: offered, answered and occupancy as given
/// (staffed 0 makes occupancy NaN).
ReplicationResult replication(std::uint64_t offered, std::uint64_t answered, double busy, double staffed) {
  KpiTally t;
  t.offered = offered;
  t.answered = answered;
  t.abandoned = offered - answered;
  t.answered_within = answered;
  t.busy_time = busy;
  t.staffed_time = staffed;
  ReplicationResult r;
  r.total = t;
  r.intervals = {t};
  return r;
}

RunResult hand_run(const std::string& name, const std::vector<ReplicationResult>& reps) {
  RunResult r;
  r.name = name;
  r.interval_seconds = 1800;
  r.replications = reps;
  r.summary = summarize(reps);
  return r;
}

/// Student-t 95% half-width of values with mean `mean`, from the textbook formula; t is
/// t(0.975, 3), the only case used here.
double half_width_4(const std::vector<double>& d, double mean) {
  double ss = 0;
  for (double x : d) ss += (x - mean) * (x - mean);
  return 3.182446305284263 * std::sqrt(ss / 3) / 2;
}

void check_same_tally(const KpiTally& a, const KpiTally& b) {
  CHECK(a.offered == b.offered);
  CHECK(a.answered == b.answered);
  CHECK(a.abandoned == b.abandoned);
  CHECK(a.balked == b.balked);
  CHECK(a.answered_within == b.answered_within);
  CHECK(a.abandoned_within == b.abandoned_within);
  CHECK(a.waited == b.waited);
  CHECK(a.wait_answered == b.wait_answered);
  CHECK(a.wait_all == b.wait_all);
  CHECK(a.busy_time == b.busy_time);
  CHECK(a.staffed_time == b.staffed_time);
}

}  // namespace

TEST_CASE("comparison: identical variants differ by exactly 0 and nowhere significantly", "[comparison]") {
  const RunResult a = run(two_types("longest_idle_agent"), 5, 4);
  RunResult b = run(two_types("longest_idle_agent"), 5, 4);
  b.name = "same again";
  const Comparison c = compare_runs({a, b});
  CHECK(c.baseline == "longest_idle_agent");
  REQUIRE(c.variants.size() == 1);
  CHECK(c.variants[0].variant == "same again");
  CHECK(c.variants[0].baseline == "longest_idle_agent");
  REQUIRE(c.variants[0].day.size() == kpi_definitions().size());
  REQUIRE(c.variants[0].intervals.size() == 8 * kpi_definitions().size());
  for (const auto* rows : {&c.variants[0].day, &c.variants[0].intervals}) {
    for (std::size_t k = 0; k < rows->size(); ++k) {
      const PairedDifference& d = (*rows)[k];
      INFO("row " << k << " " << d.kpi);
      CHECK(d.kpi == kpi_definitions()[k % kpi_definitions().size()].name);
      CHECK_FALSE(d.significant);
      if (d.n >= 2) {
        CHECK(d.mean == 0);
        CHECK(d.std_dev == 0);
        CHECK(d.ci95 == 0);
      }
    }
  }
  CHECK(c.variants[0].day[kpi_index("service_level")].n == 4);
  CHECK(max_difference_half_width({a, b}, "service_level") == 0);
}

TEST_CASE("comparison: common random numbers narrow the CI of a difference at least 3-fold", "[comparison][crn]") {
  constexpr std::size_t kReps = 30;
  const RunResult base = run(two_types("longest_idle_agent"), 11, kReps);
  const RunResult paired = run(two_types("static_priority"), 11, kReps);
  const RunResult independent = run(two_types("static_priority"), 12, kReps);
  const std::size_t sl = kpi_index("service_level");
  const PairedDifference d = compare_runs({base, paired}).variants.at(0).day.at(sl);
  REQUIRE(d.n == kReps);
  // Two independent runs: the CI of the difference of their means combines both CIs
  // (equal n, so the same t quantile as each of them uses).
  const double unpaired = std::hypot(base.summary[sl].ci95, independent.summary[sl].ci95);
  INFO("paired half-width " << d.ci95 << ", independent " << unpaired << ", ratio " << unpaired / d.ci95);
  CHECK(d.ci95 > 0);
  CHECK(unpaired >= 3 * d.ci95);
  // The same holds for one more agent under the same policy, a staffing question.
  const RunResult more = run(two_types("longest_idle_agent", 1), 11, kReps);
  const RunResult more_independent = run(two_types("longest_idle_agent", 1), 12, kReps);
  const PairedDifference staffing = compare_runs({base, more}).variants.at(0).day.at(sl);
  const double staffing_unpaired = std::hypot(base.summary[sl].ci95, more_independent.summary[sl].ci95);
  INFO("one more agent: paired " << staffing.ci95 << ", independent " << staffing_unpaired);
  CHECK(staffing_unpaired >= 3 * staffing.ci95);
  CHECK(staffing.mean > 0);
  CHECK(staffing.significant);
}

TEST_CASE("comparison: without undefined replications the paired mean is the difference of the means", "[comparison]") {
  const RunResult a = run(two_types("longest_idle_agent"), 7, 6);
  const RunResult b = run(two_types("static_priority"), 7, 6);
  const Comparison c = compare_runs({a, b});
  for (std::size_t k = 0; k < kpi_definitions().size(); ++k) {
    const PairedDifference& d = c.variants[0].day[k];
    INFO(d.kpi);
    if (a.summary[k].n != 6 || b.summary[k].n != 6) continue;
    CHECK(d.n == 6);
    CHECK(d.mean == Approx(b.summary[k].mean - a.summary[k].mean).margin(1e-12).epsilon(1e-12));
  }
}

TEST_CASE("comparison: mean, CI and significance on known values", "[comparison]") {
  // offered differs by 3, 2, 3, 4; answered by 2, -2, 2, -1; occupancy is undefined in the
  // variant's replication 2 (nobody staffed), so only three pairs count there.
  const RunResult a = hand_run("A", {replication(100, 50, 10, 100), replication(102, 60, 20, 100),
                                     replication(98, 55, 30, 100), replication(101, 52, 40, 100)});
  const RunResult b = hand_run("B", {replication(103, 52, 11, 100), replication(104, 58, 21, 100),
                                     replication(101, 57, 0, 0), replication(105, 51, 45, 100)});
  const Comparison c = compare_runs({a, b});
  const auto& day = c.variants.at(0).day;

  const PairedDifference& offered = day[kpi_index("offered")];
  CHECK(offered.n == 4);
  CHECK(offered.mean == Approx(3));
  CHECK(offered.std_dev == Approx(std::sqrt(2.0 / 3)));
  CHECK(offered.ci95 == Approx(half_width_4({3, 2, 3, 4}, 3)));
  CHECK(offered.significant);

  const PairedDifference& answered = day[kpi_index("answered")];
  CHECK(answered.mean == Approx(0.25));
  CHECK(answered.ci95 == Approx(half_width_4({2, -2, 2, -1}, 0.25)));
  CHECK_FALSE(answered.significant);

  const PairedDifference& occupancy = day[kpi_index("occupancy")];
  CHECK(occupancy.n == 3);
  CHECK(occupancy.mean == Approx((0.01 + 0.01 + 0.05) / 3));

  // The single interval of each replication is its total: the same figures.
  const std::size_t s = kpi_definitions().size();
  REQUIRE(c.variants[0].intervals.size() == s);
  CHECK(c.variants[0].intervals[kpi_index("offered")].ci95 == offered.ci95);

  // One replication where the KPI is defined in both: a mean but no CI, not significant.
  const PairedDifference one = paired_difference("x", {5, kNaN}, {1, 2});
  CHECK(one.n == 1);
  CHECK(one.mean == 4);
  CHECK(std::isnan(one.ci95));
  CHECK_FALSE(one.significant);
  // A constant non-zero difference: no spread, certainly not 0.
  const PairedDifference constant = paired_difference("x", {5, 6, 7}, {4, 5, 6});
  CHECK(constant.ci95 == 0);
  CHECK(constant.significant);

  CHECK(max_difference_half_width({a, b}, "offered") == Approx(offered.ci95));
  CHECK(max_difference_half_width({a}, "offered") == Approx(a.summary[kpi_index("offered")].ci95));
  RunResult c2 = b;
  c2.name = "C";
  for (auto& r : c2.replications) r.total.offered += 7 * (&r - c2.replications.data()) % 3;
  CHECK(max_difference_half_width({a, b, c2}, "offered") ==
        std::max(offered.ci95, compare_runs({a, c2}).variants[0].day[kpi_index("offered")].ci95));
}

TEST_CASE("comparison: runs that cannot be paired are refused", "[comparison]") {
  const RunResult a = hand_run("A", {replication(100, 50, 10, 100), replication(102, 60, 20, 100)});
  const RunResult shorter = hand_run("B", {replication(100, 50, 10, 100)});
  CHECK_THROWS_WITH(compare_runs({a, shorter}), "compare_runs: run 'B' has 1 replications but the baseline 'A' has 2");
  RunResult more_intervals = a;
  more_intervals.name = "C";
  for (auto& r : more_intervals.replications) r.intervals.push_back(r.intervals[0]);
  CHECK_THROWS_WITH(compare_runs({a, more_intervals}),
                    "compare_runs: run 'C' has 2 intervals but the baseline 'A' has 1");
  RunResult other_length = a;
  other_length.name = "D";
  other_length.interval_seconds = 900;
  CHECK_THROWS_AS(compare_runs({a, other_length}), std::invalid_argument);
  CHECK_THROWS_AS(compare_runs({}), std::invalid_argument);
  CHECK_THROWS_WITH(max_difference_half_width({a}, "sl"), "max_difference_half_width: unknown KPI 'sl'");
}

TEST_CASE("comparison: 10 then 10 more replications equal 20 in one run", "[comparison][experiment]") {
  const CenterSpec spec = two_types("longest_idle_agent");
  const RunResult whole = run(spec, 21, 20);
  RunResult batched = run(spec, 21, 10);
  std::vector<std::size_t> numbers;
  bool rows_numbered = true;
  ExperimentOptions options;
  options.seed = 21;
  options.replications = 10;
  options.first_replication = 10;
  options.threads = 2;
  options.on_calls = [&](std::size_t r, std::vector<CallRecord>&& calls) {
    numbers.push_back(r);
    for (const CallRecord& c : calls) rows_numbered = rows_numbered && c.replication == r;
  };
  extend_run(batched, run_in_process(spec, options));
  CHECK(numbers == std::vector<std::size_t>{10, 11, 12, 13, 14, 15, 16, 17, 18, 19});
  CHECK(rows_numbered);
  REQUIRE(batched.replications.size() == 20);
  for (std::size_t r = 0; r < 20; ++r) {
    INFO("replication " << r);
    const ReplicationResult& x = whole.replications[r];
    const ReplicationResult& y = batched.replications[r];
    CHECK(x.calls_simulated == y.calls_simulated);
    check_same_tally(x.total, y.total);
    REQUIRE(x.intervals.size() == y.intervals.size());
    for (std::size_t i = 0; i < x.intervals.size(); ++i) check_same_tally(x.intervals[i], y.intervals[i]);
    REQUIRE(x.interval_types.size() == y.interval_types.size());
    for (std::size_t i = 0; i < x.interval_types.size(); ++i)
      check_same_tally(x.interval_types[i], y.interval_types[i]);
    REQUIRE(x.groups.size() == y.groups.size());
    for (std::size_t g = 0; g < x.groups.size(); ++g) {
      CHECK(x.groups[g].busy_time == y.groups[g].busy_time);
      CHECK(x.groups[g].staffed_time == y.groups[g].staffed_time);
      CHECK(x.groups[g].handled == y.groups[g].handled);
      CHECK(x.groups[g].handle_time == y.groups[g].handle_time);
    }
  }
  REQUIRE(whole.summary.size() == batched.summary.size());
  for (std::size_t k = 0; k < whole.summary.size(); ++k) {
    INFO(whole.summary[k].kpi);
    // Equal, or both undefined (a KPI no replication defines, such as callback_delay here).
    const auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
    CHECK(same(whole.summary[k].mean, batched.summary[k].mean));
    CHECK(same(whole.summary[k].ci95, batched.summary[k].ci95));
    CHECK(whole.summary[k].n == batched.summary[k].n);
  }
  RunResult other = run(two_types("static_priority"), 21, 2);
  CHECK_THROWS_AS(extend_run(batched, std::move(other)), std::invalid_argument);
}
