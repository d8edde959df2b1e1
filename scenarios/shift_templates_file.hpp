#pragma once
/// \file
/// Reads a shift templates file (templates.yaml, docs/roster.md) for `callsim roster` into
/// models::ShiftTemplate values. Every problem is one ScenarioError "FILE:LINE: what is wrong;
/// what is valid".

#include <string>
#include <vector>

#include "models/shift_template.hpp"

namespace callsim::scenarios {

/// Parses the templates in `text`; messages name `path_for_messages`. `groups` are the
/// scenario's agent group names, in order: each template's `group` must be one of them.
std::vector<models::ShiftTemplate> parse_shift_templates(const std::string& text, const std::string& path_for_messages,
                                                         const std::vector<std::string>& groups);

/// Reads the file at `path` and parses it as above. Throws ScenarioError.
std::vector<models::ShiftTemplate> read_shift_templates(const std::string& path,
                                                        const std::vector<std::string>& groups);

}  // namespace callsim::scenarios
