#pragma once
/// \file
/// A mean across replications with its 95% confidence interval: what every report cell
/// shows. Replications where the value is undefined (NaN) are left out, as in the summary.

#include <cstdint>
#include <limits>
#include <vector>

#include "analysis/run_result.hpp"

namespace callsim::report {

struct Estimate {
  double mean = std::numeric_limits<double>::quiet_NaN();
  double ci95 = std::numeric_limits<double>::quiet_NaN();  ///< Student-t half-width; NaN below 2 values
  std::uint64_t n = 0;                                     ///< replications where the value is defined
};

/// Mean and Student-t 95% CI half-width of the non-NaN `values`.
Estimate estimate(const std::vector<double>& values);

/// estimate() of value(replication) over the run's replications.
template <class Value>
Estimate estimate_over(const analysis::RunResult& run, Value&& value) {
  std::vector<double> values;
  values.reserve(run.replications.size());
  for (const analysis::ReplicationResult& r : run.replications) values.push_back(value(r));
  return estimate(values);
}

}  // namespace callsim::report
