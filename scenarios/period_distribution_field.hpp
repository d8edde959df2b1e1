#pragma once
/// \file
/// Reads a call type's `service_by_period`, `patience_by_period` or `wrap_up_by_period`: a
/// list of periods of the day, each a distribution mapping with `from` and `to` clock times,
/// e.g. `{from: 11:00, to: 14:00, distribution: lognormal, mean: 5min, cv: 1.1}` (see
/// docs/scenario.md), into simulation time (models/period_distribution.hpp).

#include <string>
#include <vector>

#include "models/period_distribution.hpp"
#include "scenarios/load_context.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios::detail {

/// The periods at `entry`, named `path` in messages. They must be in time order without
/// overlap (touching is fine) and each must end after it starts; a period that began before
/// time.start counts from time 0, one that ended by then is dropped. The distribution keys
/// are read_distribution's; `from` and `to` are clock times (clock_field.hpp).
std::vector<models::PeriodDistribution> read_period_distributions(const Reporter& reporter, const Entry& entry,
                                                                  const std::string& path, const LoadContext& context);

}  // namespace callsim::scenarios::detail
