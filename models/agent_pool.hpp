#pragma once
/// \file
/// The agents: per group who is idle (longest idle first), busy or off duty, which call
/// types each group takes, and what serving a call costs an agent of a group (talk time
/// multiplier, after-call work).
///
/// Staffing never cuts a call: when a group's number on duty falls, idle agents leave at
/// once (the most recently idle first) and busy ones when their call and wrap-up end; they
/// count as on duty until they leave. The pool keeps that rule; how many agents should be
/// on duty when is the staffing schedule's business (models/staffing_schedule.hpp).

#include <algorithm>
#include <cstdint>
#include <vector>

#include "models/call.hpp"
#include "models/center_spec.hpp"
#include "models/hot_path.hpp"
#include "models/routing_ids.hpp"
#include "models/stream_kinds.hpp"
#include "sim/random_stream.hpp"
#include "sim/ring_queue.hpp"
#include "sim/time.hpp"

namespace callsim::models {

/// Resolves skill names to call type indices; throws std::invalid_argument on an unknown
/// name (the loader reports it first, with file and line).
std::vector<std::vector<std::uint32_t>> resolve_skills(const CenterSpec& spec);

class AgentPool {
 public:
  /// Agent ranks [0, headcount[g]) of each group, all off duty; agents are numbered across
  /// groups in group order. Throws std::invalid_argument on an unknown skill.
  AgentPool(const CenterSpec& spec, const std::vector<int>& headcount, std::uint64_t seed, std::uint64_t replication)
      : spec_(spec),
        types_(spec.call_types.size()),
        groups_(spec.agent_groups.size()),
        servers_(spec.call_types.size()),
        multiplier_(spec.agent_groups.size() * spec.call_types.size(), 1.0),
        level_(spec.agent_groups.size() * spec.call_types.size(), 0) {
    const auto skills = resolve_skills(spec);
    for (std::uint32_t g = 0; g < groups_.size(); ++g) {
      const AgentGroupSpec& gs = spec.agent_groups[g];
      Group& group = groups_[g];
      group.skills = skills[g];
      for (std::size_t s = 0; s < skills[g].size(); ++s) {
        servers_[skills[g][s]].push_back(g);
        if (s < gs.service_multipliers.size()) multiplier_[g * types_ + skills[g][s]] = gs.service_multipliers[s];
        level_[g * types_ + skills[g][s]] = s < gs.skill_levels.size() ? gs.skill_levels[s] : 1;
      }
      if (gs.wrap_up) group.wrap_up = sim::RandomStream(seed, replication, {stream_kind::kGroupWrapUp, g});
      for (int i = 0; i < headcount[g]; ++i) {
        group.off.push_back(static_cast<std::uint32_t>(agents_.size()));
        agents_.push_back(Agent{g, kNotServing, 0.0, Service{}});
      }
      std::reverse(group.off.begin(), group.off.end());  // agents come on duty in index order
    }
  }

  // ---- skills ---------------------------------------------------------------------------

  /// Groups with the skill for `type`, in group order.
  [[nodiscard]] const std::vector<std::uint32_t>& servers_of(std::uint32_t type) const { return servers_[type]; }
  /// Call types `group` takes, in the order of its skills.
  [[nodiscard]] const std::vector<std::uint32_t>& skills_of(std::uint32_t group) const { return groups_[group].skills; }
  /// The group's skill level for `type` (1 = most preferred); 0 without the skill.
  [[nodiscard]] int skill_level(std::uint32_t group, std::uint32_t type) const { return level_[group * types_ + type]; }

  // ---- who is free ----------------------------------------------------------------------

  /// The group's agent idle longest, or kNoAgent.
  [[nodiscard]] std::uint32_t longest_idle_in(std::uint32_t group) const {
    return groups_[group].idle.empty() ? kNoAgent : groups_[group].idle.front();
  }
  /// The group's idle agent `i` places behind the longest idle (0: longest_idle_in), i <
  /// idle_agents(group).
  [[nodiscard]] std::uint32_t idle_agent(std::uint32_t group, std::size_t i) const { return groups_[group].idle[i]; }
  [[nodiscard]] double idle_since(std::uint32_t agent) const { return agents_[agent].idle_since; }
  /// Idle agents of `group` now.
  [[nodiscard]] std::size_t idle_agents(std::uint32_t group) const { return groups_[group].idle.size(); }
  [[nodiscard]] std::uint32_t group_of(std::uint32_t agent) const { return agents_[agent].group; }
  /// Agents of `group` on duty now, busy or idle (including those finishing a call past
  /// their shift).
  [[nodiscard]] int on_duty(std::uint32_t group) const { return groups_[group].present; }
  /// Agents of `group` who will take another call: on duty and not due to leave when their
  /// call ends. Changes only when restaff() runs.
  [[nodiscard]] int staying(std::uint32_t group) const { return groups_[group].present - groups_[group].leaving; }
  /// Agents serving a call (talking or in after-call work) now.
  [[nodiscard]] std::uint64_t busy() const { return busy_; }
  /// Agents of `group` on duty or off: its ranks.
  [[nodiscard]] std::size_t headcount(std::uint32_t group) const {
    return groups_[group].off.size() + static_cast<std::size_t>(groups_[group].present);
  }

