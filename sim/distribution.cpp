#include "sim/distribution.hpp"
#include "sim/distribution_params.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace callsim::sim {

namespace detail {
std::string format_param(double value, bool is_duration);
}  // namespace detail

namespace {

using Registry = std::map<std::string, DistributionInfo, std::less<>>;

/// The registry, built on first use. Distribution files register from their own static
/// initialisers, whose order across translation units is unspecified: a namespace-scope
/// map might not be constructed yet when the first of them runs.
Registry& registry() {
  static Registry entries;
  return entries;
}

/// `distribution`'s parameter `key`, checked: present, finite, and greater than 0 (or at
/// least 0 when `zero_allowed`). Throws DistributionError with a planner-readable sentence.
double checked_param(const DistributionParams& params, std::string_view distribution, std::string_view key,
                     bool is_duration, bool zero_allowed) {
  const auto prefix = std::string(distribution) + " '" + std::string(key) + "' must ";
  const auto it = params.scalars.find(key);
  if (it == params.scalars.end()) {
    throw DistributionError(std::string(distribution) + " needs '" + std::string(key) + "' (" +
                            (is_duration ? "a duration such as 180s)" : "a number such as 0.8)"));
  }
  const double value = it->second;
  if (!std::isfinite(value)) {
    throw DistributionError(prefix + (is_duration ? "be a finite duration" : "be a finite number") + ", got " +
                            detail::format_param(value, is_duration));
  }
  if (zero_allowed ? value < 0 : value <= 0) {
    throw DistributionError(prefix + (zero_allowed ? "be at least 0" : "be greater than 0") + ", got " +
                            detail::format_param(value, is_duration));
  }
  return value;
}

}  // namespace

std::vector<const DistributionInfo*> registered_distributions() {
  std::vector<const DistributionInfo*> out;
  out.reserve(registry().size());
  for (const auto& [name, info] : registry()) out.push_back(&info);  // std::map: already sorted
  return out;
}

const DistributionInfo* find_distribution(std::string_view name) {
  const auto it = registry().find(name);
  return it == registry().end() ? nullptr : &it->second;
}

bool register_distribution(DistributionInfo info) {
  // A programming error, found at start-up: throwing from a static initialiser terminates
  // with this message, which beats silently keeping one of two same-named models.
  if (info.name.empty() || info.make == nullptr) {
    throw std::logic_error("a distribution needs a name and a make function");
  }
  std::string name = info.name;
  if (!registry().emplace(name, std::move(info)).second) {
    throw std::logic_error("distribution '" + name + "' is registered twice");
  }
  return true;
}

Distribution make_distribution(std::string_view name, const DistributionParams& params) {
  if (const DistributionInfo* info = find_distribution(name)) return info->make(params);
  std::string valid;
  for (const auto& [known, info] : registry()) valid += (valid.empty() ? "" : ", ") + known;
  throw DistributionError("unknown distribution '" + std::string(name) + "'; valid values are: " + valid);
}

// Declared in sim/distribution_params.hpp: shared by the distribution files, so every distribution
// words its parameter errors the same way.
namespace detail {

/// `value` as a planner would write it: up to 6 significant digits, "s" after durations.
std::string format_param(double value, bool is_duration) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return std::string(buffer) + (is_duration && std::isfinite(value) ? "s" : "");
}

/// A required duration parameter (seconds) that must be finite and greater than 0.
double positive_duration(const DistributionParams& params, std::string_view distribution, std::string_view key) {
  return checked_param(params, distribution, key, true, false);
}

/// A required duration parameter (seconds) that must be finite and at least 0.
double non_negative_duration(const DistributionParams& params, std::string_view distribution, std::string_view key) {
  return checked_param(params, distribution, key, true, true);
}

/// A required plain-number parameter (cv, shape) that must be finite and greater than 0.
double positive_number(const DistributionParams& params, std::string_view distribution, std::string_view key) {
  return checked_param(params, distribution, key, false, false);
}

}  // namespace detail

}  // namespace callsim::sim
