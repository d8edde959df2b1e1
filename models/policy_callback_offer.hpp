#pragma once
/// \file
/// callback_offer: when a caller who must wait would wait longer than `threshold`
/// (predicted: (calls of the type waiting + 1) x the type's mean handle time / agents on
/// duty with the skill), the center offers a callback; with probability `acceptance` the
/// caller takes it and hangs up, and an agent calls back once no live call it can serve
/// waits (oldest callback first). Live calls are routed longest-idle-agent / longest-wait.
/// The acceptance draw is made at entry for every call (stream kind kPolicy), so variants
/// with other thresholds see the same callers' choices.

#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "models/center_spec.hpp"
#include "models/handle_time.hpp"
#include "models/routing.hpp"

namespace callsim::models {

class CallbackOffer {
 public:
  static constexpr std::string_view kName = "callback_offer";
  static constexpr std::string_view kDescription =
      "a caller whose predicted wait exceeds 'threshold' is offered a callback and takes it with probability "
      "'acceptance'; agents call back when no live call waits";
  static constexpr std::array<PolicyParamInfo, 2> kParamArray{{
      {"threshold", PolicyParamUnit::kSeconds, PolicyParamScope::kType, 60,
       "predicted wait above which a callback is offered"},
      {"acceptance", PolicyParamUnit::kProbability, PolicyParamScope::kType, 0.5,
       "probability that a caller offered a callback takes it"},
  }};
  static constexpr std::span<const PolicyParamInfo> kParams{kParamArray};

  explicit CallbackOffer(const CenterSpec& spec)
      : threshold_(param_values(spec, kParamArray[0])),
        acceptance_(param_values(spec, kParamArray[1])),
        handle_(type_handle_times(spec)) {}

  /// The predicted wait (s) of a call of `type` joining its queue now.
  CALLSIM_HOT_INLINE double predicted_wait(const RoutingView& view, std::uint32_t type) const {
    int agents = 0;
    for (std::uint32_t g : view.servers_of(type)) agents += view.on_duty(g);
    if (agents <= 0) return std::numeric_limits<double>::infinity();
    return static_cast<double>(view.queue_length(type) + 1) * handle_[type] / agents;
  }

  CALLSIM_HOT_INLINE std::uint32_t agent_for(const RoutingView& view, std::uint32_t type, double /*waited*/) const {
    return longest_idle_agent_by(view, type, [](std::uint32_t) { return 0; });
  }

  /// `draw` is the caller's uniform drawn at entry: below `acceptance`, a callback offer is taken.
  CALLSIM_HOT_INLINE std::uint32_t queue_for(const RoutingView& view, std::uint32_t type, double draw) const {
    if (predicted_wait(view, type) > threshold_[type] && draw < acceptance_[type]) return view.callback_queue(type);
    return type;
  }

  CALLSIM_HOT_INLINE std::uint32_t type_for(const RoutingView& view, std::uint32_t agent) const {
    const std::uint32_t live = longest_waiting_type_by(view, agent, [](std::uint32_t) { return 0; });
    if (live != kNoType) return live;
    std::uint32_t best = kNoType;
    double best_arrival = kNobodyWaits;
    for (std::uint32_t k : view.skills_of(view.group_of(agent))) {
      const double arrival = view.head_arrival(view.callback_queue(k));
      if (arrival < best_arrival) {
        best = view.callback_queue(k);
        best_arrival = arrival;
      }
    }
    return best;
  }

 private:
  std::vector<double> threshold_;   // per type, s
  std::vector<double> acceptance_;  // per type
  std::vector<double> handle_;      // per type: mean over the groups that serve it, s
};

}  // namespace callsim::models
