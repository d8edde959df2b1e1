#pragma once
/// \file
/// What `callsim staff` prints: per interval the offered calls, the load, the Erlang
/// requirement (the whole center as one pool), the agents found per group and the
/// simulated KPI of each target with its one-sided bound; then the totals in agent-hours
/// and in FTE after shrinkage. As a table or one JSON object.

#include <ostream>
#include <string>

#include "plan/staffing_search.hpp"
#include "scenarios/loader.hpp"

namespace callsim::app {

struct StaffOutputOptions {
  double shrinkage = 0;  ///< share of paid time not available
  double fte_hours = 8;  ///< paid hours of one full-time agent per day
  double seconds = 0;    ///< wall time of the search
  unsigned threads = 1;
  std::string out_path;  ///< the CSV written, or empty
};

/// Agent-hours, paid hours and FTE of a plan: what the totals line and JSON say.
struct StaffTotals {
  double agent_hours = 0;         ///< on duty over the counted period
  double erlang_agent_hours = 0;  ///< of the pooled Erlang requirement
  double paid_hours = 0;          ///< agent_hours / (1 - shrinkage)
  double days = 0;                ///< days the counted period touches, at least 1
  double fte = 0;                 ///< paid_hours / (fte_hours x days)
};

StaffTotals staff_totals(const scenarios::LoadedScenario& scenario, const plan::StaffingSearchResult& result,
                         const StaffOutputOptions& options);

void print_staff_table(std::ostream& out, const scenarios::LoadedScenario& scenario,
                       const plan::StaffingSearchSettings& search, const plan::StaffingSearchResult& result,
                       const StaffOutputOptions& options);

void print_staff_json(std::ostream& out, const scenarios::LoadedScenario& scenario,
                      const plan::StaffingSearchSettings& search, const plan::StaffingSearchResult& result,
                      const StaffOutputOptions& options);

}  // namespace callsim::app
