// A maximum queue time with its own outcome (issue 14, item 4): a call still waiting after
// its type's max_queue_time D leaves the queue for another treatment (voicemail), counted
// as timed_out, apart from abandonment. With Poisson arrivals, exponential talk times, s
// agents and no other impatience this is M/M/s+D, whose virtual waiting time V has a
// closed form (level crossing: density lambda p_{s-1} e^{-(s mu - lambda) x} below D,
// decaying at rate s mu above it), so the share timed out, the service level and the ASA
// are exact. Tolerances are the simulation's own 99% CIs (20 replications, one fixed seed).
// A limit of D with patient callers must also be, draw for draw, callers whose patience
// is exactly D, with the abandonments renamed.

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "analysis/kpi.hpp"
#include "replication_estimate.hpp"
#include "run/experiment.hpp"
#include "scenarios/loader.hpp"

using callsim::analysis::KpiTally;

namespace {

// M/M/s+D: arrival rate lambda, talk rate mu (per second), s agents, limit D, threshold T < D.
struct MMsD {
  double timed_out = 0;  // share of offered calls that reach D
  double within = 0;     // share answered within T
  double asa = 0;        // mean wait of answered calls
  double p_wait = 0;     // share that waits at all
  double awt = 0;        // mean wait of every offered call, timed-out ones included
};

MMsD exact_mmsd(double lambda, double mu, int s, double d, double t) {
  const double a = lambda / mu;
  double term = 1, below = 0;  // a^k / k!, and their sum for k < s
  for (int k = 0; k < s; ++k) {
    below += term;
    if (k < s - 1) term *= a / (k + 1);
  }
  // term is now a^(s-1)/(s-1)!; the density of V on (0, D) is g e^{-delta x} with g = lambda p_{s-1}.
  const double delta = s * mu - lambda;
  const auto integral = [&](double x) { return (1 - std::exp(-delta * x)) / delta; };  // of e^{-delta y} on (0, x)
  const double tail = std::exp(-delta * d) / (s * mu);                                 // mass above D, over g
  const double p0 = 1 / (below + lambda * term * (integral(d) + tail));
  const double g = lambda * p0 * term;
  MMsD r;
  r.timed_out = g * tail;
  r.within = p0 * below + g * integral(t);
  const double wait_mass = g * (1 - std::exp(-delta * d) * (1 + delta * d)) / (delta * delta);
  r.asa = wait_mass / (1 - r.timed_out);
  r.p_wait = g * (integral(d) + tail);
  r.awt = wait_mass + d * r.timed_out;
  return r;
}

callsim::analysis::RunResult simulate(const std::string& text) { return test_estimates::simulate(text, 5); }

using test_estimates::check_near;
using test_estimates::estimate;

double share(std::uint64_t part, std::uint64_t whole) { return static_cast<double>(part) / static_cast<double>(whole); }

// The one-type center at a 20 s threshold; `waiting` adds keys to the call type.
std::string center(double rate_per_hour, int agents, const std::string& waiting, const std::string& warmup = "2h") {
  return test_estimates::one_type_center(rate_per_hour, agents, "service_level: {threshold: 20s}\n", waiting, warmup);
}

}  // namespace

TEST_CASE("max_queue_time: M/M/s+D against its closed form", "[max_queue_time][exact]") {
  struct Case {
    double rate;  // calls per hour
    int agents;
    double limit;  // D, s
  };
  // Loaded (rho 0.9) and overloaded (rho 1.2: only the limit keeps the queue finite).
  for (const Case c : {Case{90, 5, 60}, Case{120, 5, 120}}) {
    const auto run = simulate(center(c.rate, c.agents, "    max_queue_time: " + std::to_string(c.limit) + "s\n"));
    const MMsD exact = exact_mmsd(c.rate / 3600, 1.0 / 180, c.agents, c.limit, 20);
    INFO("rate " << c.rate << "/h, " << c.agents << " agents, limit " << c.limit << " s");
    check_near(estimate(run, [](const KpiTally& t) { return share(t.timed_out, t.offered); }), exact.timed_out, 0.01,
               "timed out");
    check_near(estimate(run, [](const KpiTally& t) { return share(t.answered_within, t.offered); }), exact.within, 0.01,
               "answered within 20 s");
    check_near(estimate(run, [](const KpiTally& t) { return t.wait_answered / static_cast<double>(t.answered); }),
               exact.asa, 1.0, "ASA (s)");
    check_near(estimate(run, [](const KpiTally& t) { return share(t.waited, t.offered); }), exact.p_wait, 0.01,
               "P(wait > 0)");
    check_near(estimate(run, [](const KpiTally& t) { return callsim::analysis::kpi("awt").compute(t); }), exact.awt,
               1.0, "AWT (s)");
    for (const auto& r : run.replications) {
      CHECK(r.total.abandoned == 0);
      CHECK(r.total.answered + r.total.timed_out == r.total.offered);
      // Every timed-out call counts against the service level.
      CHECK(callsim::analysis::kpi("service_level").compute(r.total) ==
            share(r.total.answered_within, r.total.offered));
    }
  }
}

TEST_CASE("max_queue_time: the limit is patience of exactly that time, counted apart", "[max_queue_time]") {
  const auto limited = simulate(center(100, 5, "    max_queue_time: 45s\n"));
  const auto patient = simulate(center(100, 5, "    patience: {distribution: constant, value: 45s}\n"));
  REQUIRE(limited.replications.size() == patient.replications.size());
  for (std::size_t r = 0; r < limited.replications.size(); ++r) {
    const KpiTally& a = limited.replications[r].total;
    const KpiTally& b = patient.replications[r].total;
    REQUIRE(a.timed_out > 0);
    CHECK(a.abandoned == 0);
    CHECK(a.timed_out == b.abandoned);
    CHECK(a.answered == b.answered);
    CHECK(a.answered_within == b.answered_within);
    CHECK(a.wait_answered == b.wait_answered);
    CHECK(a.busy_time == b.busy_time);
  }
}

TEST_CASE("max_queue_time: an impatient caller abandons first, and a timed-out one does not call again",
          "[max_queue_time]") {
  const auto run = simulate(center(110, 5,
                                   "    patience: {distribution: exponential, mean: 120s}\n"
                                   "    max_queue_time: 90s\n"
                                   "    retrial: {probability: 1, delay: {distribution: constant, value: 10min}}\n",
                                   "0s"));
  for (const auto& rep : run.replications) {
    const KpiTally& t = rep.total;
    REQUIRE(t.abandoned > 0);
    REQUIRE(t.timed_out > 0);
    CHECK(t.answered + t.abandoned + t.timed_out == t.offered);
    // Abandoned callers all redial (but not after the end); timed-out ones never do. With
    // no warm-up every counted redial comes from a counted abandonment.
    CHECK(t.retrials <= t.abandoned);
    CHECK(t.retrials > t.abandoned * 9 / 10);
  }
}
