#pragma once
/// \file
/// What-if overrides: `--set PATH=VALUE` edits of a scenario's YAML tree, applied before
/// the tree is validated, so an override is checked exactly as the file would be. PATH is
/// dot-separated keys; in a list, a key selects the item with that `name`, a whole number
/// the item at that 0-based index, and `*` every item. VALUE is parsed as YAML. See
/// docs/scenario.md, "What-if overrides". Internal to scenarios/ (loader.hpp is the API).

#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>
#include <vector>

#include "scenarios/loader.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios::detail {

/// The number of lines of `text` as yaml-cpp counts them (newlines + 1): every node of the
/// file is on a line up to this one.
int line_count(const std::string& text);

/// Applies `overrides` ("PATH=VALUE", as typed) in order to the scenario tree `root`. The
/// nodes an override adds carry lines after `file_lines` (one range per override, as many
/// lines as its value has), returned for the Reporter so that a message about them names
/// the override. Setting a key a mapping lacks adds it; a path through a missing key, an
/// unknown item name, an index out of range, a malformed override or a value that is not
/// YAML throws ScenarioError "--set PATH=VALUE: what is wrong".
std::vector<OverrideLines> apply_overrides(YAML::Node& root, const std::vector<std::string>& overrides, int file_lines);

/// A load with overrides failed with `error`, which names no override (a file line, a CSV):
/// when the file alone loads (`loads` with no override), a k is found (by halving) at which
/// the first k - 1 overrides load and the first k do not: the k-th caused the problem, and
/// the message becomes "--set PATH=VALUE: <message of that load>". Otherwise (the file's own
/// problem) `error` as is. Loads again about log2(overrides.size()) + 1 times: on the error
/// path only.
ScenarioError blame_override(const ScenarioError& error, const std::vector<std::string>& overrides,
                             const std::function<void(const std::vector<std::string>&)>& loads);

}  // namespace callsim::scenarios::detail
