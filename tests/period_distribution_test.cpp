// Talk time, patience and after-call work that change by period of the day (issue 14,
// item 5): the lookup, the loader, and the simulation against exact references. A call
// draws from the period it arrives in, so in a center without waits (M/G/inf) the AHT of
// the calls arriving in a period is that period's mean, and in steady state far from a
// period's edges an M/M/c+M center reproduces Erlang A with that period's patience.
// Tolerances are the simulation's own confidence intervals (Student-t over replications,
// 99%: several such checks run on one fixed seed, not chosen to pass), and each check also
// requires a half-width small enough that ignoring the periods would fail it.

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "analysis/erlang.hpp"
#include "analysis/erlang_reference.hpp"
#include "analysis/kpi.hpp"
#include "models/period_distribution.hpp"
#include "replication_estimate.hpp"
#include "run/experiment.hpp"
#include "run/record_inputs.hpp"
#include "scenarios/loader.hpp"

using callsim::analysis::KpiTally;
using callsim::models::PeriodDistribution;
using callsim::scenarios::load_scenario_text;
using callsim::scenarios::ScenarioError;
using callsim::sim::Time;

namespace {

callsim::sim::Distribution exponential(double mean) {
  callsim::sim::DistributionParams params;
  params.scalars["mean"] = mean;
  return callsim::sim::make_distribution("exponential", params);
}

std::string error_of(const std::string& text) {
  try {
    load_scenario_text(text, "center.yaml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

// One type, one group; `extra` is added to the call type (from line 10 on, without `patience`).
std::string center(const std::string& extra, const std::string& agents = "200", const std::string& hours = "8h",
                   const std::string& patience = "") {
  return "name: periods\n"
         "time:\n"
         "  start: 08:00\n"
         "  duration: " +
         hours +
         "\n"
         "  interval: 30min\n"
         "call_types:\n"
         "  - name: general\n"
         "    arrivals: {rate: 1000/h}\n"
         "    service: {distribution: exponential, mean: 180s}\n" +
         patience + extra +
         "agent_groups:\n"
         "  - {name: agents, skills: [general], count: " +
         agents + "}\n";
}

callsim::analysis::RunResult simulate(const std::string& text, std::size_t replications, std::size_t threads = 2) {
  const auto loaded = load_scenario_text(text, "center.yaml");
  callsim::run::ExperimentOptions options;
  options.seed = 1;
  options.replications = replications;
  options.threads = threads;
  return callsim::run::run_in_process(loaded.spec, options);
}

// Per replication, the tally of the calls arriving in intervals [first, last).
std::vector<KpiTally> over_intervals(const callsim::analysis::RunResult& run, std::size_t first, std::size_t last) {
  std::vector<KpiTally> out;
  for (const auto& r : run.replications) {
    KpiTally sum;
    for (std::size_t i = first; i < last; ++i) sum += r.intervals.at(i);
    out.push_back(sum);
  }
  return out;
}

using test_estimates::check_near;
using test_estimates::estimate;

// Every KPI of two tallies equal, bit for bit (NaN, "not defined", equal to NaN).
bool same_kpis(const KpiTally& a, const KpiTally& b) {
  const auto x = callsim::analysis::compute_kpis(a), y = callsim::analysis::compute_kpis(b);
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!(x[i] == y[i] || (std::isnan(x[i]) && std::isnan(y[i])))) return false;
  }
  return x.size() == y.size();
}

double aht(const KpiTally& t) { return t.handle_time / static_cast<double>(t.answered); }
double abandon_rate(const KpiTally& t) { return static_cast<double>(t.abandoned) / static_cast<double>(t.offered); }

}  // namespace

TEST_CASE("periods: a call draws from the period holding its arrival, else from the base", "[periods][distribution]") {
  const auto base = exponential(100);
  const std::vector<PeriodDistribution> periods{
      {Time(10), Time(20), exponential(1)}, {Time(20), Time(30), exponential(2)}, {Time(40), Time(50), exponential(3)}};
  const auto mean_at = [&](double t) {
    const auto* d = callsim::models::distribution_at(periods, Time(t), &base);
    return d->mean();
  };
  CHECK(mean_at(0) == 100);
  CHECK(mean_at(10) == 1);  // a period includes its start
  CHECK(mean_at(19.999) == 1);
  CHECK(mean_at(20) == 2);  // and not its end: touching periods hand over
  CHECK(mean_at(30) == 100);
  CHECK(mean_at(45) == 3);
  CHECK(mean_at(50) == 100);
  CHECK(callsim::models::distribution_at(periods, Time(35), nullptr) == nullptr);
  CHECK(callsim::models::distribution_at({}, Time(35), &base) == &base);
}

TEST_CASE("periods: day means are weighted by the expected arrivals", "[periods][distribution]") {
  const auto base = exponential(100);
  const std::vector<PeriodDistribution> periods{{Time(3600), Time(7200), exponential(400)}};
  // Rate 2/s in the first hour, 1/s in the second: 7200 calls at 100 s, 3600 at 400 s.
  const auto rate = callsim::sim::PiecewiseRate({2.0, 1.0}, Time(0), Time(3600));
  const double exact = (7200 * 100.0 + 3600 * 400.0) / (7200 + 3600);
  CHECK(callsim::models::arrival_weighted_mean(periods, &base, 0, rate, Time(0), Time(7200)) == Approx(exact));
  // No calls expected: weighted by time instead.
  const auto none = callsim::sim::PiecewiseRate::constant(0);
  CHECK(callsim::models::arrival_weighted_mean(periods, &base, 0, none, Time(0), Time(7200)) == Approx(250));
  // Where nothing is drawn (no patience outside the periods), the `none` value counts.
  CHECK(callsim::models::arrival_weighted_mean(periods, nullptr, 0, rate, Time(0), Time(7200)) ==
        Approx(3600 * 400.0 / 10800));
}

TEST_CASE("periods: the loader places periods on the clock of time.start", "[periods][scenario]") {
  const auto spec =
      load_scenario_text(center("    service_by_period:\n"
                                "      - {from: 06:00, to: 07:00, distribution: exponential, mean: 1s}\n"
                                "      - {from: 07:00, to: 10:00, distribution: exponential, mean: 2s}\n"
                                "      - {from: 10:00, to: 12:00, distribution: gamma, mean: 3s, cv: 2}\n"
                                "    patience_by_period:\n"
                                "      - {from: 12:00, to: 13:00, distribution: exponential, mean: 60s}\n"),
                         "center.yaml")
          .spec;
  const auto& type = spec.call_types.at(0);
  // 06:00-07:00 ended before the start (08:00): dropped; 07:00-10:00 counts from time 0.
  REQUIRE(type.service_by_period.size() == 2);
  CHECK(type.service_by_period[0].from == Time(0));
  CHECK(type.service_by_period[0].to == Time(2 * 3600));
  CHECK(type.service_by_period[0].distribution.mean() == Approx(2));
  CHECK(type.service_by_period[1].from == Time(2 * 3600));
  CHECK(type.service_by_period[1].to == Time(4 * 3600));
  CHECK(type.service_by_period[1].distribution.name() == "gamma");
  REQUIRE(type.patience_by_period.size() == 1);
  CHECK(type.patience_by_period[0].from == Time(4 * 3600));
  CHECK(!type.patience.has_value());  // outside the period: never abandons
  CHECK(type.wrap_up_by_period.empty());
}

TEST_CASE("periods: bad periods are refused with the line and the fix", "[periods][scenario]") {
  const auto periods = [](const std::string& items) { return center("    service_by_period:\n" + items); };
  // The call type's `service_by_period` starts on line 10; its first item is line 11.
  CHECK_THAT(error_of(periods("      - {from: 09:00, to: 11:00, distribution: exponential, mean: 1s}\n"
                              "      - {from: 10:00, to: 12:00, distribution: exponential, mean: 1s}\n")),
             Catch::Contains("center.yaml:12") && Catch::Contains("before call_types[0].service_by_period[0] ends") &&
                 Catch::Contains("without overlap"));
  CHECK_THAT(error_of(periods("      - {from: 11:00, to: 09:00, distribution: exponential, mean: 1s}\n")),
             Catch::Contains("center.yaml:11") && Catch::Contains("not after it starts") &&
                 Catch::Contains("give a 'to' after 'from'"));
  CHECK_THAT(error_of(periods("      - {from: 09:00, distribution: exponential, mean: 1s}\n")),
             Catch::Contains("center.yaml:11") && Catch::Contains("missing 'to'"));
  CHECK_THAT(error_of(periods("      - {from: 09:00, to: 10:00, distribution: exponential, mena: 1s}\n")),
             Catch::Contains("unknown key 'mena'") && Catch::Contains("from, mean, to"));
  CHECK_THAT(error_of(periods("      - {from: 09:00, to: 10:00, distribution: exponential, mean: -1s}\n")),
             Catch::Contains("center.yaml:11") && Catch::Contains("service_by_period[0].mean"));
  CHECK_THAT(error_of(periods("      - 5min\n")),
             Catch::Contains("center.yaml:11") && Catch::Contains("must be a period with its distribution"));
  CHECK_THAT(error_of(center("    service_by_period: {from: 09:00}\n")),
             Catch::Contains("center.yaml:10") && Catch::Contains("a list of periods"));
}

TEST_CASE("periods: a period over the whole day gives the results of the base distribution", "[periods][simulation]") {
  const std::string patience = "    patience: {distribution: exponential, mean: 300s}\n";
  const auto base = simulate(center("", "55", "8h", patience), 4);
  const auto same = simulate(center("    service_by_period:\n"
                                    "      - {from: 00:00, to: 24:00, distribution: exponential, mean: 180s}\n"
                                    "    patience_by_period:\n"
                                    "      - {from: 08:00, to: 16:00, distribution: exponential, mean: 300s}\n",
                                    "55", "8h", patience),
                             4);
  REQUIRE(base.replications.size() == same.replications.size());
  for (std::size_t r = 0; r < base.replications.size(); ++r) {
    for (std::size_t i = 0; i < base.replications[r].intervals.size(); ++i) {
      INFO("replication " << r << ", interval " << i);
      CHECK(same_kpis(base.replications[r].intervals[i], same.replications[r].intervals[i]));
    }
  }
}

TEST_CASE("periods: each period's calls have its mean handle time (M/G/inf)", "[periods][simulation]") {
  // 200 agents for at most 1000/h x 7 min = 117 Erlangs: nobody waits, nothing interacts.
  // Morning (08:00-12:00) lognormal 4 min; afternoon (12:00-16:00) the base 3 min plus an
  // after-call work of 1 min that exists only then.
  const std::string periods =
      "    service_by_period:\n"
      "      - {from: 08:00, to: 12:00, distribution: lognormal, mean: 240s, cv: 1.5}\n"
      "    wrap_up_by_period:\n"
      "      - {from: 12:00, to: 16:00, distribution: constant, value: 60s}\n";
  const auto run = simulate(center(periods), 20);
  REQUIRE(run.replications.at(0).intervals.size() == 16);
  check_near(estimate(over_intervals(run, 0, 8), aht), 240, 6, "morning AHT (lognormal, cv 1.5)");
  check_near(estimate(over_intervals(run, 8, 16), aht), 240, 3, "afternoon AHT (180 s talk + 60 s wrap-up)");
  check_near(estimate(over_intervals(run, 8, 16), [](const KpiTally& t) { return t.talk_time / t.answered; }), 180, 3,
             "afternoon talk time");
  for (const auto& r : run.replications) REQUIRE(r.total.abandoned == 0);

  // Common random numbers: changing the afternoon leaves the morning's calls as they were.
  const auto other = simulate(center("    service_by_period:\n"
                                     "      - {from: 08:00, to: 12:00, distribution: lognormal, mean: 240s, cv: 1.5}\n"
                                     "      - {from: 12:00, to: 16:00, distribution: exponential, mean: 600s}\n"),
                              20);
  for (std::size_t r = 0; r < run.replications.size(); ++r) {
    for (std::size_t i = 0; i < 8; ++i) {
      const KpiTally& a = run.replications[r].intervals[i];
      const KpiTally& b = other.replications[r].intervals[i];
      CHECK(a.answered == b.answered);
      CHECK(a.handle_time == b.handle_time);
    }
  }
  // And the numbers do not depend on the thread count.
  const auto one_thread = simulate(center(periods), 20, 1);
  for (std::size_t r = 0; r < run.replications.size(); ++r) {
    CHECK(same_kpis(run.replications[r].total, one_thread.replications[r].total));
  }
}

TEST_CASE("periods: patience by period reproduces Erlang A within each period", "[periods][simulation][erlang]") {
  // M/M/55+M at 1000/h and 3 min (erlang-a.yaml) for 20 h: patience 5 min until 18:00, then
  // 1 min. Compared in steady state: from the second hour of each period (the queue has
  // forgotten the other period within minutes) to its end.
  const std::string periods =
      "    patience_by_period:\n"
      "      - {from: 08:00, to: 18:00, distribution: exponential, mean: 300s}\n"
      "      - {from: 18:00, to: 2 04:00, distribution: exponential, mean: 60s}\n";
  const auto run = simulate(center(periods, "55", "20h"), 20);
  REQUIRE(run.replications.at(0).intervals.size() == 40);
  for (const auto& [first, last, patience] : {std::tuple{2, 20, 300.0}, std::tuple{22, 40, 60.0}}) {
    callsim::analysis::ErlangInput in;
    in.arrival_rate = 1000.0 / 3600;
    in.mean_service = 180;
    in.agents = 55;
    in.mean_patience = patience;
    in.threshold = 20;
    const auto exact = callsim::analysis::erlang(in);
    const auto tallies = over_intervals(run, first, last);
    const std::string what = "patience " + std::to_string(static_cast<int>(patience)) + " s: ";
    check_near(estimate(tallies, abandon_rate), exact.abandon_rate, 0.006, what + "abandonment");
    check_near(estimate(tallies, [](const KpiTally& t) { return t.wait_answered / t.answered; }), exact.asa, 1.5,
               what + "ASA");
  }
}

TEST_CASE("periods: one-number figures take the mean over the type's arrivals", "[periods][scenario]") {
  // 4 h at 300 s, then 4 h at the base 180 s plus 60 s of after-call work, at a constant rate.
  const auto loaded =
      load_scenario_text(center("    service_by_period:\n"
                                "      - {from: 08:00, to: 12:00, distribution: exponential, mean: 300s}\n"
                                "    wrap_up_by_period:\n"
                                "      - {from: 12:00, to: 16:00, distribution: constant, value: 60s}\n",
                                "55", "8h", "    patience: {distribution: exponential, mean: 300s}\n"),
                         "center.yaml");
  const auto inputs = callsim::run::run_inputs(loaded, loaded.spec, 0);
  REQUIRE(inputs.handle_mean.size() == 1);
  CHECK(inputs.handle_mean[0] == Approx((300.0 + 240.0) / 2));
  CHECK(inputs.patience_mean[0] == Approx(300));
  // The Erlang reference is that of one M/M/c+M: with periods there is none to show.
  CHECK(!callsim::analysis::erlang_reference(loaded.spec).has_value());
  const auto plain = load_scenario_text(
      center("", "55", "8h", "    patience: {distribution: exponential, mean: 300s}\n"), "center.yaml");
  CHECK(callsim::analysis::erlang_reference(plain.spec).has_value());
}
