#include "run/interval_means.hpp"

#include <cmath>
#include <limits>
#include <vector>

namespace callsim::run {

IntervalMeans interval_means(const analysis::RunResult& run, const RunInputs& inputs, std::size_t interval) {
  const std::size_t types = run.call_types.size();
  std::vector<double> offered(types, 0);
  for (const analysis::ReplicationResult& r : run.replications)
    for (std::size_t k = 0; k < types; ++k)
      offered[k] += static_cast<double>(r.interval_types[interval * types + k].offered);
  return weighted_means(inputs, offered);
}

IntervalMeans weighted_means(const RunInputs& inputs, std::span<const double> weights) {
  double weight = 0, handle = 0, abandon_rate = 0;
  for (std::size_t k = 0; k < inputs.handle_mean.size() && k < weights.size(); ++k) {
    const double w = weights[k];
    if (!(w > 0)) continue;
    weight += w;
    handle += w * inputs.handle_mean[k];
    const double patience = inputs.patience_mean[k];
    if (!std::isnan(patience) && patience > 0) abandon_rate += w / patience;
  }
  IntervalMeans m;
  m.handle = std::numeric_limits<double>::quiet_NaN();
  if (weight > 0) {
    m.handle = handle / weight;
    if (abandon_rate > 0) m.patience = weight / abandon_rate;
  }
  return m;
}

}  // namespace callsim::run
