// Erlang C and Erlang A against values computed here by other means: closed-form sums in
// long double, an ODE integration of the tagged call's chain, textbook closed forms, and
// reference figures from an independent scipy solution (linear solve + matrix exponential).

#include "analysis/erlang.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <stdexcept>
#include <vector>

using callsim::analysis::erlang;
using callsim::analysis::erlang_a_state_probabilities;
using callsim::analysis::erlang_b;
using callsim::analysis::erlang_c_probability_of_wait;
using callsim::analysis::erlang_c_wait_exceeds;
using callsim::analysis::ErlangInput;
using callsim::analysis::ErlangResult;

namespace {

constexpr double kPerHour = 1.0 / 3600.0;

// Erlang B and C from their textbook sums, sum_k a^k/k!, written relative to the last term
// a^c/c! so that nothing overflows for hundreds of agents.
struct ClosedForm {
  long double below;  // sum_{k<c} a^k/k! divided by a^c/c!
};
ClosedForm closed_form(long double a, int c) {
  long double term = 1;  // a^k/k! / (a^c/c!) for k = c
  long double below = 0;
  for (int k = c; k > 0; --k) {
    term *= static_cast<long double>(k) / a;  // now k-1
    below += term;
  }
  return {below};
}
long double erlang_b_sum(long double a, int c) { return 1 / (closed_form(a, c).below + 1); }
long double erlang_c_sum(long double a, int c) {
  const long double queued = static_cast<long double>(c) / (c - a);
  return queued / (closed_form(a, c).below + queued);
}

ErlangInput input(double rate_per_hour, double aht, int agents, std::optional<double> patience, double threshold = 20) {
  return {rate_per_hour * kPerHour, aht, agents, patience, threshold};
}

// Relative closeness for figures that can be small.
bool close(double got, double want, double rel) { return std::fabs(got - want) <= rel * std::fabs(want); }

}  // namespace

TEST_CASE("erlang_b agrees with the textbook sum", "[erlang]") {
  for (const auto& [a, c] :
       std::vector<std::pair<double, int>>{{0.5, 1}, {2, 3}, {10, 11}, {50, 55}, {50, 80}, {950, 1000}, {120, 100}}) {
    INFO("a = " << a << ", c = " << c);
    CHECK(erlang_b(a, c) == Approx(static_cast<double>(erlang_b_sum(a, c))).epsilon(1e-12));
  }
  CHECK(erlang_b(3, 0) == 1);
}

TEST_CASE("Erlang C probability of waiting agrees with the textbook sum", "[erlang]") {
  for (const auto& [a, c] : std::vector<std::pair<double, int>>{
           {0.5, 1}, {2, 3}, {10, 11}, {10, 12}, {50, 55}, {50, 80}, {950, 1000}, {4500, 5000}}) {
    INFO("a = " << a << ", c = " << c);
    CHECK(erlang_c_probability_of_wait(a, c) == Approx(static_cast<double>(erlang_c_sum(a, c))).epsilon(1e-12));
  }
  // M/M/1: C = rho. M/M/2: C = 2 rho^2 / (1 + rho) with rho = a/2.
  CHECK(erlang_c_probability_of_wait(0.7, 1) == Approx(0.7).epsilon(1e-14));
  CHECK(erlang_c_probability_of_wait(1.2, 2) == Approx(2 * 0.36 / 1.6).epsilon(1e-14));
  // Exact rational arithmetic (Python fractions), 10 Erlangs on 11 and 12 agents.
  CHECK(erlang_c_probability_of_wait(10, 11) == Approx(0.68211820468933237413).epsilon(1e-13));
  CHECK(erlang_c_probability_of_wait(10, 12) == Approx(0.44938822429827086858).epsilon(1e-13));
  CHECK(erlang_c_probability_of_wait(60, 55) == 1);
}

