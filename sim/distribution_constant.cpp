/// \file
/// constant: every draw is the same value (a fixed wrap-up or IVR time).

#include "sim/distribution.hpp"
#include "sim/distribution_params.hpp"

namespace callsim::sim {

namespace {

// Consumes no random number: the stream belongs to this kind of draw alone, so leaving it
// untouched cannot shift any other draw.
double sample(const Distribution& d, RandomStream& /*stream*/) { return d.param(0); }

Distribution make_constant(const DistributionParams& params) {
  const double value = detail::non_negative_duration(params, "constant", "value");
  return {"constant", &sample, value, value};
}

}  // namespace

CALLSIM_REGISTER_DISTRIBUTION((DistributionInfo{"constant",
                                                "always the same duration",
                                                {{"value", true, false, "the duration every draw returns"}},
                                                &make_constant}));

}  // namespace callsim::sim
