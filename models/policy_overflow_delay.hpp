#pragma once
/// \file
/// overflow_delay: the standard "overflow after 30 s" rule. A call type's primary groups
/// (those with the type at skill level 1) take its calls at once; any other group with the
/// skill (level 2 or more) only once the call has waited `delay` (per call type and group).
/// Within what an agent may take, the longest-waiting call first; among the groups eligible
/// for a call, the preferred ones first (skill level 1, then 2, ...), then the longest idle
/// agent. So a delay of 0 is an ordered, immediate overflow: an arriving call goes to a
/// free primary agent if there is one, else at once to a free level-2 agent, and so on.
/// (Eligibility and preference are apart: a level-2 group with delay 0 is eligible at once
/// but never preferred to a primary group.)
///
/// The model re-offers a waiting call when it reaches each of its type's distinct delays
/// (review_delays), so a call is answered by an idle secondary agent at the very moment it
/// becomes eligible, not at the next departure.

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "models/center_spec.hpp"
#include "models/routing.hpp"

namespace callsim::models {

class OverflowDelay {
 public:
  static constexpr std::string_view kName = "overflow_delay";
  static constexpr std::string_view kDescription =
      "primary groups (skill level 1) take a call at once; other groups with the skill only after it has waited "
      "'delay'";
  static constexpr std::array<PolicyParamInfo, 1> kParamArray{{
      {"delay", PolicyParamUnit::kSeconds, PolicyParamScope::kTypeGroup, 30,
       "wait after which a call may go to a group that has its type at skill level 2 or more"},
  }};
  static constexpr std::span<const PolicyParamInfo> kParams{kParamArray};

  explicit OverflowDelay(const CenterSpec& spec)
      : groups_(spec.agent_groups.size()),
        delay_(param_values(spec, kParamArray[0])),
        level_(delay_.size(), 0),
        reviews_(spec.call_types.size()) {
    // Level 1 cells wait 0; the delays of the other cells are the review times.
    for (std::size_t k = 0; k < spec.call_types.size(); ++k) {
      for (std::size_t g = 0; g < groups_; ++g) {
        const int level = skill_level(spec.agent_groups[g], spec.call_types[k].name);
        level_[k * groups_ + g] = level;
        if (level <= 1) {
          delay_[k * groups_ + g] = 0;
        } else if (delay_[k * groups_ + g] > 0) {
          reviews_[k].push_back(delay_[k * groups_ + g]);
        }
      }
      std::sort(reviews_[k].begin(), reviews_[k].end());
      reviews_[k].erase(std::unique(reviews_[k].begin(), reviews_[k].end()), reviews_[k].end());
    }
  }

  /// The wait (s) before group `group` may take a call of `type`: 0 for a primary group.
  [[nodiscard]] double delay(std::uint32_t type, std::uint32_t group) const { return delay_[type * groups_ + group]; }

  /// The group's skill level for `type`: 1 for a primary group, 2 or more for an overflow
  /// group (the order in which eligible groups are preferred, whatever their delays).
  [[nodiscard]] int level(std::uint32_t type, std::uint32_t group) const { return level_[type * groups_ + group]; }

  /// Waits at which a waiting call of `type` becomes eligible for more groups (ascending).
  [[nodiscard]] std::span<const double> review_delays(std::uint32_t type) const { return reviews_[type]; }

  CALLSIM_HOT_INLINE std::uint32_t agent_for(const RoutingView& view, std::uint32_t type, double waited) const {
    std::uint32_t best = kNoAgent;
    int best_level = 0;
    for (std::uint32_t g : view.servers_of(type)) {
      if (waited < delay(type, g)) continue;
      const std::uint32_t a = view.longest_idle_in(g);
      if (a == kNoAgent) continue;
      // Preference by skill level, not by delay: a delay of 0 makes an overflow group
      // eligible at once, never a primary one.
      const int lvl = level(type, g);
      if (best == kNoAgent || lvl < best_level || (lvl == best_level && view.idle_since(a) < view.idle_since(best))) {
        best = a;
        best_level = lvl;
      }
    }
    return best;
  }

  CALLSIM_HOT_INLINE std::uint32_t type_for(const RoutingView& view, std::uint32_t agent) const {
    const std::uint32_t g = view.group_of(agent);
    const double now = view.now().seconds();
    std::uint32_t best = kNoType;
    double best_key = kNobodyWaits;
    for (std::uint32_t k : view.skills_of(g)) {
      const double key = view.head_wait_key(k);
      if (key == kNobodyWaits || now - view.head_arrival(k) < delay(k, g)) continue;
      if (key < best_key) {
        best = k;
        best_key = key;
      }
    }
    return best;
  }

 private:
  std::size_t groups_;
  std::vector<double> delay_;                 // [type * G + group], 0 for primary groups
  std::vector<int> level_;                    // [type * G + group], skill level (0 without the skill)
  std::vector<std::vector<double>> reviews_;  // per type: distinct positive delays
};

}  // namespace callsim::models
