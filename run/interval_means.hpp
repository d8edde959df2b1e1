#pragma once
/// \file
/// The scenario's handle and patience times as one queue sees them in an interval: each call
/// type's means weighted by its simulated offered calls there. What Erlang staffing of a
/// multi-type center needs (the dashboard's required agents, `callsim staff`'s start).

#include <cstddef>
#include <optional>
#include <span>

#include "analysis/run_result.hpp"
#include "run/run_inputs.hpp"

namespace callsim::run {

struct IntervalMeans {
  double handle = 0;               ///< mean talk + after-call work, s; NaN when nobody was offered
  std::optional<double> patience;  ///< mean patience, s; none when nobody abandons
};

/// Means of interval `interval` of `run`, whose scenario is described by `inputs`: handle
/// times weighted by the mean offered calls of each type, patience as a blended abandonment
/// rate (1 / mean patience mixes linearly; a type that never abandons adds 0).
IntervalMeans interval_means(const analysis::RunResult& run, const RunInputs& inputs, std::size_t interval);

/// The same means weighted by `weights` [K] (e.g. the expected calls of each type).
IntervalMeans weighted_means(const RunInputs& inputs, std::span<const double> weights);

}  // namespace callsim::run
