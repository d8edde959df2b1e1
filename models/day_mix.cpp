#include "models/day_mix.hpp"

#include <algorithm>

#include "models/stream_kinds.hpp"
#include "sim/random_stream.hpp"

namespace callsim::models {

std::size_t day_variant(const CenterSpec& spec, std::uint64_t seed, std::uint64_t replication) {
  if (spec.day_mix.empty()) return 0;
  sim::RandomStream stream(seed, replication, {stream_kind::kDayMix, 0});
  const auto n = spec.day_mix.size();
  return std::min(n - 1, static_cast<std::size_t>(stream.uniform01() * static_cast<double>(n)));
}

double day_volume(const CenterSpec& spec, std::uint64_t seed, std::uint64_t replication) {
  return spec.day_mix.empty() ? 1.0 : spec.day_mix[day_variant(spec, seed, replication)].volume;
}

}  // namespace callsim::models
