#include "models/routing_policies.hpp"

#include <algorithm>
#include <vector>

namespace callsim::models {

namespace {

template <class Policy>
constexpr std::span<const CallTypeKeyInfo> call_type_keys_of() {
  if constexpr (requires { Policy::kCallTypeKeys; }) {
    return Policy::kCallTypeKeys;
  } else {
    return {};
  }
}

template <class... Policies>
std::vector<RoutingPolicyInfo> infos_of(PolicyList<Policies...>) {
  std::vector<RoutingPolicyInfo> infos{
      {Policies::kName, Policies::kDescription, Policies::kParams, call_type_keys_of<Policies>()}...};
  std::sort(infos.begin(), infos.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return infos;
}

const std::vector<RoutingPolicyInfo>& all() {
  static const std::vector<RoutingPolicyInfo> infos = infos_of(RoutingPolicies{});
  return infos;
}

const std::vector<CallTypeKeyInfo>& all_call_type_keys() {
  static const std::vector<CallTypeKeyInfo> keys = [] {
    std::vector<CallTypeKeyInfo> out;
    for (const auto& policy : all()) {
      for (const auto& key : policy.call_type_keys) {
        const bool known = std::any_of(out.begin(), out.end(), [&](const auto& k) { return k.name == key.name; });
        if (!known) out.push_back(key);
      }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
  }();
  return keys;
}

}  // namespace

std::span<const RoutingPolicyInfo> routing_policies() { return all(); }

std::span<const CallTypeKeyInfo> policy_call_type_keys() { return all_call_type_keys(); }

const RoutingPolicyInfo* find_routing_policy(std::string_view name) {
  for (const auto& info : all())
    if (info.name == name) return &info;
  return nullptr;
}

}  // namespace callsim::models
