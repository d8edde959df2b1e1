#include "analysis/erlang.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace callsim::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The queue-length tail is cut where what is left weighs less than this, relative to the
// states with calls waiting: far below what a double resolves in any figure we report.
constexpr double kTailRelative = 1e-17;
// Poisson mass left out of the uniformization sums (the brief's accuracy target).
constexpr double kPoissonTail = 1e-14;
// A queue position whose call is answered within T with less than this probability is
// treated as "never answered within T" (see within_threshold_table).
constexpr double kNegligibleAnswer = 1e-15;
// Queues longer than this would take seconds and gigabytes; they only arise when patience
// is absurdly long in an overloaded center, where Erlang C says "unstable" anyway.
constexpr long kMaxQueueStages = 10'000'000;
// Cap on stage-jump updates in the service-level computation (about 10 s): reached only
// with thresholds of hours in centers of thousands of agents.
constexpr double kMaxWork = 1e10;

void require(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(std::string("erlang: ") + what);
}

void validate(const ErlangInput& in) {
  require(std::isfinite(in.arrival_rate) && in.arrival_rate > 0,
          "arrival_rate must be a positive, finite number of calls per second");
  require(std::isfinite(in.mean_service) && in.mean_service > 0,
          "mean_service must be a positive, finite number of seconds");
  require(in.agents >= 1, "agents must be at least 1");
  require(!in.mean_patience || (std::isfinite(*in.mean_patience) && *in.mean_patience > 0),
          "mean_patience must be a positive, finite number of seconds");
  require(std::isfinite(in.threshold) && in.threshold >= 0, "threshold must be a finite number of seconds >= 0");
}

/// log(exp(x) + exp(y)) without overflow.
double log_add_exp(double x, double y) {
  if (x < y) std::swap(x, y);
  if (y == -std::numeric_limits<double>::infinity()) return x;
  return x + std::log1p(std::exp(y - x));
}

/// log(1 / B(c, a)) for c >= 0. 1/B grows like c!/a^c and overflows for a << c, so the recursion
/// 1/B(k) = 1 + (k/a) / B(k-1) runs in log space.
double log_inverse_erlang_b(double a, int c) {
  double g = 0;  // 1/B(0) = 1
  for (int k = 1; k <= c; ++k) g = log_add_exp(0.0, std::log(k / a) + g);
  return g;
}

/// log(exp(g) - 1) for g > 0, accurate both for tiny and for huge g.
double log_expm1(double g) { return g > 1 ? g + std::log1p(-std::exp(-g)) : std::log(std::expm1(g)); }

/// The M/M/c+M chain seen from n = c (all agents busy): stage j = n - c calls waiting.
/// Weights are kept relative to pi_c and in logs, since pi_{c+j}/pi_c can overflow in an
/// overloaded center and underflow in a lightly loaded one.
struct QueueChain {
  double lambda;        // calls/s
  double c_mu;          // total service rate with every agent busy, 1/s
  double theta;         // abandonment rate of one waiting call, 1/s
  double log_low;       // log(sum_{n<c} pi_n / pi_c)
  double log_low_busy;  // log(sum_{n<c} (n/c) pi_n / pi_c): agents busy below c
  double log_total;     // log(sum_n pi_n / pi_c)
  long last_stage;      // stages 0..last_stage carry all but kTailRelative of the mass

  /// log(pi_{c+j+1} / pi_{c+j}).
  [[nodiscard]] double log_step(long j) const { return std::log(lambda / (c_mu + static_cast<double>(j + 1) * theta)); }
};

