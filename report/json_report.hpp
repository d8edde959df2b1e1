#pragma once
/// \file
/// The machine-readable summary of `callsim run --json`:
/// {"runs": {"<run>": {"<kpi>": {"mean": x, "ci95": h}, ...}}, "calls_simulated": n,
///  "wall_seconds": w}. Numbers carry 17 significant digits (exact round trip); an undefined
/// KPI is null. `callsim compare` adds, after "runs",
/// "comparison": {"baseline": "<run>", "variants": {"<run>": {"<kpi>": {"difference": d,
///   "ci95": h, "significant": true|false}, ...}}} (day-level paired differences, variant
/// minus baseline) and, in its sequential mode, "sequential": {"kpi": "<kpi>",
///  "target_ci": H, "half_width": h, "replications": n, "target_met": true|false}.

#include <cstdint>
#include <ostream>
#include <vector>

#include "analysis/comparison.hpp"
#include "analysis/run_result.hpp"

namespace callsim::report {

void write_json_summary(std::ostream& out, const std::vector<analysis::RunResult>& runs, std::uint64_t calls_simulated,
                        double wall_seconds, const analysis::Comparison* comparison = nullptr,
                        const analysis::SequentialOutcome* sequential = nullptr);

/// `s` as a JSON string literal, quotes included.
std::string json_string(std::string_view s);
/// `v` as a JSON number with 17 significant digits, or null when not finite.
std::string json_number(double v);

}  // namespace callsim::report
