#pragma once
/// \file
/// Reads one distribution mapping of a scenario, e.g. `{distribution: exponential, mean: 180s}`.
/// Names and parameters come from the sim distribution registry, never from a list here,
/// so a newly registered distribution is usable in scenarios without touching this file.

#include <string>
#include <vector>

#include "scenarios/yaml_checks.hpp"
#include "sim/distribution.hpp"

namespace callsim::scenarios::detail {

/// The distribution at `entry`; `path` names it in messages ("call_types[0].service").
/// Duration parameters take units and must be >= 0 (converted to seconds), number
/// parameters are plain numbers, list parameters are lists. Unknown names and keys fail
/// with the valid ones listed; the registry's own checks (missing or inconsistent
/// parameters) fail as "FILE:LINE: PATH: <registry sentence>". `also_allowed`: keys of the
/// mapping that belong to its owner and are read there (a period's `from` and `to`).
sim::Distribution read_distribution(const Reporter& reporter, const Entry& entry, const std::string& path,
                                    const std::vector<std::string>& also_allowed = {});

/// An optional distribution key that is present (patience, wrap_up, an IVR node's duration):
/// as read_distribution, but an empty value is refused with "PATH is empty; give a
/// distribution such as EXAMPLE, or remove the key WITHOUT" (an empty key is more likely an
/// unfinished edit than a wish for the default, which is written by leaving the key out).
sim::Distribution read_given_distribution(const Reporter& reporter, const Entry& entry, const std::string& path,
                                          std::string_view example, std::string_view without);

/// The example every distribution message cites.
inline constexpr std::string_view kDistributionExample = "{distribution: exponential, mean: 180s}";

}  // namespace callsim::scenarios::detail
