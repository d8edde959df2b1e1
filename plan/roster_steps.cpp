#include "plan/roster_steps.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace callsim::plan {

std::vector<std::vector<models::StaffingStep>> roster_steps(const RosterProblem& problem,
                                                            const std::vector<RosteredShift>& shifts,
                                                            std::size_t groups, double clock_start) {
  // Net change of agents on duty per simulation time, per group; std::map keeps them sorted.
  std::vector<std::map<double, int>> changes(groups);
  for (const auto& s : shifts) {
    const auto& t = problem.templates.at(s.template_index);
    if (t.group >= groups) continue;
    auto& c = changes[t.group];
    auto at = [&](double clock) { return std::max(0.0, clock - clock_start); };
    c[at(s.start)] += s.agents;
    c[at(s.start + t.length)] -= s.agents;
    for (const auto& p : s.breaks) {
      const auto& br = t.breaks.at(p.break_index);
      c[at(s.start + p.offset)] -= p.agents;
      c[at(s.start + p.offset + br.length)] += p.agents;
    }
  }
  std::vector<std::vector<models::StaffingStep>> steps(groups);
  for (std::size_t g = 0; g < groups; ++g) {
    int on_duty = 0;
    for (const auto& [time, delta] : changes[g]) {
      on_duty += delta;
      auto& out = steps[g];
      if (!out.empty() && out.back().agents == on_duty) continue;
      if (out.empty() && on_duty == 0) continue;
      out.push_back({sim::Time{time}, on_duty});
    }
  }
  return steps;
}

int rostered_for_on_duty(int on_duty, double shrinkage) {
  if (on_duty <= 0) return 0;
  const double keep = 1 - shrinkage;
  // As scenarios/staffing_scale.cpp rounds: a product within 1e-9 of a half is that half.
  auto on_duty_of = [&](int rostered) {
    double product = static_cast<double>(rostered) * keep;
    const double half = std::round(product * 2) / 2;
    if (std::abs(product - half) <= 1e-9 * std::max(1.0, product)) product = half;
    return static_cast<long>(std::round(product));
  };
  int rostered = static_cast<int>(std::ceil((on_duty - 0.5) / keep));
  while (rostered > 0 && on_duty_of(rostered - 1) >= on_duty) --rostered;
  while (on_duty_of(rostered) < on_duty) ++rostered;
  return rostered;
}

}  // namespace callsim::plan
