#pragma once
/// \file
/// Expected arrivals per reporting interval from a scenario's arrival processes: the
/// forecast the simulated offered volume is drawn against. Computed once when a run is
/// made and recorded in its RunInputs, so reports never need the scenario.

#include <vector>

#include "models/center_spec.hpp"

namespace callsim::run {

/// The reporting intervals of `spec`: ceil(duration / interval), as the KPI collector counts them.
std::size_t reporting_intervals(const models::TimeSpec& time);

/// [I x K], row-major (interval i, call type k) at i*K + k: expected direct arrivals of
/// each call type in each reporting interval, its Poisson rate integrated over the
/// interval (a trace replay counts its arrivals). The busyness factor has mean 1 and does
/// not change the expectation.
std::vector<double> forecast_by_type(const models::CenterSpec& spec);

/// [I]: expected callers entering the IVR in each interval (some of whom never reach a
/// queue); empty when the center has no IVR.
std::vector<double> ivr_forecast(const models::CenterSpec& spec);

}  // namespace callsim::run
