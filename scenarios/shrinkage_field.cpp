#include "scenarios/shrinkage_field.hpp"

#include "scenarios/staffing_scale.hpp"

namespace callsim::scenarios::detail {

void apply_shrinkage(const Reporter& reporter, const Fields& fields, const std::string& label,
                     models::AgentGroupSpec& group) {
  const auto entry = fields.find("shrinkage");
  if (!entry) return;
  const std::string path = fields.path("shrinkage");
  if (!fields.find("shifts")) {
    reporter.fail(entry->line(), path + " applies to rostered shifts, and " + label +
                                     " gives agents on duty (count or staffing) already; remove shrinkage, or "
                                     "give the group shifts");
  }
  const double shrinkage = read_number_in(reporter, *entry, path, NumberRange{0, false, 1, true});
  bool anyone = false;
  for (auto& step : group.staffing) {
    step.agents = *scaled_agents(step.agents, 1 - shrinkage);  // fewer agents: always fits
    anyone = anyone || step.agents > 0;
  }
  if (!anyone) {
    reporter.fail(entry->line(), path + " " + entry->value.Scalar() + " leaves " + label +
                                     " no agent on duty at any time (each step's agents x (1 - shrinkage) rounds "
                                     "to 0); give a smaller shrinkage or more agents on shift");
  }
}

}  // namespace callsim::scenarios::detail
