#include "models/routing_policies.hpp"

#include <algorithm>
#include <vector>

namespace callsim::models {

namespace {

template <class... Policies>
std::vector<RoutingPolicyInfo> infos_of(PolicyList<Policies...>) {
  std::vector<RoutingPolicyInfo> infos{{Policies::kName, Policies::kDescription, Policies::kParams}...};
  std::sort(infos.begin(), infos.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return infos;
}

const std::vector<RoutingPolicyInfo>& all() {
  static const std::vector<RoutingPolicyInfo> infos = infos_of(RoutingPolicies{});
  return infos;
}

}  // namespace

std::span<const RoutingPolicyInfo> routing_policies() { return all(); }

const RoutingPolicyInfo* find_routing_policy(std::string_view name) {
  for (const auto& info : all())
    if (info.name == name) return &info;
  return nullptr;
}

}  // namespace callsim::models
