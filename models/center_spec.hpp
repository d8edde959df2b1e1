#pragma once
/// \file
/// The plain, validated description of a call center that models run on. The scenario
/// loader fills it; models read it; nothing here parses files.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/ivr.hpp"
#include "models/period_distribution.hpp"
#include "models/routing_params.hpp"
#include "sim/distribution.hpp"
#include "sim/piecewise_rate.hpp"
#include "sim/time.hpp"

namespace callsim::models {

/// One kind of call: how it arrives, how long it takes, how long its callers wait.
struct CallTypeSpec {
  std::string name;
  sim::PiecewiseRate arrivals;  ///< Poisson arrivals: constant or per-interval rate, calls/s
  /// Trace replay: the exact arrival times (sorted, seconds) replace `arrivals` when not
  /// empty; the calls' demands and patience are still drawn from the distributions.
  std::vector<sim::Time> trace;
  sim::Time priority_credit{0};  ///< queue order as if the call had waited this much longer
  /// This type's T of "answered within T", when it has its own (a VIP line at 10 s, email
  /// callbacks at 1 h); else the center's CenterSpec::service_level_threshold.
  std::optional<sim::Time> service_level_threshold;
  int priority = 0;  ///< for static_priority: higher types are served first
  /// Keys routing policies declare for call types (CallTypeKeyInfo), as given; e.g.
  /// weighted_wait's `weight`.
  std::vector<CallTypeKeyValue> policy_keys;
  sim::Distribution service;                  ///< talk time, seconds
  std::optional<sim::Distribution> patience;  ///< time a caller will wait; none: never abandons
  std::optional<sim::Distribution> wrap_up;   ///< after-call work, seconds; none: 0
  /// By time of day (models/period_distribution.hpp): calls arriving in one of these periods
  /// draw from its distribution instead of `service`, `patience` or `wrap_up`. Empty: none.
  std::vector<PeriodDistribution> service_by_period;
  std::vector<PeriodDistribution> patience_by_period;
  std::vector<PeriodDistribution> wrap_up_by_period;
  /// At the end of each open_hours period, and whenever no agent who can take this type
  /// stays on duty, its waiting callers are disconnected (cleared, their own outcome);
  /// a call arriving then is cleared at once instead of waiting. False: they wait.
  bool clear_when_unstaffed = false;
  /// The longest a call of this type waits in queue: a caller still waiting then leaves
  /// it for another treatment (voicemail, a recorded message), counted as timed out, apart
  /// from abandonment, and does not call again. Infinity: no limit.
  sim::Time max_queue_time = sim::Time::infinity();
  /// Calls of this type that may wait at once; a call finding it full gets a busy signal
  /// (blocked). Negative: no limit.
  int queue_capacity = -1;
  /// Probability that a caller who would wait hangs up at once (balks), by the number of
  /// calls of this type already waiting: entry n for n waiting, the last entry for more.
  /// Empty: nobody balks.
  std::vector<double> balk_probability;
  /// Callers who were blocked, balked or abandoned call again with `probability`, after
  /// `delay`, as a call of type `as_type` (index; the same type when it equals this one).
  struct Retrial {
    double probability = 0;
    std::optional<sim::Distribution> delay;
    std::uint32_t as_type = 0;
    /// The caller who calls again is the same caller: the retrial keeps the talk time,
    /// patience and after-call work drawn for the first call (the literature's model of a
    /// redial). Else a retrial is a new caller of its type, with new draws.
    bool same_caller = false;
  } retrial;
};

/// An interval of simulated time [from, to) during which the center takes calls.
struct OpenPeriod {
  sim::Time from;
  sim::Time to;
};

/// From `from` on (until the next step), `agents` agents of a group are on duty.
struct StaffingStep {
  sim::Time from;
  int agents = 0;
};

/// A pool of identical agents.
struct AgentGroupSpec {
  std::string name;
  std::vector<std::string> skills;  ///< names of the call types the group can take
  int count = 0;                    ///< agents on duty all the time (when `staffing` is empty)
  /// Talk time multiplier per skill, parallel to `skills` (empty: all 1): a caller's drawn
  /// demand times this factor is the talk time with an agent of this group.
  std::vector<double> service_multipliers;
  /// Preference level per skill, parallel to `skills` (empty: all 1; 1 = most preferred),
  /// for routing policies that prefer specialists.
  std::vector<int> skill_levels;
  /// After-call work of this group's agents, overriding the call type's; none: the type's.
  std::optional<sim::Distribution> wrap_up;
  /// Agents on duty over time, sorted by `from` (shifts and breaks resolved by the loader);
  /// 0 agents before the first step. Empty: `count` all the time. When the number falls,
  /// idle agents leave at once and busy ones after their call and its wrap-up.
  std::vector<StaffingStep> staffing;
  /// Probability that a scheduled agent is absent for a whole day (shrinkage by
  /// absenteeism), drawn per agent and day from the group's own stream; 0: none.
  double absenteeism = 0;
};

/// Where call type `type_name` is in `group.skills` (the index of its multiplier and level),
/// or `group.skills.size()` when the group lacks the skill.
inline std::size_t skill_position(const AgentGroupSpec& group, std::string_view type_name) {
  return static_cast<std::size_t>(std::find(group.skills.begin(), group.skills.end(), type_name) -
                                  group.skills.begin());
}

/// The group's preference level for call type `type_name` (1 = most preferred, the
/// default); 0 when the group lacks the skill.
inline int skill_level(const AgentGroupSpec& group, std::string_view type_name) {
  const std::size_t s = skill_position(group, type_name);
  if (s == group.skills.size()) return 0;
  return s < group.skill_levels.size() ? group.skill_levels[s] : 1;
}

/// The simulated horizon: a warm-up (simulated, not counted), then `duration` counted,
/// reported in intervals of `interval`.
struct TimeSpec {
  sim::Time warmup{0};
  sim::Time duration{0};
  sim::Time interval{1800};
  sim::Time clock_start{
      0};  ///< clock time of day at simulation time 0, seconds after midnight (for labels and forecasts)
};

/// One of several equally likely days of a day mix: every agent group's staffing that day,
/// and a factor on every arrival rate (the day's volume against the forecast). A day mix
/// reproduces how much real days differ in staffing and volume around their mean, which a
/// single mean day cannot: service level is not linear in either (models/day_mix.hpp).
struct DayVariant {
  std::string label;                                ///< e.g. the observed date it came from
  std::vector<std::vector<StaffingStep>> staffing;  ///< [group]: replaces the group's own plan
  /// [call type]: replaces the type's own arrival rate that day; empty: the types' own
  std::vector<sim::PiecewiseRate> arrivals;
  double volume = 1;  ///< > 0: multiplies the day's arrival rates
};

/// A whole center, as one replication needs it.
struct CenterSpec {
  std::string name;
  TimeSpec time;
  sim::Time service_level_threshold{20};  ///< the T of "answered within T"
  sim::Time callback_threshold{3600};     ///< callbacks made within this of the call count as on time
  /// Empty: every replication is the one day the groups' plans and the forecasts give.
  /// Else each replication draws one variant, uniformly (models/day_mix.hpp).
  std::vector<DayVariant> day_mix;
  std::vector<CallTypeSpec> call_types;
  std::vector<AgentGroupSpec> agent_groups;
  /// When the center takes calls; empty: always. Calls arriving outside get a closed
  /// message (IVR included).
  std::vector<OpenPeriod> open_hours;
  /// Coefficient of variation of the day-level busyness factor (gamma, mean 1) that
  /// multiplies every arrival rate of a simulated day (86,400 s); 0: none.
  double busyness_cv = 0;
  /// Trunk lines shared by every call type: calls on the line at once (in the IVR, waiting,
  /// or talking; not in after-call work, nor callbacks, which are made on other lines).
  /// A call arriving when all are taken gets a busy signal (blocked). Negative: no limit.
  int trunk_lines = -1;
  /// The IVR that calls of `ivr->arrivals` pass through before they get their type.
  std::optional<IvrSpec> ivr;
  /// Which routing policy decides, and its parameters (models/routing_policies.hpp).
  RoutingSpec routing;
};

/// The T of "answered within T" for calls of type `k`: the type's own, else the center's.
inline sim::Time service_level_threshold_of(const CenterSpec& spec, std::size_t k) {
  return spec.call_types[k].service_level_threshold.value_or(spec.service_level_threshold);
}

}  // namespace callsim::models
