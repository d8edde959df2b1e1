#pragma once
/// \file
/// Reads `open_hours`: when the center takes calls, as periods `{from: 07:00, to: 24:00}` on
/// the clock of time.start (see clock_field.hpp), into simulation time.

#include <vector>

#include "models/center_spec.hpp"
#include "scenarios/load_context.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios::detail {

/// The periods at `entry`, in the order given, which must be time order without overlap
/// (touching is fine). A period that began before time.start counts from time 0, one that
/// ended by then is dropped; if none is open during the simulated period, that is an error
/// (the center would take no call). Nothing repeats: periods are those of the days written.
std::vector<models::OpenPeriod> read_open_hours(const Reporter& reporter, const Entry& entry,
                                                const LoadContext& context);

}  // namespace callsim::scenarios::detail
