#pragma once
/// \file
/// Exact Erlang C / Erlang A figures beside simulated ones, for the scenarios those formulas
/// describe exactly, so a planner sees at a glance how far reality (or the simulation)
/// departs from the textbook.

#include <optional>
#include <string_view>

#include "analysis/erlang.hpp"
#include "models/center_spec.hpp"

namespace callsim::analysis {

/// The exact steady-state figures of `spec`, or nullopt when no Erlang formula describes it
/// exactly: it must have one call type with constant-rate Poisson arrivals, exponential
/// service, exponential patience or none (Erlang A / Erlang C), one group of constant size,
/// and none of: IVR, opening hours, busyness, wrap-up, queue capacity, balking, retrials,
/// absenteeism, talk multipliers, trace replay.
std::optional<ErlangResult> erlang_reference(const models::CenterSpec& spec);

/// The exact value of KPI `kpi` (a kpi_definitions() name) for one counted period of
/// `spec`, or NaN where Erlang gives none (unstable queue). Counts are expected values.
double erlang_kpi_value(const ErlangResult& exact, const models::CenterSpec& spec, std::string_view kpi);

}  // namespace callsim::analysis
