#pragma once
/// \file
/// Bad input a command finds itself (options that do not fit together, a run name the
/// results file refuses): printed as "callsim COMMAND: <what()>", exit code 2.

#include <stdexcept>

namespace callsim::app {

class BadInput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace callsim::app
