#pragma once
/// \file
/// Exact stationary figures of the single-queue models a simulation should reproduce:
/// Erlang C (M/M/c) and Erlang A (M/M/c+M, exponential patience).
///
/// Every figure follows the KPI definitions of analysis/kpi.cpp, seen by an arriving call
/// (stationary, PASTA), with W the call's time in queue and T the service-level threshold:
///
/// | field                    | definition                                                |
/// |--------------------------|-----------------------------------------------------------|
/// | p_wait                   | P(W > 0): all agents busy on arrival                      |
/// | service_level            | P(answered, W <= T) / (1 - P(abandoned, W <= T))          |
/// | service_level_answered   | P(answered, W <= T) / P(answered)                         |
/// | service_level_offered    | P(answered, W <= T)                                       |
/// | asa                      | E[W | answered], s                                         |
/// | awt                      | E[W] over answered and abandoned calls (zeros included), s|
/// | abandon_rate             | P(abandoned)                                              |
/// | occupancy                | lambda (1 - abandon_rate) mean_service / agents           |
/// | mean_queue_length        | E[calls waiting], time average                            |

#include <optional>
#include <vector>

namespace callsim::analysis {

/// One single-queue, single-skill center in steady state.
struct ErlangInput {
  double arrival_rate = 0;              ///< calls per second, > 0
  double mean_service = 0;              ///< mean handling time (AHT), s, > 0
  int agents = 0;                       ///< agents staffed, >= 1
  std::optional<double> mean_patience;  ///< mean patience, s, > 0; nullopt = Erlang C
  double threshold = 20;                ///< service-level threshold T, s, >= 0
};

/// Stationary figures of an ErlangInput; see the file comment for the definitions.
struct ErlangResult {
  double offered_load = 0;            ///< Erlangs = arrival_rate * mean_service
  bool stable = true;                 ///< false only for Erlang C with offered_load >= agents
  double p_wait = 0;                  ///< fraction of calls that wait (W > 0)
  double service_level = 0;           ///< fraction, answered within T / (answered + abandoned after T)
  double service_level_answered = 0;  ///< fraction, answered within T / answered
  double service_level_offered = 0;   ///< fraction, answered within T / offered
  double asa = 0;                     ///< s, mean wait of answered calls
  double awt = 0;                     ///< s, mean wait of all calls (answered or abandoned)
  double abandon_rate = 0;            ///< fraction of offered calls that abandon
  double occupancy = 0;               ///< fraction of agent time in service
  double mean_queue_length = 0;       ///< calls waiting, time average
};

/// Erlang B blocking probability B(c, a) of an M/M/c/c loss system with offered load `a`
/// Erlangs (>= 0) and `c` >= 0 servers, by the recursion B(k) = a B(k-1) / (k + a B(k-1)),
/// which stays in [0, 1] for any c. O(c).
double erlang_b(double offered_load, int agents);

/// Erlang C probability of waiting C(c, a) = P(W > 0) of an M/M/c queue with offered load
/// `a` Erlangs and `c` >= 1 agents: c B / (c - a (1 - B)) with B = erlang_b(a, c).
/// Returns 1 when a >= c (every call waits in the unstable limit). O(c).
double erlang_c_probability_of_wait(double offered_load, int agents);

/// Erlang C tail of the wait P(W > t) = C(c, a) exp(-(c mu - lambda) t) for t >= 0 seconds,
/// lambda in calls/s and mean_service = 1/mu in s. NaN when unstable (a >= c). O(c).
double erlang_c_wait_exceeds(double arrival_rate, double mean_service, int agents, double t);

/// Stationary probabilities pi_n, n = 0, 1, ..., of the number of calls in an M/M/c+M
/// system (birth rate lambda; death rate n mu up to c, c mu + (n - c) theta above), with
/// theta = 1 / mean_patience. Truncated where the remaining tail is below 1e-17 of the
/// total; the returned values sum to 1. Meant for checks and plots; erlang() streams the
/// same numbers without storing them. O(length).
std::vector<double> erlang_a_state_probabilities(double arrival_rate, double mean_service, int agents,
                                                 double mean_patience);

/// Erlang C (mean_patience unset) or Erlang A figures of `input`.
///
/// Erlang C: closed forms, O(c); when offered_load >= agents, stable = false, every
/// waiting figure (p_wait, service levels, asa, awt, mean_queue_length) is NaN,
/// abandon_rate 0 and occupancy 1.
///
/// Erlang A is always stable. Stationary law of the birth-death chain (in logs, tail cut
/// below 1e-17 of the waiting states), then a tagged arriving call's chain over its queue
/// positions: closed recurrences for P(answered), E[W], E[W | answered]; uniformization
/// (Poisson mass cut below 1e-14) for P(answered, W <= T) and P(abandoned, W <= T).
/// Figures are exact to about 1e-14 absolute (relative for the waiting means). Cost
/// O(c + Q + S * min(Lambda T, jumps until the tagged call is done)), with Q the queue
/// lengths that carry mass, S <= Q the positions from which a call can be answered within
/// T and Lambda ~ c mu + S theta; microseconds to milliseconds for usual centers.
///
/// Throws std::invalid_argument when arrival_rate <= 0, mean_service <= 0, agents < 1,
/// mean_patience <= 0, threshold < 0 or any value is not finite; std::domain_error when
/// an Erlang A case is too large to compute exactly: a queue settling above ten million
/// calls (patience far too long for an overloaded center), or more than 1e10 steps for
/// the service level (thresholds of hours with thousands of agents).
ErlangResult erlang(const ErlangInput& input);

}  // namespace callsim::analysis
