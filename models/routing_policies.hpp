#pragma once
/// \file
/// Names of the routing policies the models implement, for validation and listings.

#include <span>
#include <string_view>

namespace callsim::models {

/// A routing policy's name and its one-line description.
struct RoutingPolicyInfo {
  std::string_view name;
  std::string_view description;
};

/// Every routing policy the call-center model knows, sorted by name.
std::span<const RoutingPolicyInfo> routing_policies();

}  // namespace callsim::models
