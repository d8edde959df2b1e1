#pragma once
/// \file
/// The dashboard of one run: headline KPIs against targets, per-interval charts (service
/// level, waiting, abandonment, occupancy, volume against forecast, staffing present
/// against required), the waiting-time distribution, per call type and agent group
/// tables, costs, and the interval table.

#include <optional>
#include <string>

#include "analysis/run_result.hpp"
#include "report/run_context.hpp"
#include "report/wait_distribution.hpp"

namespace callsim::report {

/// What the sections of one run are drawn from.
struct RunView {
  const analysis::RunResult* run = nullptr;
  const RunContext* context = nullptr;
  std::size_t index = 0;         ///< run number in the file: element ids start "r<index>-"
  double sl_target = 0.8;        ///< service-level target (fraction)
  std::string sl_target_source;  ///< where the target comes from, for the page
  double shrinkage = 0;          ///< for required staffing, in [0, 1)
  WaitDistribution waits;
};

/// The sections of one run, each a <section class="card" id="r<index>-<name>"> with names
/// headline, service-level, asa, abandonment, occupancy, volume, staffing, wait-distribution,
/// call-types, agent-groups, costs (only with prices), intervals, notes (only with notes).
std::string html_run_sections(const RunView& view);

}  // namespace callsim::report
