/// \file
/// empirical: resamples observed durations, each equally likely (a measured sample).

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>

#include "sim/distribution.hpp"
#include "sim/distribution_params.hpp"

namespace callsim::sim {

namespace {

// param(0) = n. The table is sorted, so index floor(u * n) inverts the empirical CDF:
// O(1), one uniform per draw, monotone in u.
double sample(const Distribution& d, RandomStream& stream) {
  const auto n = static_cast<std::size_t>(d.param(0));
  // uniform01() may round to exactly 1.0 (the top 53 bits all ones); clamp rather than
  // read past the end.
  const auto index = std::min(static_cast<std::size_t>(stream.uniform01() * d.param(0)), n - 1);
  return d.table()[index];
}

Distribution make_empirical(const DistributionParams& params) {
  const auto values = params.lists.find("values");
  if (values == params.lists.end() || values->second.empty()) {
    throw DistributionError("empirical needs 'values' (a list of durations such as [30s, 90s])");
  }
  auto sorted = std::make_shared<std::vector<double>>(values->second);
  for (const double v : *sorted) {
    if (!std::isfinite(v)) {
      throw DistributionError("empirical 'values' must all be finite durations, got " + detail::format_param(v, true));
    }
    if (v < 0) {
      throw DistributionError("empirical 'values' must all be at least 0, got " + detail::format_param(v, true));
    }
  }
  std::sort(sorted->begin(), sorted->end());
  const auto n = static_cast<double>(sorted->size());
  const double mean = std::accumulate(sorted->begin(), sorted->end(), 0.0) / n;
  return {"empirical", &sample, mean, n, 0, 0, 0, std::move(sorted)};
}

}  // namespace

CALLSIM_REGISTER_DISTRIBUTION((DistributionInfo{
    "empirical",
    "draws one of the given durations, each equally likely",
    {{"values", true, true, "observed durations (at least one, all at least 0)"}},
    &make_empirical}));

}  // namespace callsim::sim
