#pragma once
/// \file
/// Staffing targets as typed on the command line: `--target 'service_level>=0.8'`,
/// `--target 'asa <= 30s'`, `--target 'abandon_rate<=5%'`. Shared by the commands that
/// answer "how many agents" (`callsim erlang --target`, later `callsim staff`).
///
/// Syntax: KPI, then >= or <=, then a value; spaces are allowed around each part. Fractions
/// (service levels, p_wait, abandon_rate, occupancy) are a number from 0 to 1 or a percentage
/// ("80%"); asa and awt a duration ("20s", "1.5min") or a plain number of seconds;
/// mean_queue_length a number of calls. The KPI must take the bound in its natural direction
/// (analysis/erlang_staffing.hpp).

#include <string>
#include <string_view>

#include "analysis/erlang_staffing.hpp"

namespace callsim::app {

/// For messages and --help: "KPI>=X or KPI<=X, e.g. service_level>=0.8, asa<=20s".
inline constexpr std::string_view kTargetHelp =
    "KPI>=VALUE or KPI<=VALUE, e.g. 'service_level>=0.8', 'service_level>=80%' or 'asa<=20s'";

/// The target in `text`. Throws OptionError with one sentence naming the option and the text,
/// e.g. "--target 'asa>=20' is not valid: 'asa' takes an upper bound (asa<=X): ...".
analysis::StaffingTarget parse_target(std::string_view option, const std::string& text);

/// "service_level >= 80%", "asa <= 20 s": a target as people read it.
std::string describe_target(const analysis::StaffingTarget& target);

}  // namespace callsim::app
