#pragma once
/// \file
/// The "none" answers of routing decisions, shared by the policies and the components
/// they read (models/routing_view.hpp).

#include <cstdint>
#include <limits>

namespace callsim::models {

inline constexpr std::uint32_t kNoAgent = ~0u;
inline constexpr std::uint32_t kNoType = ~0u;
inline constexpr double kNobodyWaits = std::numeric_limits<double>::infinity();

}  // namespace callsim::models
