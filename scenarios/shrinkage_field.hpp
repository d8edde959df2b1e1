#pragma once
/// \file
/// An agent group's `shrinkage`: the share of rostered time its agents are not available
/// to take calls (meetings, training, coaching, short absences). It applies to `shifts`, the
/// rostered agents: the loader gives each staffing step the shifts resolve into
/// agents x (1 - shrinkage) agents on duty, rounded to the nearest whole number (halves
/// away from zero, as staffing_scale). A `count` or a `staffing` plan already gives agents
/// on duty, so shrinkage there is an error. Whole-day absence is `absenteeism` (random, per
/// agent and day); shrinkage is the planned, steady share.

#include <string>

#include "models/center_spec.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios::detail {

/// Reads `shrinkage` (a plain number from 0 to below 1, default 0) from `fields` and
/// applies it to the steps of `group` (already read from its shifts). Fails when the group
/// has no shifts, or when shrinkage leaves nobody on duty at any time.
void apply_shrinkage(const Reporter& reporter, const Fields& fields, const std::string& label,
                     models::AgentGroupSpec& group);

}  // namespace callsim::scenarios::detail
