#include "app/roster_scenario.hpp"

#include "scenarios/shifts_scenario.hpp"

namespace callsim::app {

std::string roster_scenario_text(const RosterScenarioSource& source, const std::vector<plan::RosteredShift>& shifts) {
  const plan::RosterProblem& problem = *source.problem;
  std::vector<scenarios::GroupShiftsOut> groups;
  for (const auto& g : problem.groups) {
    scenarios::GroupShiftsOut out{g.name, {}, source.shrinkage};
    for (const auto& s : shifts) {
      const auto& t = problem.templates.at(s.template_index);
      if (t.group != g.group || s.agents <= 0) continue;
      // Each shift carries its cost per agent, so reports of the written scenario show the roster's cost.
      scenarios::ShiftOut shift{
          s.start, s.start + t.length, s.agents, {}, t.cost_per_paid_hour * t.paid_seconds() / 3600};
      for (const auto& p : s.breaks)
        shift.breaks.push_back({s.start + p.offset, t.breaks.at(p.break_index).length, p.agents});
      out.shifts.push_back(std::move(shift));
    }
    if (!out.shifts.empty()) groups.push_back(std::move(out));
  }
  return scenarios::scenario_with_shifts(source.scenario->text, source.scenario->path, source.out_path, groups,
                                         "-roster", std::string(kRosterHeader) + "\n" + source.provenance);
}

scenarios::LoadedScenario load_roster_scenario(const RosterScenarioSource& source,
                                               const std::vector<plan::RosteredShift>& shifts) {
  return scenarios::load_scenario_text(roster_scenario_text(source, shifts), source.out_path);
}

}  // namespace callsim::app