QueueChain make_queue_chain(double lambda, double mean_service, int c, double theta) {
  QueueChain q{lambda, c / mean_service, theta, 0, 0, 0, 0};
  const double a = lambda * mean_service;
  // sum_{n<=k} pi_n / pi_k = 1/B(k, a); and sum_{n<c} n pi_n = c pi_c (1/B(c-1, a) - 1)
  // because n pi_n = a pi_{n-1}.
  const double g_below = log_inverse_erlang_b(a, c - 1);
  q.log_low = log_expm1(log_add_exp(0.0, std::log(c / a) + g_below));
  q.log_low_busy = g_below > 0 ? log_expm1(g_below) : -std::numeric_limits<double>::infinity();

  const double peak = (lambda - q.c_mu) / theta;  // the mode of the queue length
  if (peak > static_cast<double>(kMaxQueueStages)) {
    throw std::domain_error("erlang: with more calls offered than the agents can serve and " +
                            std::string("patience this long, the Erlang A queue settles near ") +
                            std::to_string(std::lround(peak)) +
                            " waiting calls; too many to sum (is the patience right?)");
  }

  // The cut is relative to the mass of the states with someone waiting (j >= 1), not of
  // all states, so that even in a lightly loaded center the (tiny) waiting figures such
  // as the mean queue length keep full relative precision.
  double log_queue = 0;                                           // stages 0..j
  double log_waiting = -std::numeric_limits<double>::infinity();  // stages 1..j
  double lq = 0;
  const double log_cut = std::log(kTailRelative);
  for (long j = 0;; ++j) {
    // The ratios pi_{n+1}/pi_n decrease in n, so once one is below 1 the rest of the tail
    // is bounded by a geometric series: stop when that bound is negligible.
    const double r = lambda / (q.c_mu + static_cast<double>(j + 1) * theta);
    if (j >= 1 && r < 1 && lq + std::log(r) - std::log1p(-r) < log_waiting + log_cut) {
      q.last_stage = j;
      break;
    }
    if (j + 1 >= kMaxQueueStages) {
      throw std::domain_error("erlang: the Erlang A queue is too long to sum");
    }
    lq += q.log_step(j);
    log_queue = log_add_exp(log_queue, lq);
    log_waiting = log_add_exp(log_waiting, lq);
  }
  q.log_total = log_add_exp(q.log_low, log_queue);
  return q;
}

/// Poisson(x) probabilities on [left, left + weights.size()), normalised over that window;
/// the mass left out on either side is below kPoissonTail. Computed outward from the mode
/// by ratios (Fox-Glynn style), so nothing underflows even for large x.
struct PoissonWindow {
  long left = 0;
  std::vector<double> weights;
};

PoissonWindow poisson_window(double x) {
  PoissonWindow out;
  if (x <= 0) {
    out.weights = {1.0};
    return out;
  }
  const auto mode = static_cast<long>(std::floor(x));
  std::vector<double> right{1.0};  // mode, mode+1, ...
  double total = 1.0;
  for (long k = mode + 1;; ++k) {
    const double w = right.back() * x / static_cast<double>(k);
    right.push_back(w);
    total += w;
    // Beyond k the ratios x/(i+1) are at most x/(k+1) < 1: a geometric bound on the rest.
    const double ratio = x / static_cast<double>(k + 1);
    if (ratio < 1 && w * ratio / (1 - ratio) < kPoissonTail * total) break;
  }
  std::vector<double> left;  // mode-1, mode-2, ...
  double w = 1.0;
  for (long k = mode; k > 0; --k) {
    // Below k the ratios i/x are at most k/x < 1.
    const double ratio = static_cast<double>(k) / x;
    if (w * ratio / (1 - ratio) < kPoissonTail * total) break;
    w *= ratio;
    left.push_back(w);
    total += w;
  }
  out.left = mode - static_cast<long>(left.size());
  out.weights.assign(left.rbegin(), left.rend());
  out.weights.insert(out.weights.end(), right.begin(), right.end());
  for (double& v : out.weights) v /= total;
  return out;
}

/// For a tagged call that arrives at queue stage j = 0..last (j calls ahead of it):
/// P(answered and W <= T) and P(abandoned and W <= T).
struct WithinThreshold {
  std::vector<double> answered;
  std::vector<double> abandoned;
};