TEST_CASE("Erlang C figures for 1000 calls per hour, AHT 180 s, 55 agents", "[erlang]") {
  const ErlangResult r = erlang(input(1000, 180, 55, std::nullopt));
  const double lambda = 1000 * kPerHour;
  const double clear_rate = 55.0 / 180 - lambda;  // c mu - lambda, 1/s
  const auto c_wait = static_cast<double>(erlang_c_sum(50, 55));

  CHECK(r.offered_load == Approx(50).epsilon(1e-15));
  CHECK(r.stable);
  CHECK(r.p_wait == Approx(c_wait).epsilon(1e-12));
  CHECK(r.p_wait == Approx(0.38454731793292854422).epsilon(1e-13));  // exact rational value
  CHECK(r.service_level == Approx(1 - c_wait * std::exp(-clear_rate * 20)).epsilon(1e-12));
  CHECK(r.service_level == Approx(0.77936466090057711148).epsilon(1e-13));
  CHECK(r.service_level_answered == r.service_level);  // nobody abandons
  CHECK(r.service_level_offered == r.service_level);
  CHECK(r.asa == Approx(c_wait / clear_rate).epsilon(1e-12));
  CHECK(r.asa == Approx(13.843703445585427592).epsilon(1e-13));
  CHECK(r.awt == r.asa);
  CHECK(r.abandon_rate == 0);
  CHECK(r.occupancy == Approx(50.0 / 55).epsilon(1e-15));
  CHECK(r.mean_queue_length == Approx(lambda * c_wait / clear_rate).epsilon(1e-12));
}

TEST_CASE("Erlang C holds for hundreds and thousands of agents", "[erlang]") {
  const ErlangResult r = erlang(input(950 * 20.0, 180, 1000, std::nullopt));  // a = 950
  REQUIRE(r.stable);
  CHECK(r.p_wait == Approx(0.068253415377141423573).epsilon(1e-11));
  CHECK(r.service_level == Approx(0.99973613774690570602).epsilon(1e-12));
  CHECK(r.asa == Approx(0.24571229535770912486).epsilon(1e-11));

  // So lightly loaded that 1/B overflows a double: C is tiny, and still no NaN.
  const ErlangResult light = erlang(input(20, 180, 400, std::nullopt));  // a = 1
  CHECK(light.p_wait >= 0);
  CHECK(light.p_wait < 1e-300);
  CHECK(light.service_level == 1);
}

TEST_CASE("Erlang C wait tail at the threshold limits", "[erlang]") {
  const ErlangInput base = input(1000, 180, 55, std::nullopt);
  ErlangInput zero = base;
  zero.threshold = 0;
  const ErlangResult at_zero = erlang(zero);
  CHECK(at_zero.service_level == Approx(1 - at_zero.p_wait).epsilon(1e-14));

  ErlangInput long_wait = base;
  long_wait.threshold = 1e5;
  CHECK(erlang(long_wait).service_level == 1);

  CHECK(erlang_c_wait_exceeds(1000 * kPerHour, 180, 55, 20) == Approx(1 - erlang(base).service_level).epsilon(1e-12));
  CHECK(erlang_c_wait_exceeds(1000 * kPerHour, 180, 55, 0) == Approx(erlang(base).p_wait).epsilon(1e-14));
}

TEST_CASE("Erlang C at or above 100 percent load is unstable", "[erlang]") {
  for (const double rate : {1100.0, 1200.0}) {  // a = 55 and 60 on 55 agents
    const ErlangResult r = erlang(input(rate, 180, 55, std::nullopt));
    CHECK(!r.stable);
    CHECK(r.offered_load == Approx(rate / 20));
    CHECK(std::isnan(r.p_wait));
    CHECK(std::isnan(r.service_level));
    CHECK(std::isnan(r.service_level_answered));
    CHECK(std::isnan(r.service_level_offered));
    CHECK(std::isnan(r.asa));
    CHECK(std::isnan(r.awt));
    CHECK(std::isnan(r.mean_queue_length));
    CHECK(r.abandon_rate == 0);
    CHECK(r.occupancy == 1);
  }
  CHECK(std::isnan(erlang_c_wait_exceeds(1200 * kPerHour, 180, 55, 20)));
}

