/// \file
/// hyperexponential: a mixture of exponentials (cv >= 1): with probability p_i a duration
/// is exponential with mean m_i, e.g. quick questions mixed with long cases.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/distribution.hpp"
#include "sim/distribution_params.hpp"

namespace callsim::sim {

namespace {

/// How far the probabilities may sum from 1: decimal fractions such as 0.1 + 0.2 + 0.7 are
/// not exactly 1 in binary, but a planner's typo (0.8 + 0.3) is far more than this.
constexpr double kSumTolerance = 1e-9;

// param(0) = n, the number of phases. The table holds n cumulative probabilities (the last
// exactly 1) and then the n means (seconds). Two uniforms per draw: the first picks the
// phase (the first whose cumulative probability exceeds it, so a phase of probability 0 is
// never picked), the second inverts that phase's exponential.
double sample(const Distribution& d, RandomStream& stream) {
  const auto n = static_cast<std::ptrdiff_t>(d.param(0));
  const double* cumulative = d.table().data();
  const double u = stream.uniform01();
  // uniform01() < 1 = the last cumulative probability, so the phase is at most n - 1; the
  // min guards the table all the same.
  const std::ptrdiff_t phase = std::min(std::upper_bound(cumulative, cumulative + n, u) - cumulative, n - 1);
  return -cumulative[n + phase] * std::log(stream.uniform01());
}

/// The list parameter `key`, present and not empty.
const std::vector<double>& list(const DistributionParams& params, std::string_view key, std::string_view example) {
  const auto it = params.lists.find(key);
  if (it == params.lists.end() || it->second.empty()) {
    throw DistributionError("hyperexponential needs '" + std::string(key) + "' (" + std::string(example) + ")");
  }
  return it->second;
}

/// A sum of probabilities as a planner would read it: enough digits to show how far from 1.
std::string sum_text(double sum) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.12g", sum);
  return buffer;
}

Distribution make_hyperexponential(const DistributionParams& params) {
  const std::vector<double>& means = list(params, "means", "a list of durations such as [1min, 10min]");
  const std::vector<double>& probabilities = list(params, "probabilities", "a list of numbers such as [0.8, 0.2]");
  if (means.size() != probabilities.size()) {
    throw DistributionError("hyperexponential has " + std::to_string(means.size()) + " 'means' but " +
                            std::to_string(probabilities.size()) + " 'probabilities'; give one probability per mean");
  }
  for (const double m : means) {
    if (!std::isfinite(m)) {
      throw DistributionError("hyperexponential 'means' must all be finite durations, got " +
                              detail::format_param(m, true));
    }
    if (m <= 0) {
      throw DistributionError("hyperexponential 'means' must all be greater than 0, got " +
                              detail::format_param(m, true));
    }
  }
  double total = 0;
  for (const double p : probabilities) {
    if (!(p >= 0 && p <= 1)) {  // also NaN
      throw DistributionError("hyperexponential 'probabilities' must all be between 0 and 1, got " +
                              detail::format_param(p, false));
    }
    total += p;
  }
  if (!(std::fabs(total - 1) <= kSumTolerance)) {
    throw DistributionError("hyperexponential 'probabilities' sum to " + sum_text(total) + "; they must sum to 1");
  }

  // Normalised by their sum, so that the mean below is that of the draws exactly.
  const std::size_t n = means.size();
  auto table = std::make_shared<std::vector<double>>(2 * n);
  double cumulative = 0;
  double mean = 0;
  for (std::size_t i = 0; i < n; ++i) {
    cumulative += probabilities[i];
    (*table)[i] = cumulative / total;
    (*table)[n + i] = means[i];
    mean += probabilities[i] / total * means[i];
  }
  (*table)[n - 1] = 1;
  return {"hyperexponential", &sample, mean, static_cast<double>(n), 0, 0, 0, std::move(table)};
}

}  // namespace

CALLSIM_REGISTER_DISTRIBUTION((DistributionInfo{
    "hyperexponential",
    "a mixture of exponentials (cv >= 1): with probability probabilities[i], a duration of mean means[i]",
    {{"means", true, true, "mean time of each phase (greater than 0)"},
     {"probabilities", false, true, "probability of each phase, one per mean (from 0 to 1, summing to 1)"}},
    &make_hyperexponential}));

}  // namespace callsim::sim
