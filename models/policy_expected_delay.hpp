#pragma once
/// \file
/// expected_delay: one queue per agent group (as in multi-site routing). An arriving call
/// goes to the longest idle agent among the groups with its skill; when none is idle it
/// joins the queue of the group with the least predicted wait,
///   (calls in the group's queue + 1) x the group's mean handle time / agents on duty,
/// and waits there (no jockeying). A freed agent takes the longest-waiting call among its
/// group's queue and the shared per-type queues (used only when no group with the skill
/// has anyone on duty).

#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "models/center_spec.hpp"
#include "models/handle_time.hpp"
#include "models/routing.hpp"

namespace callsim::models {

class ExpectedDelay {
 public:
  static constexpr std::string_view kName = "expected_delay";
  static constexpr std::string_view kDescription =
      "a call no idle agent takes joins the queue of the group with the least predicted wait (queue length x "
      "mean handle time / agents on duty)";
  static constexpr std::span<const PolicyParamInfo> kParams{};

  explicit ExpectedDelay(const CenterSpec& spec) : handle_(group_handle_times(spec)) {}

  /// The predicted wait (s) of a call joining group g's queue now; infinity with nobody on duty.
  CALLSIM_HOT_INLINE double predicted_wait(const RoutingView& view, std::uint32_t g) const {
    const int agents = view.on_duty(g);
    if (agents <= 0) return std::numeric_limits<double>::infinity();
    return static_cast<double>(view.queue_length(view.group_queue(g)) + 1) * handle_[g] / agents;
  }

  CALLSIM_HOT_INLINE std::uint32_t agent_for(const RoutingView& view, std::uint32_t type, double /*waited*/) const {
    return longest_idle_agent_by(view, type, [](std::uint32_t) { return 0; });
  }

  CALLSIM_HOT_INLINE std::uint32_t queue_for(const RoutingView& view, std::uint32_t type, double /*draw*/) const {
    std::uint32_t best = type;  // the shared queue when nobody with the skill is on duty
    double best_wait = std::numeric_limits<double>::infinity();
    for (std::uint32_t g : view.servers_of(type)) {
      const double wait = predicted_wait(view, g);
      if (wait < best_wait) {
        best = view.group_queue(g);
        best_wait = wait;
      }
    }
    return best;
  }

  CALLSIM_HOT_INLINE std::uint32_t type_for(const RoutingView& view, std::uint32_t agent) const {
    const std::uint32_t g = view.group_of(agent);
    std::uint32_t best = kNoType;
    double best_key = view.head_wait_key(view.group_queue(g));
    if (best_key != kNobodyWaits) best = view.group_queue(g);
    for (std::uint32_t k : view.skills_of(g)) {
      const double key = view.head_wait_key(k);
      if (key < best_key) {
        best = k;
        best_key = key;
      }
    }
    return best;
  }

 private:
  std::vector<double> handle_;  // per group, s
};

}  // namespace callsim::models