TEST_CASE("erlang rejects inputs outside its domain", "[erlang]") {
  const ErlangInput good = input(1000, 180, 55, 300.0);
  REQUIRE_NOTHROW(erlang(good));
  const std::vector<std::function<void(ErlangInput&)>> breakers{
      [](ErlangInput& in) { in.arrival_rate = 0; },
      [](ErlangInput& in) { in.arrival_rate = -1; },
      [](ErlangInput& in) { in.arrival_rate = std::numeric_limits<double>::quiet_NaN(); },
      [](ErlangInput& in) { in.mean_service = 0; },
      [](ErlangInput& in) { in.mean_service = -180; },
      [](ErlangInput& in) { in.mean_service = std::numeric_limits<double>::infinity(); },
      [](ErlangInput& in) { in.agents = 0; },
      [](ErlangInput& in) { in.agents = -3; },
      [](ErlangInput& in) { in.mean_patience = 0.0; },
      [](ErlangInput& in) { in.mean_patience = -300.0; },
      [](ErlangInput& in) { in.threshold = -1; },
      [](ErlangInput& in) { in.threshold = std::numeric_limits<double>::infinity(); },
  };
  for (std::size_t i = 0; i < breakers.size(); ++i) {
    INFO("breaker " << i);
    ErlangInput bad = good;
    breakers[i](bad);
    CHECK_THROWS_AS(erlang(bad), std::invalid_argument);
    bad.mean_patience.reset();  // the Erlang C path validates the same way
    if (i < 8 || i > 9) CHECK_THROWS_AS(erlang(bad), std::invalid_argument);
  }
}

TEST_CASE("Erlang A matches an independent solution for 1000 per hour, 55 agents, patience 300 s", "[erlang]") {
  // Reference: scipy on the chain truncated at 400 calls, stationary law by a linear solve,
  // P(W <= 20 s) by expm of the tagged call's generator, means by absorbing-chain solves.
  const ErlangResult r = erlang(input(1000, 180, 55, 300.0));
  CHECK(r.stable);
  CHECK(r.offered_load == Approx(50).epsilon(1e-15));
  CHECK(r.p_wait == Approx(0.283818626435557).epsilon(1e-11));
  CHECK(r.service_level == Approx(0.902872056375075).epsilon(1e-11));
  CHECK(r.service_level_answered == Approx(0.907043370804068).epsilon(1e-11));
  CHECK(r.service_level_offered == Approx(0.892198152879987).epsilon(1e-11));
  CHECK(r.asa == Approx(4.74093942514446).epsilon(1e-11));
  CHECK(r.awt == Approx(4.90998062559677).epsilon(1e-11));
  CHECK(r.abandon_rate == Approx(0.0163666020853226).epsilon(1e-11));
  CHECK(r.occupancy == Approx(0.894212179922433).epsilon(1e-11));
  CHECK(r.mean_queue_length == Approx(1.36388350711009).epsilon(1e-11));

  // Same reference, overloaded: 40 agents for 50 Erlangs.
  const ErlangResult over = erlang(input(1000, 180, 40, 300.0));
  CHECK(over.p_wait == Approx(0.975486974916747).epsilon(1e-11));
  CHECK(over.service_level == Approx(0.0893191291628366).epsilon(1e-10));
  CHECK(over.service_level_answered == Approx(0.105024423938117).epsilon(1e-10));
  CHECK(over.asa == Approx(65.4368202437143).epsilon(1e-11));
  CHECK(over.abandon_rate == Approx(0.201626965839015).epsilon(1e-11));
  CHECK(over.mean_queue_length == Approx(16.8022471532522).epsilon(1e-11));

  // Same reference (truncated at 600 calls). Impatient callers clear the queue fast, so
  // calls from far back are still answered within T: 10 calls/s on one 80 s agent with 2 s
  // of patience, where almost everyone abandons and mostly within T.
  const ErlangResult impatient = erlang({10, 80, 1, 2.0, 20});
  CHECK(impatient.p_wait == Approx(0.999999999997183).epsilon(1e-11));
  CHECK(impatient.service_level == Approx(0.96999249107231).epsilon(1e-10));
  CHECK(impatient.service_level_answered == Approx(0.999246366283855).epsilon(1e-10));
  CHECK(impatient.service_level_offered == Approx(0.0012490579578513).epsilon(1e-10));
  CHECK(impatient.asa == Approx(7.06511871304124).epsilon(1e-11));
  CHECK(impatient.abandon_rate == Approx(0.998750000000003).epsilon(1e-11));
  CHECK(impatient.mean_queue_length == Approx(19.975).epsilon(1e-11));
  // 180 calls/min on 100 agents of 60 s, 5 s of patience, T = 30 s.
  const ErlangResult many = erlang({3, 60, 100, 5.0, 30});
  CHECK(many.p_wait == Approx(0.9717353335167).epsilon(1e-11));
  CHECK(many.service_level_offered == Approx(0.555216117793472).epsilon(1e-11));
  CHECK(many.asa == Approx(2.65881511866547).epsilon(1e-11));
  CHECK(many.abandon_rate == Approx(0.444783882206528).epsilon(1e-11));
  CHECK(many.occupancy == Approx(0.999389012028249).epsilon(1e-11));
}

