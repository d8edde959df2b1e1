#pragma once
// A simulated figure against an exact one, the way the statistical tests compare them: its
// mean over the replications of one fixed seed with a 99% Student-t half-width, which must
// be small enough for the check to mean something and must cover the exact value.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "analysis/kpi.hpp"
#include "analysis/run_result.hpp"
#include "run/experiment.hpp"
#include "scenarios/loader.hpp"

namespace test_estimates {

/// The replications every such test runs, and the matching t quantile (0.995, 19 degrees
/// of freedom).
inline constexpr std::size_t kReplications = 20;
inline constexpr double kT99 = 2.861;

/// kReplications replications of the scenario `yaml` from `seed`, in process.
inline callsim::analysis::RunResult simulate(const std::string& yaml, std::uint64_t seed, std::size_t threads = 2) {
  const auto loaded = callsim::scenarios::load_scenario_text(yaml, "center.yaml");
  callsim::run::ExperimentOptions options;
  options.seed = seed;
  options.replications = kReplications;
  options.threads = threads;
  return callsim::run::run_in_process(loaded.spec, options);
}

/// One call type (`general`, Poisson at `rate_per_hour`, exponential talk of 180 s) and one
/// group of `agents`, 200 h after a warm-up; `top` adds top-level keys, `type_extra` keys
/// of the call type.
inline std::string one_type_center(double rate_per_hour, int agents, const std::string& top,
                                   const std::string& type_extra = "", const std::string& warmup = "2h") {
  return "name: center\n"
         "time: {warmup: " +
         warmup + ", duration: 200h}\n" + top +
         "call_types:\n"
         "  - name: general\n"
         "    arrivals: {rate: " +
         std::to_string(rate_per_hour) +
         "/h}\n"
         "    service: {distribution: exponential, mean: 180s}\n" +
         type_extra +
         "agent_groups:\n"
         "  - {name: agents, skills: [general], count: " +
         std::to_string(agents) + "}\n";
}

struct Estimate {
  double mean = 0;
  double half_width = 0;  // 99% Student-t
};

/// Mean of the per-replication values `x` with its 99% half-width.
inline Estimate estimate(const std::vector<double>& x) {
  REQUIRE(x.size() == kReplications);
  const double n = static_cast<double>(x.size());
  double mean = 0, ss = 0;
  for (double v : x) mean += v / n;
  for (double v : x) ss += (v - mean) * (v - mean);
  return {mean, kT99 * std::sqrt(ss / (n - 1) / n)};
}

/// f over tallies, one per replication.
template <class F>
Estimate estimate(const std::vector<callsim::analysis::KpiTally>& tallies, F&& f) {
  std::vector<double> x;
  for (const auto& t : tallies) x.push_back(f(t));
  return estimate(x);
}

/// f over the replications' day totals.
template <class F>
Estimate estimate(const callsim::analysis::RunResult& run, F&& f) {
  std::vector<double> x;
  for (const auto& r : run.replications) x.push_back(f(r.total));
  return estimate(x);
}

/// The half-width is below `max_half_width` (so a wrong model would be told apart) and the
/// interval covers `exact`.
inline void check_near(const Estimate& e, double exact, double max_half_width, const std::string& what) {
  INFO(what << ": simulated " << e.mean << " +/- " << e.half_width << " (99%), exact " << exact);
  CHECK(e.half_width < max_half_width);
  CHECK(std::abs(e.mean - exact) <= e.half_width);
}

}  // namespace test_estimates
