#include "scenarios/staffing_scale.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>

#include "scenarios/limits.hpp"

namespace callsim::scenarios::detail {

std::optional<int> scaled_agents(int agents, double scale) {
  double product = agents * scale;
  const double half = std::round(product * 2) / 2;
  if (std::abs(product - half) <= 1e-9 * std::max(1.0, std::abs(product))) product = half;
  const double rounded = std::round(product);  // halves away from zero
  if (!(std::abs(rounded) <= INT_MAX)) return std::nullopt;
  return static_cast<int>(rounded);
}

double apply_staffing_scale(const Reporter& reporter, const Fields& fields, const std::string& label,
                            models::AgentGroupSpec& group) {
  const auto entry = fields.find("staffing_scale");
  if (!entry) return 1;
  const std::string path = fields.path("staffing_scale");
  const double scale =
      read_number_in(reporter, *entry, path, NumberRange{0, true, std::numeric_limits<double>::infinity(), false});
  const std::string written = entry->value.Scalar();
  const auto scaled = [&](int agents) {
    const auto result = scaled_agents(agents, scale);
    if (!result || *result > limits::kAgentsPerGroup) {
      reporter.fail(entry->line(), path + " " + written + " gives " + label + " " + std::to_string(agents) + " x " +
                                       written + " agents, more than " + std::to_string(limits::kAgentsPerGroup) +
                                       " (the most a group may have on duty at once); give a smaller staffing_scale");
    }
    return *result;
  };
  // The count, or the steps: the loader fills one of the two (see read_staffing).
  bool anyone = false;
  if (group.staffing.empty()) {
    group.count = scaled(group.count);
    anyone = group.count > 0;
  }
  for (auto& step : group.staffing) {
    step.agents = scaled(step.agents);
    anyone = anyone || step.agents > 0;
  }
  if (!anyone) {
    reporter.fail(entry->line(), path + " " + written + " leaves " + label +
                                     " no agent on duty at any time: every number of its agents times " + written +
                                     " rounds to 0; give a larger staffing_scale");
  }
  return scale;
}

}  // namespace callsim::scenarios::detail