/// Transient probabilities of the tagged call's absorbing chain at time T, by
/// uniformization at rate Lambda = max_j q_j: stage j is left at q_j = c mu + (j+1) theta,
/// towards j-1 (or service from j = 0) at rate c mu + j theta, towards "abandoned" at theta.
/// Iterated backwards (value of each starting stage after k jumps), so every starting
/// stage is computed at once. O(last * min(Lambda T, jumps until absorption)).
WithinThreshold within_threshold_table(const QueueChain& q, long last, double T) {
  const auto n = static_cast<std::size_t>(last + 1);
  const double rate = q.c_mu + static_cast<double>(last + 1) * q.theta;
  const double x = rate * T;  // mean number of jumps in [0, T]

  // Per stage j, stored at index j + 1; index 0 holds the absorbing state below stage 0
  // (service), so the update below has no branch and vectorizes.
  std::vector<double> p_stay(n + 1, 0.0), p_down(n + 1, 0.0);
  for (std::size_t j = 0; j < n; ++j) {
    // (Lambda - q_j)/Lambda written without the cancellation.
    p_stay[j + 1] = static_cast<double>(last - static_cast<long>(j)) * q.theta / rate;
    p_down[j + 1] = (q.c_mu + static_cast<double>(j) * q.theta) / rate;
  }
  const double p_abandon = q.theta / rate;
  std::vector<double> ans(n + 1, 0.0);   // P(answered within k jumps | start at stage j)
  std::vector<double> ab(n + 1, 0.0);    // P(abandoned within k jumps | start at stage j)
  std::vector<double> rest(n + 1, 1.0);  // P(still waiting after k jumps | start at stage j)
  ans[0] = 1;
  rest[0] = 0;
  std::vector<double> ans_next = ans, ab_next = ab, rest_next = rest;
  long work = 0;
  auto jump = [&] {
    work += last + 1;
    if (static_cast<double>(work) > kMaxWork) {
      throw std::domain_error("erlang: the Erlang A service level for a " + std::to_string(std::lround(T)) +
                              " s threshold with " + std::to_string(last + 1) +
                              " queue positions takes too long to compute exactly");
    }
    for (std::size_t i = 1; i <= n; ++i) {
      ans_next[i] = p_stay[i] * ans[i] + p_down[i] * ans[i - 1];
      ab_next[i] = p_stay[i] * ab[i] + p_down[i] * ab[i - 1] + p_abandon;
      rest_next[i] = p_stay[i] * rest[i] + p_down[i] * rest[i - 1];
    }
    ans.swap(ans_next);
    ab.swap(ab_next);
    rest.swap(rest_next);
  };
  // A call further back is never absorbed sooner, so rest.back() bounds every stage; once
  // it is negligible, further jumps change nothing and the remaining Poisson mass can take
  // the current values. That keeps a long T (many jumps) cheap.
  auto absorbed = [&] { return rest.back() < kPoissonTail * 1e-3; };
  auto table = [](const std::vector<double>& v, double weight, std::vector<double>& out) {
    for (std::size_t j = 0; j + 1 < v.size(); ++j) out[j] += weight * v[j + 1];
  };

  // Fewer than x - 9 sqrt(x) jumps in T has probability below exp(-40.5) (Chernoff), so
  // those steps need no Poisson weights, and a chain absorbed by then needs none at all.
  const long quiet = x > 81 ? static_cast<long>(std::floor(x - 9 * std::sqrt(x))) : 0;
  WithinThreshold out{std::vector<double>(n, 0.0), std::vector<double>(n, 0.0)};
  long k = 0;
  for (; k < quiet; ++k) {
    if (absorbed()) {
      table(ans, 1.0, out.answered);
      table(ab, 1.0, out.abandoned);
      return out;
    }
    jump();
  }
  const PoissonWindow poisson = poisson_window(x);
  const long right = poisson.left + static_cast<long>(poisson.weights.size()) - 1;
  const auto weight_at = [&](long i) {
    return i < poisson.left ? 0.0 : poisson.weights[static_cast<std::size_t>(i - poisson.left)];
  };
  for (; k <= right; ++k) {
    if (absorbed()) {
      double remaining = 0;
      for (long i = k; i <= right; ++i) remaining += weight_at(i);
      table(ans, remaining, out.answered);
      table(ab, remaining, out.abandoned);
      return out;
    }
    const double w = weight_at(k);
    table(ans, w, out.answered);
    table(ab, w, out.abandoned);
    if (k < right) jump();
  }
  return out;
}

