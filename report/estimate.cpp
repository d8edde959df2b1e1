#include "report/estimate.hpp"

#include <cmath>

#include "sim/statistics.hpp"

namespace callsim::report {

Estimate estimate(const std::vector<double>& values) {
  sim::Tally tally;
  for (double v : values)
    if (!std::isnan(v)) tally.add(v);
  // The same Tally as analysis::summarize, so a report's day figures equal the file's summary.
  return Estimate{tally.mean(), tally.ci_half_width(0.95), tally.count()};
}

}  // namespace callsim::report
