#pragma once
/// \file
/// A center fitted from its call log: every estimate `callsim fit` writes into a scenario
/// and its report, computed from a CallLog and the fit's options. Pure computation: the
/// scenario and report texts are fit/fitted_scenario.hpp's and fit/fit_report.hpp's.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fit/agent_pools.hpp"
#include "fit/arrival_profile.hpp"
#include "fit/available_agents.hpp"
#include "fit/call_log.hpp"
#include "fit/day_selection.hpp"
#include "fit/patience_fit.hpp"
#include "fit/service_fit.hpp"

namespace callsim::fit {

/// What the staffing of a fitted scenario counts (see fit/available_agents.hpp).
enum class Availability {
  /// Agents in an on-duty session, with the after-call gaps the queue evidence shows
  /// modelled as each call type's wrap-up: an agent is not ready at once after a call.
  SESSIONS,
  /// Agents in a session counted only while serving or idle with nobody waiting, and no
  /// wrap-up: the unready time taken off the staffing instead.
  QUEUE_EVIDENCE,
};

struct FitOptions {
  std::string days = "all";       ///< --days (see select_days)
  double interval = 1800;         ///< seconds
  double low_day_fraction = 0.6;  ///< days below this share of the median day are dropped
  double session_gap = 900;       ///< an agent's services this far apart are two sessions
  Availability availability = Availability::SESSIONS;
  /// Write the observed days as a day mix (each replication one of them: its staffing and
  /// volume) instead of one mean day with busyness.
  bool day_mix = true;
  PoolOptions pools;
  ServiceFitOptions service;
};

struct FittedCallType {
  std::string name;
  std::uint32_t log_index = 0;   ///< its index in CallLog::call_types (AgentPool::skills hold these)
  std::vector<double> arrivals;  ///< mean calls per day per interval of the window
  double offered_per_day = 0;    ///< reached the agents within the window
  double answered_per_day = 0, abandoned_per_day = 0;
  std::optional<ServiceFit> service;    ///< none when no call was answered
  std::optional<PatienceFit> patience;  ///< none when nobody abandoned
  /// After-call unavailability (Availability::SESSIONS): kEmpiricalPoints equally likely
  /// gaps to the agent's next answer; empty when the log shows none (no gap, or a mean
  /// under half a second).
  std::vector<double> wrap_up;
  double wrap_up_mean = 0;               ///< of the gaps to the next answer (an upper bound)
  double wrap_up_mean_lower = 0;         ///< Kaplan-Meier mean of the part seen for sure (a lower bound)
  std::size_t wrap_up_observations = 0;  ///< gaps seen, censored ones included
  std::size_t wrap_up_censored = 0;      ///< of which the queue emptied before the next answer
  double ivr_time_mean = 0;              ///< mean seconds from arrival to the agents' side (0 without an IVR)
  std::vector<std::size_t> priorities;   ///< calls per priority value (index), of those offered
};

struct FittedPool {
  std::string name;
  AgentPool pool;
  PoolAvailability availability;
  std::vector<double> staffing;                      ///< what the scenario's staffing gets: in session or available
  std::vector<std::vector<double>> staffing_by_day;  ///< [kept day][interval], the same for each day
  double available_agent_hours = 0;                  ///< per day, over the window
  double seen_agent_hours = 0;                       ///< the "seen serving" proxy, per day
};

struct FittedCenter {
  DaySelection days;
  OpenWindow window;
  ArrivalProfile arrivals;
  std::vector<FittedCallType> call_types;  ///< types with calls in the window, in log order
  std::vector<FittedPool> pools;
  std::optional<ServiceFit> all_services;  ///< every answered call: the fallback of a type without answers
  std::size_t calls_used = 0;              ///< calls of the kept days
  std::vector<std::string> notes;          ///< estimates that could not be made, and what was written instead
  bool day_mix = false;                    ///< the scenario gets a day mix (FitOptions::day_mix, 2 days or more)
  std::vector<double> day_volumes;         ///< per kept day: its calls in the window / the mean day's
  std::vector<std::string> day_labels;     ///< per kept day: its date
};

/// Fits `log`. Throws std::invalid_argument with the reason when it cannot (no day left, no
/// answered call, no agent named).
FittedCenter fit_center(const CallLog& log, const FitOptions& options);

}  // namespace callsim::fit