/// The table, over as few stages as accuracy allows: a call that arrives behind many
/// others cannot be answered within T, and its chance to abandon within T is then
/// 1 - exp(-theta T) whatever its stage (its own patience clock is all that matters).
/// Answering within T gets less likely the further back a call starts, so once the last
/// stage of the table is negligible every stage beyond it is too.
WithinThreshold within_threshold(const QueueChain& q, double T) {
  const double served_in_T = q.c_mu * T;
  const double guess = served_in_T + 8 * std::sqrt(served_in_T) + 16;
  long last = std::min(q.last_stage, static_cast<long>(std::min(guess, 1e9)));
  for (;;) {
    WithinThreshold table = within_threshold_table(q, last, T);
    if (last == q.last_stage) return table;
    // P(answered within T | stage) >= exp(-theta T) P(V <= T): bound the virtual wait.
    if (table.answered.back() < kNegligibleAnswer * std::exp(-q.theta * T)) return table;
    last = std::min(q.last_stage, 2 * last + 1);
  }
}

ErlangResult erlang_c(const ErlangInput& in) {
  ErlangResult r;
  r.offered_load = in.arrival_rate * in.mean_service;
  r.abandon_rate = 0;
  if (r.offered_load >= in.agents) {
    r.stable = false;
    r.p_wait = r.service_level = r.service_level_answered = r.service_level_offered = kNaN;
    r.asa = r.awt = r.mean_queue_length = kNaN;
    r.occupancy = 1;
    return r;
  }
  const double c_wait = erlang_c_probability_of_wait(r.offered_load, in.agents);
  const double clear_rate = in.agents / in.mean_service - in.arrival_rate;  // c mu - lambda
  r.p_wait = c_wait;
  r.service_level = 1 - c_wait * std::exp(-clear_rate * in.threshold);
  r.service_level_answered = r.service_level_offered = r.service_level;
  r.asa = r.awt = c_wait / clear_rate;
  r.mean_queue_length = in.arrival_rate * r.awt;
  r.occupancy = r.offered_load / in.agents;
  return r;
}

ErlangResult erlang_a(const ErlangInput& in) {
  const double theta = 1 / *in.mean_patience;
  const double T = in.threshold;
  const QueueChain q = make_queue_chain(in.arrival_rate, in.mean_service, in.agents, theta);
  const WithinThreshold within = within_threshold(q, T);
  const auto table_last = static_cast<long>(within.answered.size()) - 1;
  const double abandon_beyond_table = -std::expm1(-theta * T);

  // Sums are normalised at the end by the total of the very weights summed, so that
  // probabilities stay within [0, 1] to the last bit.
  const double p_low = std::exp(q.log_low - q.log_total);  // answered at once, W = 0
  double p_wait = 0, queue_length = 0;
  double p_answered = p_low, p_abandoned = 0, wait_answered = 0, wait_all = 0;
  double answered_within = p_low, abandoned_within = 0;

  // Tagged-call recurrences over the stage j it arrives at (PASTA): the call leaves stage j
  // after Exp(q_j), advancing with probability a_j, else abandoning.
  double s = 1;  // P(answered | stage j-1); s_{-1} = 1
  double d = 0;  // P(abandoned | stage j-1), kept apart from 1 - s to avoid cancellation
  double w = 0;  // E[W 1{answered} | stage j-1]
  double t = 0;  // E[W | stage j-1]
  double lq = 0;
  for (long j = 0; j <= q.last_stage; ++j) {
    if (j > 0) lq += q.log_step(j - 1);
    const double p = std::exp(lq - q.log_total);
    const double leave = q.c_mu + static_cast<double>(j + 1) * theta;          // q_j
    const double advance = (q.c_mu + static_cast<double>(j) * theta) / leave;  // a_j
    w = advance * (s / leave + w);
    s = advance * s;
    d = theta / leave + advance * d;
    t = 1 / leave + advance * t;

    p_wait += p;
    queue_length += static_cast<double>(j) * p;
    p_answered += p * s;
    p_abandoned += p * d;
    wait_answered += p * w;
    wait_all += p * t;
    if (j <= table_last) {
      answered_within += p * within.answered[static_cast<std::size_t>(j)];
      abandoned_within += p * within.abandoned[static_cast<std::size_t>(j)];
    } else {
      abandoned_within += p * abandon_beyond_table;
    }
  }

  const double total = p_low + p_wait;
  ErlangResult r;
  r.offered_load = in.arrival_rate * in.mean_service;
  r.stable = true;
  r.p_wait = p_wait / total;
  r.service_level_offered = answered_within / total;
  r.service_level_answered = answered_within / p_answered;
  r.service_level = answered_within / (total - abandoned_within);
  r.asa = wait_answered / p_answered;
  r.awt = wait_all / total;
  r.abandon_rate = p_abandoned / total;
  // Mean busy agents / c; equal to lambda (1 - abandon_rate) mean_service / c (every
  // answered call is served), but as a sum of terms <= 1 it cannot round above 1 when an
  // overloaded center keeps its agents busy all but 1e-15 of the time.
  r.occupancy = (p_wait + std::exp(q.log_low_busy - q.log_total)) / total;
  r.mean_queue_length = queue_length / total;
  return r;
}

}  // namespace

