#pragma once
/// \file
/// RoutingView: what a routing policy (models/routing.hpp) may read and do at a decision.
/// The model builds one per decision (four words: it inlines away) over its components:
/// the queues, the agent pool, the spec and the clock. Reading the head of a queue may drop
/// abandoned callers found there (CallQueues::head_of), which changes no outcome; nothing
/// else a policy can reach changes the center.

#include <cstdint>
#include <vector>

#include "models/agent_pool.hpp"
#include "models/call_queues.hpp"
#include "models/center_spec.hpp"
#include "models/hot_path.hpp"
#include "sim/time.hpp"

namespace callsim::models {

class RoutingView {
 public:
  RoutingView(const CenterSpec& spec, CallQueues& queues, const AgentPool& agents, sim::Time now)
      : spec_(&spec), queues_(&queues), agents_(&agents), now_(now) {}

  /// The center as specified (call types' priority and weight, groups, routing parameters).
  [[nodiscard]] const CenterSpec& spec() const { return *spec_; }
  /// The simulated time of the decision.
  [[nodiscard]] CALLSIM_HOT_INLINE sim::Time now() const { return now_; }

  // ---- agents ---------------------------------------------------------------------------

  /// Groups with the skill for `type`, in group order.
  [[nodiscard]] CALLSIM_HOT_INLINE const std::vector<std::uint32_t>& servers_of(std::uint32_t type) const {
    return agents_->servers_of(type);
  }
  /// Call types `group` takes, in the order of its skills.
  [[nodiscard]] CALLSIM_HOT_INLINE const std::vector<std::uint32_t>& skills_of(std::uint32_t group) const {
    return agents_->skills_of(group);
  }
  /// The group's skill level for `type` (1 = most preferred); 0 without the skill.
  [[nodiscard]] CALLSIM_HOT_INLINE int skill_level(std::uint32_t group, std::uint32_t type) const {
    return agents_->skill_level(group, type);
  }
  /// The group's agent idle longest, or kNoAgent. agent_for must return such an agent,
  /// unless the policy declares kAnyIdleAgent (models/routing.hpp).
  [[nodiscard]] CALLSIM_HOT_INLINE std::uint32_t longest_idle_in(std::uint32_t group) const {
    return agents_->longest_idle_in(group);
  }
  /// The group's idle agent `i` places behind the longest idle (0: longest_idle_in(group)),
  /// i < idle_agents(group). Only policies that declare kAnyIdleAgent may return one that
  /// is not the longest idle.
  [[nodiscard]] CALLSIM_HOT_INLINE std::uint32_t idle_agent_in(std::uint32_t group, std::size_t i) const {
    return agents_->idle_agent(group, i);
  }
  /// When `agent` became idle (s).
  [[nodiscard]] CALLSIM_HOT_INLINE double idle_since(std::uint32_t agent) const { return agents_->idle_since(agent); }
  /// Idle agents of `group` now.
  [[nodiscard]] CALLSIM_HOT_INLINE std::size_t idle_agents(std::uint32_t group) const {
    return agents_->idle_agents(group);
  }
  [[nodiscard]] CALLSIM_HOT_INLINE std::uint32_t group_of(std::uint32_t agent) const {
    return agents_->group_of(agent);
  }
  /// Agents of `group` on duty now, busy or idle.
  [[nodiscard]] CALLSIM_HOT_INLINE int on_duty(std::uint32_t group) const { return agents_->on_duty(group); }

  // ---- queues ---------------------------------------------------------------------------
  // Call type k's queue is number k (so a type index names its queue); policies that
  // choose queues (queue_for) may also use one queue per agent group and one queue of
  // callbacks per call type.

  [[nodiscard]] CALLSIM_HOT_INLINE std::uint32_t group_queue(std::uint32_t group) const {
    return queues_->group_queue(group);
  }
  [[nodiscard]] CALLSIM_HOT_INLINE std::uint32_t callback_queue(std::uint32_t type) const {
    return queues_->callback_queue(type);
  }
  /// Calls waiting in queue `queue` now.
  [[nodiscard]] CALLSIM_HOT_INLINE std::int64_t queue_length(std::uint32_t queue) const {
    return queues_->queue_length(queue);
  }
  /// The head call of queue `queue`: its arrival minus its type's priority credit (s), or
  /// kNobodyWaits (so the smallest key is the longest wait, credit counted).
  [[nodiscard]] CALLSIM_HOT_INLINE double head_wait_key(std::uint32_t queue) const {
    return queues_->head_wait_key(queue);
  }
  /// When the head call of queue `queue` reached the center's queue (s), or kNobodyWaits.
  [[nodiscard]] CALLSIM_HOT_INLINE double head_arrival(std::uint32_t queue) const {
    return queues_->head_arrival(queue);
  }

 private:
  const CenterSpec* spec_;
  CallQueues* queues_;  // reading a head drops tombstones
  const AgentPool* agents_;
  sim::Time now_;
};

}  // namespace callsim::models
