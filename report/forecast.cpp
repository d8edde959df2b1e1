#include "report/forecast.hpp"

namespace callsim::report {

Forecast forecast(const run::RunInputs& inputs) {
  Forecast out;
  const bool ivr = !inputs.ivr_forecast.empty();
  out.what = ivr ? "forecast: callers entering the IVR, plus direct calls" : "forecast: expected arrivals";
  const std::size_t types = inputs.handle_mean.size();
  const std::size_t intervals = types ? inputs.forecast.size() / types : inputs.ivr_forecast.size();
  for (std::size_t i = 0; i < intervals; ++i) {
    double calls = ivr && i < inputs.ivr_forecast.size() ? inputs.ivr_forecast[i] : 0;
    for (std::size_t k = 0; k < types; ++k) calls += inputs.forecast[i * types + k];
    out.calls.push_back(calls);
  }
  return out;
}

}  // namespace callsim::report