TEST_CASE("Erlang A with one agent matches an ODE integration of the tagged call", "[erlang]") {
  const double lambda = 0.01, aht = 80, patience = 120, T = 20;
  const double mu = 1 / aht, theta = 1 / patience;
  const ErlangResult r = erlang({lambda, aht, 1, patience, T});

  // Stationary law of the M/M/1+M chain by its product form, truncated at 60 calls
  // (pi_60 ~ 1e-50).
  constexpr int kStates = 60;
  std::vector<long double> pi(kStates + 1);
  pi[0] = 1;
  long double total = 1;
  for (int n = 1; n <= kStates; ++n) {
    pi[n] = pi[n - 1] * lambda / (mu + (n - 1) * theta);
    total += pi[n];
  }
  for (auto& p : pi) p /= total;

  // The tagged call: p[j] = P(in queue with j calls ahead), then P(answered), P(abandoned),
  // E[W 1{answered}], E[W 1{abandoned}]; integrated by classic RK4 from arrival.
  constexpr int kStages = kStates;  // a call arriving at n = 1 + j starts at stage j
  using State = std::vector<long double>;
  auto derivative = [&](long double t, const State& x) {
    State dx(x.size(), 0);
    long double queued = 0;
    for (int j = 0; j < kStages; ++j) {
      const long double out = (mu + (j + 1) * theta) * x[j];
      dx[j] -= out;
      if (j + 1 < kStages) dx[j] += (mu + (j + 1) * theta) * x[j + 1];
      queued += x[j];
    }
    dx[kStages] = mu * x[0];
    dx[kStages + 1] = theta * queued;
    dx[kStages + 2] = t * mu * x[0];
    dx[kStages + 3] = t * theta * queued;
    return dx;
  };
  State x(kStages + 4, 0);
  for (int j = 0; j < kStages; ++j) x[j] = pi[j + 1];
  x[kStages] = pi[0];  // answered at once
  const long double dt = 0.02L;
  long double answered_within = -1, abandoned_within = -1;
  long double t = 0;
  for (long step = 0; step < 120000; ++step) {  // to t = 2400 s, where < 1e-20 is left
    if (step == 1000) {                         // t = 20 s
      answered_within = x[kStages];
      abandoned_within = x[kStages + 1];
    }
    const State k1 = derivative(t, x);
    State y(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) y[i] = x[i] + dt / 2 * k1[i];
    const State k2 = derivative(t + dt / 2, y);
    for (std::size_t i = 0; i < x.size(); ++i) y[i] = x[i] + dt / 2 * k2[i];
    const State k3 = derivative(t + dt / 2, y);
    for (std::size_t i = 0; i < x.size(); ++i) y[i] = x[i] + dt * k3[i];
    const State k4 = derivative(t + dt, y);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    t += dt;
  }
  const auto answered = static_cast<double>(x[kStages]);
  const auto abandoned = static_cast<double>(x[kStages + 1]);
  REQUIRE(answered + abandoned == Approx(1).epsilon(1e-12));

  CHECK(r.p_wait == Approx(static_cast<double>(1 - pi[0])).epsilon(1e-12));
  CHECK(r.service_level_offered == Approx(static_cast<double>(answered_within)).epsilon(1e-9));
  CHECK(r.service_level == Approx(static_cast<double>(answered_within / (1 - abandoned_within))).epsilon(1e-9));
  CHECK(r.service_level_answered == Approx(static_cast<double>(answered_within) / answered).epsilon(1e-9));
  CHECK(r.abandon_rate == Approx(abandoned).epsilon(1e-9));
  CHECK(r.asa == Approx(static_cast<double>(x[kStages + 2]) / answered).epsilon(1e-9));
  CHECK(r.awt == Approx(static_cast<double>(x[kStages + 2] + x[kStages + 3])).epsilon(1e-9));
  CHECK(r.occupancy == Approx(static_cast<double>(1 - pi[0])).epsilon(1e-12));  // c = 1
  long double queue = 0;
  for (int n = 2; n <= kStates; ++n) queue += (n - 1) * pi[n];
  CHECK(r.mean_queue_length == Approx(static_cast<double>(queue)).epsilon(1e-12));
}

