#pragma once
/// \file
/// The top-level `day_mix`: a list of equally likely days, each with a staffing CSV (one
/// column per agent group, in the staffing plan layout), optionally its own `arrivals`
/// (`{forecast: FILE.csv}`: every call type reads its column) and a `volume` factor on
/// every arrival rate; each replication simulates one of them (models/day_mix.hpp). Written by
/// `callsim fit` from the observed days, so that a fitted scenario varies as its days did.

#include <string>
#include <vector>

#include "models/center_spec.hpp"
#include "scenarios/load_context.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios::detail {

/// The variants of `entry` for the groups of `spec` (already read). Fails for an empty list,
/// more than limits::kDayMixVariants variants, an unknown key, a missing or unreadable
/// staffing CSV or one without a group's column, a volume that is not a number above 0, and
/// for groups with `shifts` (a day mix gives agents on duty; a roster would be ignored).
std::vector<models::DayVariant> read_day_mix(const Reporter& reporter, const Entry& entry,
                                             const models::CenterSpec& spec, LoadContext& context);

}  // namespace callsim::scenarios::detail