  // ---- serving --------------------------------------------------------------------------

  /// `agent`, its group's longest idle (what routing policies choose), stops being idle.
  CALLSIM_HOT_INLINE void take_longest_idle(std::uint32_t agent) { groups_[agents_[agent].group].idle.pop_front(); }
  /// `agent`, any idle agent of its group (what policies that choose among idle agents
  /// return), stops being idle; the others keep their order. O(its place in the ring).
  CALLSIM_HOT_INLINE void take_idle(std::uint32_t agent) {
    auto& idle = groups_[agents_[agent].group].idle;
    std::size_t i = 0;
    while (idle[i] != agent) ++i;  // idle[] asserts that the agent is there
    idle.erase(i);
  }
  /// `agent` waits for a call from `now` on (the back of its group's idle ring).
  CALLSIM_HOT_INLINE void go_idle(std::uint32_t agent, sim::Time now) {
    agents_[agent].idle_since = now.seconds();
    groups_[agents_[agent].group].idle.push_back(agent);
  }
  /// `agent` (no longer idle) serves `call` (a call slot): its talk time is the caller's
  /// demand times the group's multiplier for the type, its after-call work the group's
  /// (drawn now) or else the call's.
  CALLSIM_HOT_INLINE const Service& start_service(std::uint32_t agent, std::uint32_t call, const CallInfo& info) {
    Agent& a = agents_[agent];
    a.call = call;
    a.service.agent = agent;
    a.service.group = a.group;
    a.service.talk = info.service * multiplier_[a.group * types_ + info.type];
    const auto& group_wrap_up = spec_.agent_groups[a.group].wrap_up;
    a.service.wrap_up = group_wrap_up ? sim::Time(group_wrap_up->sample(groups_[a.group].wrap_up)) : info.wrap_up;
    ++busy_;
    return a.service;
  }
  /// The call slot `agent` serves.
  [[nodiscard]] std::uint32_t call_of(std::uint32_t agent) const { return agents_[agent].call; }
  [[nodiscard]] const Service& service_of(std::uint32_t agent) const { return agents_[agent].service; }
  /// `agent` finished its call and wrap-up; true if it goes off duty now (its group has
  /// fewer on duty scheduled than present), false if it is free for work.
  CALLSIM_HOT_INLINE bool end_service(std::uint32_t agent) {
    Agent& a = agents_[agent];
    a.call = kNotServing;
    --busy_;
    Group& group = groups_[a.group];
    if (group.leaving == 0) return false;
    --group.leaving;  // the shift ended (or a break began) during this call
    group.off.push_back(agent);
    --group.present;
    return true;
  }

  // ---- staffing -------------------------------------------------------------------------

  /// Brings the agents of `group` who stay on duty to `target`: first busy agents due to
  /// leave stay after all, then off-duty ones join (returned: the caller takes each from
  /// come_on_duty() and offers it work); when `target` is lower, idle agents leave at once
  /// (the most recently idle first) and busy ones when their call ends.
  int restaff(std::uint32_t g, int target) {
    Group& group = groups_[g];
    int staying = group.present - group.leaving;
    if (target > staying) {
      const int kept = std::min(group.leaving, target - staying);  // busy agents stay on after all
      group.leaving -= kept;
      staying += kept;
      const int joining = target - staying;
      group.present += joining;
      return joining;
    }
    int surplus = staying - target;
    while (surplus > 0 && !group.idle.empty()) {  // idle agents leave at once
      group.off.push_back(group.idle.back());
      group.idle.pop_back();
      --group.present;
      --surplus;
    }
    group.leaving += surplus;  // busy ones when their call ends
    return 0;
  }
  /// One off-duty agent of `group` comes on duty (after restaff() counted it present);
  /// ranks come in index order.
  std::uint32_t come_on_duty(std::uint32_t g) {
    Group& group = groups_[g];
    const std::uint32_t agent = group.off.back();
    group.off.pop_back();
    return agent;
  }

 private:
  static constexpr std::uint32_t kNotServing = ~0u;
  struct Agent {
    std::uint32_t group;
    std::uint32_t call;  // call slot, or kNotServing
    double idle_since;
    Service service;  // the current call's service
  };
  struct Group {
    sim::RingQueue<std::uint32_t> idle;  // idle agents on duty, longest idle first
    std::vector<std::uint32_t> off;      // agents off duty (a stack)
    std::vector<std::uint32_t> skills;   // call types this group takes
    sim::RandomStream wrap_up;           // only used when the group overrides wrap-up
    int present = 0;                     // on duty, busy or idle
    int leaving = 0;                     // busy agents to send off duty when they finish
  };

  const CenterSpec& spec_;
  std::size_t types_;
  std::vector<Group> groups_;
  std::vector<std::vector<std::uint32_t>> servers_;  // per type: groups with the skill
  std::vector<double> multiplier_;                   // [group * K + type]
  std::vector<int> level_;                           // [group * K + type], 0 without the skill
  std::vector<Agent> agents_;
  std::uint64_t busy_ = 0;
};

}  // namespace callsim::models