TEST_CASE("Erlang A obeys Little and the abandonment balance", "[erlang]") {
  // abandon_rate = theta E[Lq] / lambda and awt = E[Lq] / lambda: the left sides come from
  // the tagged call's stages, the right sides from the time-stationary queue length.
  struct Case {
    double rate_per_hour, aht;
    int agents;
    double patience, threshold;
  };
  for (const Case& k : std::vector<Case>{{1000, 180, 55, 300, 20},
                                         {1000, 180, 40, 300, 20},
                                         {1000, 180, 30, 30, 60},
                                         {36, 80, 1, 120, 20},
                                         {360, 600, 1, 5, 10},
                                         {19000, 180, 1000, 600, 20},
                                         {19000, 180, 900, 90, 15},
                                         {100, 180, 60, 3600, 30},
                                         {1000, 180, 45, 20000, 20}}) {
    INFO(k.rate_per_hour << "/h, AHT " << k.aht << " s, " << k.agents << " agents, patience " << k.patience << " s, T "
                         << k.threshold << " s");
    const double lambda = k.rate_per_hour * kPerHour;
    const ErlangResult r = erlang(input(k.rate_per_hour, k.aht, k.agents, k.patience, k.threshold));
    CHECK(close(r.abandon_rate, r.mean_queue_length / k.patience / lambda, 1e-11));
    CHECK(close(r.awt, r.mean_queue_length / lambda, 1e-11));
    // Answered traffic keeps agents busy: the occupancy definition.
    CHECK(close(r.occupancy, lambda * (1 - r.abandon_rate) * k.aht / k.agents, 1e-12));
    // Everything is a probability, and answered within T cannot exceed answered.
    for (const double p :
         {r.p_wait, r.service_level, r.service_level_answered, r.service_level_offered, r.abandon_rate, r.occupancy}) {
      CHECK(p >= 0);
      CHECK(p <= 1 + 1e-15);
    }
    CHECK(r.service_level_offered <= 1 - r.abandon_rate + 1e-15);
    CHECK(r.service_level_offered >= 1 - r.p_wait - 1e-15);  // served at once are within T
    CHECK(r.asa <= r.awt / (1 - r.abandon_rate) + 1e-12);
  }
}

TEST_CASE("Erlang A state probabilities agree with the figures", "[erlang]") {
  const double lambda = 1000 * kPerHour;
  const std::vector<double> pi = erlang_a_state_probabilities(lambda, 180, 55, 300);
  REQUIRE(pi.size() > 55);
  double total = 0, busy = 0, waiting = 0, queue = 0;
  for (std::size_t n = 0; n < pi.size(); ++n) {
    total += pi[n];
    busy += static_cast<double>(std::min<std::size_t>(n, 55)) * pi[n];
    if (n >= 55) waiting += pi[n];
    if (n > 55) queue += static_cast<double>(n - 55) * pi[n];
  }
  const ErlangResult r = erlang(input(1000, 180, 55, 300.0));
  CHECK(total == Approx(1).epsilon(1e-14));
  CHECK(r.p_wait == Approx(waiting).epsilon(1e-12));
  CHECK(r.mean_queue_length == Approx(queue).epsilon(1e-12));
  // Agents busy on average = answered traffic: occupancy two ways.
  CHECK(r.occupancy == Approx(busy / 55).epsilon(1e-12));
  CHECK(r.occupancy == Approx(lambda * (1 - r.abandon_rate) * 180 / 55).epsilon(1e-12));
}

