#pragma once
/// \file
/// What `callsim roster` prints: the console tables and the --json object of a roster, with
/// its simulation check and repair when targets were given.

#include <optional>
#include <ostream>
#include <vector>

#include "analysis/erlang_staffing.hpp"
#include "plan/roster_mip.hpp"
#include "plan/roster_repair.hpp"

namespace callsim::app {

struct RosterReport {
  const plan::RosterProblem* problem = nullptr;
  const plan::RosterResult* mip = nullptr;
  const plan::RosterRepairResult* repair = nullptr;  ///< null: no --target
  std::vector<analysis::StaffingTarget> targets;
  double confidence = 0.95;
  double shrinkage = 0;
  bool weekly = false;       ///< requirements on a week's clock: times as "day D HH:MM"
  double counted_begin = 0;  ///< clock seconds of the simulated scenario's first interval
  double interval = 0;       ///< its reporting interval, seconds
  double seconds = 0;        ///< wall time of the whole command
};

/// The shifts of the answer (the repaired roster, else the MIP's).
const std::vector<plan::RosteredShift>& answer_shifts(const RosterReport& report);

void print_roster_table(std::ostream& out, const RosterReport& report);
void print_roster_json(std::ostream& out, const RosterReport& report);

}  // namespace callsim::app
