#pragma once
/// \file
/// Parameter checks shared by the distribution files (defined in sim/distribution.cpp), so
/// every distribution words its parameter errors the same way. Not for use outside sim/.

#include <string>
#include <string_view>

#include "sim/distribution.hpp"

namespace callsim::sim::detail {

/// `value` as a planner would write it: up to 6 significant digits, "s" after durations.
std::string format_param(double value, bool is_duration);
/// A required duration parameter (seconds) that must be finite and greater than 0.
double positive_duration(const DistributionParams& params, std::string_view distribution, std::string_view key);
/// A required duration parameter (seconds) that must be finite and at least 0.
double non_negative_duration(const DistributionParams& params, std::string_view distribution, std::string_view key);
/// A required plain-number parameter (cv, shape) that must be finite and greater than 0.
double positive_number(const DistributionParams& params, std::string_view distribution, std::string_view key);

/// The standard normal quantile Phi^-1(p) for p in (0, 1), to about 1e-16 relative
/// (Wichura's AS 241); defined in sim/distribution_lognormal.cpp.
double normal_quantile(double p);

}  // namespace callsim::sim::detail
