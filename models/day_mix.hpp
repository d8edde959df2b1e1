#pragma once
/// \file
/// The day mix: a replication simulates one of the scenario's equally likely day variants
/// (CenterSpec::day_mix), drawn from its own stream, so that the same seed and replication
/// always give the same variant whatever the threads, ranks or routing policy, and a
/// scenario without a day mix draws nothing (its results are unchanged).

#include <cstddef>
#include <cstdint>

#include "models/center_spec.hpp"

namespace callsim::models {

/// The index into spec.day_mix of replication `replication`; 0 when there is no day mix.
std::size_t day_variant(const CenterSpec& spec, std::uint64_t seed, std::uint64_t replication);

/// The variant's factor on arrival rates: 1 without a day mix.
double day_volume(const CenterSpec& spec, std::uint64_t seed, std::uint64_t replication);

}  // namespace callsim::models
