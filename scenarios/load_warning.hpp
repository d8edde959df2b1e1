#pragma once
/// \file
/// The overload warning: a valid scenario whose figures would still mean nothing, because
/// the queue grows for as long as the simulation runs.

#include <string>
#include <vector>

#include "models/center_spec.hpp"

namespace callsim::scenarios::detail {

/// Adds "PATH: offered load ... Erlangs is at or above the ... agents ..." to `warnings` when
/// no call type's queue is bounded (by patience, a queue capacity, or balking that reaches
/// probability 1) and the offered load over the counted period is at least the agents on
/// duty. The load counts direct arrivals and IVR callers reaching a queue (by the IVR's exit
/// probabilities), within the opening hours; retrials are not counted. Agents are averaged
/// over the counted period, less absenteeism.
void add_load_warning(const models::CenterSpec& spec, const std::string& path, std::vector<std::string>& warnings);

/// The probability that a call entering `ivr` leaves by each exit (IVR assumed valid).
std::vector<double> ivr_exit_probabilities(const models::IvrSpec& ivr);

}  // namespace callsim::scenarios::detail
