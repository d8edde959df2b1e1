#pragma once
/// \file
/// Reads an agent group's `staffing: plan.csv`: agents on duty per interval, in the layout of
/// a forecast (see forecast_csv.hpp) with one column per agent group, into staffing steps on
/// the simulation clock.

#include <string>
#include <vector>

#include "models/center_spec.hpp"
#include "scenarios/load_context.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios::detail {

/// The steps of the staffing plan named at `entry` for the group `group` (its column): one
/// step per row that reaches past time.start (a row time.start falls into counts from time 0),
/// then 0 agents from the end of the last row. Counts are numbers >= 0, checked with the
/// CSV's file and line; a fraction n + f is n + 1 agents for the first f of the interval (its
/// last f when the next row has more agents). A plan that misses the simulated period is an error, one that
/// covers the counted period only in part a warning (0 agents outside it).
std::vector<models::StaffingStep> read_staffing_plan(const Reporter& reporter, const Entry& entry,
                                                     const std::string& path, const std::string& group,
                                                     LoadContext& context);

}  // namespace callsim::scenarios::detail
