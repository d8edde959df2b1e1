#include "plan/roster_steps.hpp"

#include <algorithm>
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

}  // namespace callsim::plan
