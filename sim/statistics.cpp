#include "sim/statistics.hpp"

#include <cmath>

#include <boost/math/distributions/students_t.hpp>

namespace callsim::sim {

double student_t_quantile(double confidence, std::uint64_t degrees_of_freedom) {
  if (degrees_of_freedom == 0) return std::numeric_limits<double>::quiet_NaN();
  const boost::math::students_t dist(static_cast<double>(degrees_of_freedom));
  return boost::math::quantile(dist, 0.5 + confidence / 2);
}

double Tally::std_dev() const { return std::sqrt(variance()); }

double Tally::ci_half_width(double confidence) const {
  if (n_ < 2) return kNaN;
  return student_t_quantile(confidence, n_ - 1) * std_dev() / std::sqrt(static_cast<double>(n_));
}

}  // namespace callsim::sim