double erlang_b(double offered_load, int agents) {
  if (!(offered_load >= 0) || agents < 0)
    throw std::invalid_argument("erlang_b: offered load must be >= 0 and agents >= 0");
  double b = 1;
  for (int k = 1; k <= agents; ++k) b = offered_load * b / (k + offered_load * b);
  return b;
}

double erlang_c_probability_of_wait(double offered_load, int agents) {
  if (!(offered_load >= 0) || agents < 1) {
    throw std::invalid_argument("erlang_c_probability_of_wait: offered load must be >= 0 and agents >= 1");
  }
  if (offered_load >= agents) return 1;
  const double b = erlang_b(offered_load, agents);
  return agents * b / (agents - offered_load * (1 - b));
}

double erlang_c_wait_exceeds(double arrival_rate, double mean_service, int agents, double t) {
  validate({arrival_rate, mean_service, agents, std::nullopt, t});
  const double a = arrival_rate * mean_service;
  if (a >= agents) return kNaN;
  return erlang_c_probability_of_wait(a, agents) * std::exp(-(agents / mean_service - arrival_rate) * t);
}

std::vector<double> erlang_a_state_probabilities(double arrival_rate, double mean_service, int agents,
                                                 double mean_patience) {
  validate({arrival_rate, mean_service, agents, mean_patience, 0});
  const QueueChain q = make_queue_chain(arrival_rate, mean_service, agents, 1 / mean_patience);
  const double a = arrival_rate * mean_service;
  const auto c = static_cast<std::size_t>(agents);
  std::vector<double> pi(c + static_cast<std::size_t>(q.last_stage) + 1);
  // Below c, pi_{n-1} = pi_n n / a; in logs relative to pi_c like the queue part.
  double l = 0;
  for (std::size_t n = c; n-- > 0;) {
    l += std::log(static_cast<double>(n + 1) / a);
    pi[n] = std::exp(l - q.log_total);
  }
  double lq = 0;
  for (long j = 0; j <= q.last_stage; ++j) {
    if (j > 0) lq += q.log_step(j - 1);
    pi[c + static_cast<std::size_t>(j)] = std::exp(lq - q.log_total);
  }
  double sum = 0;
  for (double p : pi) sum += p;
  for (double& p : pi) p /= sum;
  return pi;
}

ErlangResult erlang(const ErlangInput& input) {
  validate(input);
  return input.mean_patience ? erlang_a(input) : erlang_c(input);
}

}  // namespace callsim::analysis
