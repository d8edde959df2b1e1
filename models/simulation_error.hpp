#pragma once
/// \file
/// The error a simulation run ends with when the scenario, valid key by key, makes the
/// model impossible to run to its end (a zero-time loop). Bad input, found late: callsim
/// reports it like a refused scenario (one line, exit code 2).

#include <stdexcept>

namespace callsim::models {

/// What a replication could not get past; what() is one sentence naming the call type and
/// the scenario keys that cause it, and what to change.
class SimulationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace callsim::models
