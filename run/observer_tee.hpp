#pragma once
/// \file
/// Two model observers as one: every event goes to the first, then to the second. The
/// model takes a single observer (a template parameter, so emission inlines); a Tee lets
/// a run add an optional observer (the per-call recorder) without the plain run paying
/// for it.

#include "models/observer_events.hpp"

namespace callsim::run {

/// Forwards every event of the list (models/observer_events.hpp) to `first`, then to
/// `second`: generated from the list, so no event can be missing.
template <class First, class Second>
class Tee {
 public:
  Tee(First& first, Second& second) : first_(first), second_(second) {}

#define CALLSIM_TEE_EVENT(name, params, args) \
  void name params {                          \
    first_.name args;                         \
    second_.name args;                        \
  }
  CALLSIM_OBSERVER_EVENTS(CALLSIM_TEE_EVENT)
#undef CALLSIM_TEE_EVENT

 private:
  First& first_;
  Second& second_;
};

}  // namespace callsim::run
