#include "scenarios/load_warning.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "models/call_type_means.hpp"

namespace callsim::scenarios::detail {

namespace {

// "55.6", "1.00", "1230": three significant digits without switching to exponent notation.
std::string three_significant(double value) {
  const int magnitude = value > 0 ? static_cast<int>(std::floor(std::log10(value))) : 0;
  const int decimals = std::max(0, 2 - magnitude);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

// Calls in [from, to) that find the center open.
double expected_open(const sim::PiecewiseRate& rate, const models::CenterSpec& spec, sim::Time from, sim::Time to) {
  if (spec.open_hours.empty()) return rate.expected_events(from, to);
  double calls = 0;
  for (const auto& period : spec.open_hours) {
    const sim::Time lo = std::max(from, period.from), hi = std::min(to, period.to);
    if (lo < hi) calls += rate.expected_events(lo, hi);
  }
  return calls;
}

// The mean number of the group's agents on duty over [from, to), less absenteeism.
double mean_agents(const models::AgentGroupSpec& group, sim::Time from, sim::Time to) {
  const std::vector<models::StaffingStep> steps =
      group.staffing.empty() ? std::vector<models::StaffingStep>{{sim::Time(0), group.count}} : group.staffing;
  double agent_seconds = 0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const sim::Time end = i + 1 < steps.size() ? steps[i + 1].from : sim::Time::infinity();
    const sim::Time lo = std::max(from, steps[i].from), hi = std::min(to, end);
    if (lo < hi) agent_seconds += steps[i].agents * (hi - lo).seconds();
  }
  return agent_seconds / (to - from).seconds() * (1 - group.absenteeism);
}

bool queue_bounded(const models::CallTypeSpec& type) {
  const bool always_balk = !type.balk_probability.empty() && type.balk_probability.back() >= 1;
  return type.patience.has_value() || type.queue_capacity >= 0 || always_balk;
}

}  // namespace

std::vector<double> ivr_exit_probabilities(const models::IvrSpec& ivr) {
  // Expected visits v to each node solve v = e0 + Q^T v (Q: node-to-node probabilities), a
  // small dense system; exits then get the visits times their branch probabilities.
  const std::size_t n = ivr.nodes.size();
  std::vector<std::vector<double>> a(n, std::vector<double>(n + 1, 0.0));  // [I - Q^T | e0]
  for (std::size_t i = 0; i < n; ++i) a[i][i] = 1;
  a[0][n] = 1;
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& branch : ivr.nodes[i].branches) {
      if (branch.target < n) a[branch.target][i] -= branch.probability;
    }
  }
  for (std::size_t col = 0; col < n; ++col) {  // Gaussian elimination, partial pivoting
    std::size_t pivot = col;
    for (std::size_t r = col + 1; r < n; ++r) {
      if (std::abs(a[r][col]) > std::abs(a[pivot][col])) pivot = r;
    }
    std::swap(a[col], a[pivot]);
    for (std::size_t r = 0; r < n; ++r) {
      if (r == col || a[r][col] == 0) continue;
      const double factor = a[r][col] / a[col][col];
      for (std::size_t c = col; c <= n; ++c) a[r][c] -= factor * a[col][c];
    }
  }
  std::vector<double> exits(ivr.exits.size(), 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const double visits = a[i][n] / a[i][i];
    for (const auto& branch : ivr.nodes[i].branches) {
      if (branch.target >= n) exits[branch.target - n] += visits * branch.probability;
    }
  }
  return exits;
}

void add_load_warning(const models::CenterSpec& spec, const std::string& path, std::vector<std::string>& warnings) {
  // Trunk lines bound the calls in the system: the queue cannot grow without bound.
  if (spec.trunk_lines >= 0 || std::any_of(spec.call_types.begin(), spec.call_types.end(), queue_bounded)) return;
  const sim::Time from = spec.time.warmup;
  const sim::Time to = spec.time.warmup + spec.time.duration;
  double load = 0;  // Erlangs: calls per second times mean talk time
  for (const auto& type : spec.call_types) {
    load += expected_open(type.arrivals, spec, from, to) / spec.time.duration.seconds() *
            models::mean_service(type, from, to);
  }
  if (spec.ivr) {
    const double entering = expected_open(spec.ivr->arrivals, spec, from, to) / spec.time.duration.seconds();
    const std::vector<double> shares = ivr_exit_probabilities(*spec.ivr);
    for (std::size_t e = 0; e < shares.size(); ++e) {
      const models::IvrExit& exit = spec.ivr->exits[e];
      if (exit.outcome != models::IvrOutcome::QUEUE) continue;
      load += entering * shares[e] * models::mean_service(spec.call_types[exit.call_type], from, to);
    }
  }
  double agents = 0;
  bool constant = true;  // every group a fixed count, nobody absent: a whole number to show
  for (const auto& group : spec.agent_groups) {
    agents += mean_agents(group, from, to);
    constant = constant && group.staffing.empty() && group.absenteeism == 0;
  }
  if (load < agents) return;
  const std::string staffed =
      constant ? std::to_string(static_cast<long long>(std::llround(agents))) + (agents == 1 ? " agent" : " agents")
               : three_significant(agents) + " agents on duty on average";
  warnings.push_back(path + ": offered load " + three_significant(load) + " Erlangs is at or above the " + staffed +
                     " and callers never abandon: the queue grows without bound and the results depend on the "
                     "horizon");
}

}  // namespace callsim::scenarios::detail
