#include "models/agent_pool.hpp"

#include <stdexcept>
#include <string>

namespace callsim::models {

std::vector<std::vector<std::uint32_t>> resolve_skills(const CenterSpec& spec) {
  std::vector<std::vector<std::uint32_t>> skills(spec.agent_groups.size());
  for (std::size_t g = 0; g < spec.agent_groups.size(); ++g) {
    for (const std::string& name : spec.agent_groups[g].skills) {
      std::uint32_t k = 0;
      while (k < spec.call_types.size() && spec.call_types[k].name != name) ++k;
      if (k == spec.call_types.size()) {
        throw std::invalid_argument("agent group '" + spec.agent_groups[g].name + "' has skill '" + name +
                                    "', which no call type defines");
      }
      skills[g].push_back(k);
    }
  }
  return skills;
}

}  // namespace callsim::models
