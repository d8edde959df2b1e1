#pragma once
// Small builders for hand-made CenterSpecs in tests.

#include <string>
#include <vector>

#include "models/center_spec.hpp"
#include "sim/distribution.hpp"

namespace test_specs {

inline callsim::sim::Distribution exponential(double mean) {
  callsim::sim::DistributionParams p;
  p.scalars["mean"] = mean;
  return callsim::sim::make_distribution("exponential", p);
}

inline callsim::sim::Distribution constant(double value) {
  callsim::sim::DistributionParams p;
  p.scalars["value"] = value;
  return callsim::sim::make_distribution("constant", p);
}

/// A call type with constant Poisson arrivals (per hour), exponential service and, when
/// `patience` > 0, exponential patience, all in seconds.
inline callsim::models::CallTypeSpec type(const std::string& name, double per_hour, double service, double patience = 0,
                                          double credit = 0) {
  callsim::models::CallTypeSpec t;
  t.name = name;
  t.arrivals = callsim::sim::PiecewiseRate::constant(per_hour / 3600);
  t.service = exponential(service);
  if (patience > 0) t.patience = exponential(patience);
  t.priority_credit = callsim::sim::Time(credit);
  return t;
}

inline callsim::models::AgentGroupSpec group(const std::string& name, std::vector<std::string> skills, int count) {
  callsim::models::AgentGroupSpec g;
  g.name = name;
  g.skills = std::move(skills);
  g.count = count;
  return g;
}

}  // namespace test_specs
