#include "models/routing_params.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "models/center_spec.hpp"

namespace callsim::models {

std::size_t param_cells(PolicyParamScope scope, std::size_t types, std::size_t groups) {
  switch (scope) {
    case PolicyParamScope::kCenter: return 1;
    case PolicyParamScope::kGroup: return groups;
    case PolicyParamScope::kType: return types;
    case PolicyParamScope::kTypeGroup: return types * groups;
  }
  return 1;
}

std::vector<double> param_values(const CenterSpec& spec, const PolicyParamInfo& info) {
  const std::size_t cells = param_cells(info.scope, spec.call_types.size(), spec.agent_groups.size());
  const auto& params = spec.routing.params;
  const auto given = std::find_if(params.begin(), params.end(), [&](const auto& p) { return p.name == info.name; });
  if (given == params.end()) return std::vector<double>(cells, info.default_value);
  // The loader sizes every table for its spec; another size means the spec changed since.
  if (given->values.size() != cells)
    throw std::invalid_argument("routing parameter '" + std::string(info.name) + "' has " +
                                std::to_string(given->values.size()) + " values where the center needs " +
                                std::to_string(cells));
  return given->values;
}

double call_type_key(const CallTypeSpec& type, const CallTypeKeyInfo& key) {
  for (const auto& given : type.policy_keys)
    if (given.name == key.name) return given.value;
  return key.default_value;
}

std::string_view unit_name(PolicyParamUnit unit) {
  switch (unit) {
    case PolicyParamUnit::kSeconds: return "duration";
    case PolicyParamUnit::kCount: return "count";
    case PolicyParamUnit::kProbability: return "probability";
    case PolicyParamUnit::kWeight: return "weight";
  }
  return "";
}

std::string_view scope_name(PolicyParamScope scope) {
  switch (scope) {
    case PolicyParamScope::kCenter: return "";
    case PolicyParamScope::kGroup: return "per agent group";
    case PolicyParamScope::kType: return "per call type";
    case PolicyParamScope::kTypeGroup: return "per call type and agent group";
  }
  return "";
}

}  // namespace callsim::models
