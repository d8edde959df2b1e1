#pragma once
/// \file
/// A staffing plan as the scenario's staffing CSV (`interval_start,<group>,...`, whole agents
/// per interval), written from the very rows the search simulated (plan/staffing_plan.hpp),
/// so `staffing: plan.csv` in each agent group runs what `callsim staff` found.

#include <optional>
#include <string>
#include <vector>

#include "models/center_spec.hpp"
#include "plan/staffing_plan.hpp"

namespace callsim::app {

/// Why the plan of a scenario with this time frame cannot be written as a staffing CSV
/// (clock times there are whole minutes and at most day 7), or nullopt when it can.
std::optional<std::string> staffing_csv_problem(const models::TimeSpec& time, std::size_t intervals);

/// The CSV text: a header `interval_start,<group names>`, then one row per plan row, times
/// as "HH:MM", or "D HH:MM" for every row when some row lies past the first day.
std::string staffing_csv(const models::TimeSpec& time, const plan::StaffingPlan& plan,
                         const std::vector<std::string>& group_names);

}  // namespace callsim::app
