#include "models/call_center.hpp"

namespace callsim::models {

bool is_open(const CenterSpec& spec, sim::Time t) {
  if (spec.open_hours.empty()) return true;
  for (const OpenPeriod& p : spec.open_hours) {
    if (p.from <= t && t < p.to) return true;
  }
  return false;
}

}  // namespace callsim::models
