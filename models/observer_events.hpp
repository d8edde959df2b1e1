#pragma once
/// \file
/// What the call center reports to its observer: the one list of observer events. The
/// model (models/call_center.hpp) emits them; NullObserver (ignores all) and
/// run::Tee (forwards each to two observers) are generated from this list, so adding an
/// event is one line here plus the handlers of the observers that want it.
///
/// An observer is a template parameter of the model, so emission inlines: a class with
/// these member functions; deriving from NullObserver supplies those it does not need.

#include <cstdint>

#include "models/call.hpp"
#include "models/ivr.hpp"
#include "sim/time.hpp"

/// CALLSIM_OBSERVER_EVENTS(X) calls X(name, (parameters), (arguments)) once per event.
// clang-format off
#define CALLSIM_OBSERVER_EVENTS(X)                                                                          \
  /* Agents of `group` on duty changed to `on_duty` (staffing steps, shift ends, absences). */            \
  X(on_staffing, (::callsim::sim::Time now, std::uint32_t group, int on_duty), (now, group, on_duty))      \
  /* A call reached its queue (offered); it is answered, balks or waits next. */                          \
  X(on_arrival, (const ::callsim::models::CallInfo& call), (call))                                        \
  /* An agent answered the call (or called back a caller who took a callback). */                        \
  X(on_answer, (const ::callsim::models::CallInfo& call, ::callsim::sim::Time now,                        \
                const ::callsim::models::Service& service), (call, now, service))                         \
  /* A waiting caller hung up. */                                                                          \
  X(on_abandon, (const ::callsim::models::CallInfo& call, ::callsim::sim::Time now), (call, now))         \
  /* A waiting call reached its type's max_queue_time and was sent elsewhere (voicemail). */              \
  X(on_timed_out, (const ::callsim::models::CallInfo& call, ::callsim::sim::Time now), (call, now))       \
  /* A waiting (or arriving) call was disconnected: closing time, or no agent for it on duty. */          \
  X(on_cleared, (const ::callsim::models::CallInfo& call, ::callsim::sim::Time now), (call, now))         \
  /* An offered caller accepted a callback (right after on_arrival) and left the line; the */             \
  /* callback is an on_answer later, with CallInfo::callback set. */                                      \
  X(on_callback, (const ::callsim::models::CallInfo& call, ::callsim::sim::Time now), (call, now))        \
  /* An offered call hung up at once on hearing the queue (right after on_arrival). */                    \
  X(on_balk, (const ::callsim::models::CallInfo& call, ::callsim::sim::Time now), (call, now))            \
  /* A call found its queue full and got a busy signal (not offered). */                                  \
  X(on_blocked, (const ::callsim::models::CallInfo& call, ::callsim::sim::Time now), (call, now))         \
  /* A call arrived while the center was closed (not offered). */                                         \
  X(on_closed, (const ::callsim::models::CallInfo& call, ::callsim::sim::Time now), (call, now))          \
  /* A call left the IVR self-served or by hanging up (not offered). */                                   \
  X(on_ivr_exit, (const ::callsim::models::CallInfo& call, ::callsim::sim::Time now,                      \
                  ::callsim::models::IvrOutcome outcome), (call, now, outcome))                           \
  /* An agent finished the call's talk and after-call work. */                                            \
  X(on_service_end, (const ::callsim::models::CallInfo& call, ::callsim::sim::Time now,                   \
                     const ::callsim::models::Service& service), (call, now, service))
// clang-format on

namespace callsim::models {

namespace detail {
template <class... Args>
constexpr void ignore_event(const Args&...) {}
}  // namespace detail

/// An observer that ignores every event. Observers may derive from it and define the
/// events they need.
struct NullObserver {
#define CALLSIM_IGNORE_EVENT(name, params, args) \
  void name params { detail::ignore_event args; }
  CALLSIM_OBSERVER_EVENTS(CALLSIM_IGNORE_EVENT)
#undef CALLSIM_IGNORE_EVENT
};

}  // namespace callsim::models
