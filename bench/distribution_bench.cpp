/// \file
/// Cost of one draw from each distribution, through Distribution::sample (the function
/// pointer the simulator calls), on a keyed RandomStream.

#include <benchmark/benchmark.h>

#include "sim/distribution.hpp"

namespace {

using callsim::sim::DistributionParams;

void draw(benchmark::State& state, const char* name, const DistributionParams& params) {
  const callsim::sim::Distribution d = callsim::sim::make_distribution(name, params);
  callsim::sim::RandomStream stream(12345, 0, {1, 0});
  for (auto _ : state) benchmark::DoNotOptimize(d.sample(stream));
}

/// Baseline: the generator alone, so the distributions' own cost can be read off.
void uniform01(benchmark::State& state) {
  callsim::sim::RandomStream stream(12345, 0, {1, 0});
  for (auto _ : state) benchmark::DoNotOptimize(stream.uniform01());
}

}  // namespace

BENCHMARK(uniform01);
BENCHMARK_CAPTURE(draw, constant, "constant", DistributionParams{{{"value", 30}}, {}});
BENCHMARK_CAPTURE(draw, empirical_1000, "empirical",
                  DistributionParams{{}, {{"values", std::vector<double>(1000, 60.0)}}});
// One uniform per phase and one log per 16 phases: k = 3 and k = 40 show what k costs.
BENCHMARK_CAPTURE(draw, erlang_3, "erlang", DistributionParams{{{"k", 3}, {"mean", 180}}, {}});
BENCHMARK_CAPTURE(draw, erlang_40, "erlang", DistributionParams{{{"k", 40}, {"mean", 180}}, {}});
BENCHMARK_CAPTURE(draw, exponential, "exponential", DistributionParams{{{"mean", 180}}, {}});
// Boost's gamma sampler takes different paths for shape > 1 (cv < 1) and shape < 1 (cv > 1).
BENCHMARK_CAPTURE(draw, gamma_cv_0_5, "gamma", DistributionParams{{{"mean", 180}, {"cv", 0.5}}, {}});
BENCHMARK_CAPTURE(draw, gamma_cv_1_5, "gamma", DistributionParams{{{"mean", 180}, {"cv", 1.5}}, {}});
BENCHMARK_CAPTURE(draw, hyperexponential, "hyperexponential",
                  DistributionParams{{}, {{"means", {60, 600}}, {"probabilities", {0.8, 0.2}}}});
BENCHMARK_CAPTURE(draw, loglogistic, "loglogistic", DistributionParams{{{"shape", 3}, {"mean", 180}}, {}});
BENCHMARK_CAPTURE(draw, lognormal, "lognormal", DistributionParams{{{"mean", 180}, {"cv", 0.8}}, {}});
BENCHMARK_CAPTURE(draw, triangular, "triangular", DistributionParams{{{"min", 30}, {"mode", 60}, {"max", 300}}, {}});
BENCHMARK_CAPTURE(draw, uniform, "uniform", DistributionParams{{{"min", 30}, {"max", 90}}, {}});
BENCHMARK_CAPTURE(draw, weibull, "weibull", DistributionParams{{{"shape", 1.5}, {"scale", 200}}, {}});