TEST_CASE("Erlang A tends to Erlang C as patience grows", "[erlang]") {
  // Near 100% load queues are long and even 1e9 s of patience still shows (by about 1e-5
  // relative on 51 agents, as theta E[queue^2] / (c mu) predicts): go further there.
  for (const auto& [agents, patience] : std::vector<std::pair<int, double>>{{51, 1e12}, {55, 1e9}, {70, 1e9}}) {
    INFO(agents << " agents, patience " << patience << " s");
    const ErlangResult c = erlang(input(1000, 180, agents, std::nullopt));
    const ErlangResult a = erlang(input(1000, 180, agents, patience));
    CHECK(a.p_wait == Approx(c.p_wait).epsilon(1e-6));
    CHECK(a.service_level == Approx(c.service_level).epsilon(1e-6));
    CHECK(a.service_level_answered == Approx(c.service_level_answered).epsilon(1e-6));
    CHECK(a.service_level_offered == Approx(c.service_level_offered).epsilon(1e-6));
    CHECK(a.asa == Approx(c.asa).epsilon(1e-6));
    CHECK(a.awt == Approx(c.awt).epsilon(1e-6));
    CHECK(a.abandon_rate < 1e-6);
    CHECK(a.occupancy == Approx(c.occupancy).epsilon(1e-6));
    CHECK(a.mean_queue_length == Approx(c.mean_queue_length).epsilon(1e-6));
  }
}

TEST_CASE("Erlang A improves with every added agent", "[erlang]") {
  ErlangResult previous = erlang(input(1000, 180, 30, 300.0));
  for (int agents = 31; agents <= 80; ++agents) {
    INFO(agents << " agents");
    const ErlangResult r = erlang(input(1000, 180, agents, 300.0));
    CHECK(r.service_level > previous.service_level);
    CHECK(r.service_level_answered > previous.service_level_answered);
    CHECK(r.service_level_offered > previous.service_level_offered);
    CHECK(r.abandon_rate < previous.abandon_rate);
    CHECK(r.p_wait < previous.p_wait);
    CHECK(r.asa < previous.asa);
    CHECK(r.occupancy < previous.occupancy);
    previous = r;
  }
}

TEST_CASE("Erlang A service level at the threshold limits", "[erlang]") {
  const ErlangResult zero = erlang(input(1000, 180, 55, 300.0, 0));
  // Within 0 s means answered on arrival: no abandonment happens at W = 0.
  CHECK(zero.service_level_offered == Approx(1 - zero.p_wait).epsilon(1e-14));
  CHECK(zero.service_level == Approx(1 - zero.p_wait).epsilon(1e-14));
  CHECK(zero.service_level_answered == Approx((1 - zero.p_wait) / (1 - zero.abandon_rate)).epsilon(1e-14));

  // After long enough every call has been answered or has left.
  const ErlangResult forever = erlang(input(1000, 180, 55, 300.0, 20000));
  CHECK(forever.service_level == Approx(1).epsilon(1e-12));
  CHECK(forever.service_level_answered == Approx(1).epsilon(1e-12));
  CHECK(forever.service_level_offered == Approx(1 - forever.abandon_rate).epsilon(1e-12));

  // Service level grows with T.
  double previous = zero.service_level;
  for (const double T : {5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0}) {
    const double sl = erlang(input(1000, 180, 55, 300.0, T)).service_level;
    CHECK(sl > previous);
    previous = sl;
  }
}

TEST_CASE("Erlang A copes with a long backlog and refuses an absurd one", "[erlang]") {
  // 50 Erlangs on 40 agents with a day of patience: about 5,000 calls waiting.
  const double lambda = 1000 * kPerHour;
  const ErlangResult r = erlang(input(1000, 180, 40, 86400.0));
  CHECK(close(r.abandon_rate, r.mean_queue_length / 86400 / lambda, 1e-9));
  CHECK(r.abandon_rate == Approx(0.2).epsilon(1e-3));  // the excess 10 of 50 Erlangs
  CHECK(r.service_level < 1e-6);

  CHECK_THROWS_AS(erlang(input(1000, 180, 40, 1e12)), std::domain_error);
}
