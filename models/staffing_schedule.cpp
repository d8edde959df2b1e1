#include "models/staffing_schedule.hpp"

namespace callsim::models {

std::vector<StaffingStep> staffing_steps(const AgentGroupSpec& group) {
  if (!group.staffing.empty()) return group.staffing;
  return {StaffingStep{sim::Time(0), group.count}};
}

}  // namespace callsim::models
