#pragma once
/// \file
/// Routing policies. A policy answers the two questions of call routing (as in SSJ's
/// ContactCenters), reading the center through a RoutingView (models/routing_view.hpp):
/// - `agent_for(const RoutingView&, type, waited)`: which idle agent takes a call of `type`
///   that has waited `waited` seconds (0 on arrival; more when the model re-offers a waiting
///   call, see below); it returns the longest-idle agent of one of the groups with the skill
///   (`view.longest_idle_in(group)`), or `kNoAgent` to queue the call;
/// - `type_for(const RoutingView&, agent)`: which waiting call a freed `agent` takes: a
///   queue whose head call (the longest waiting there) it takes, or `kNoType` to go idle.
/// A policy is a small struct in its own `models/policy_<name>.hpp` with `kName`,
/// `kDescription`, `kParams` (its parameters, models/routing_params.hpp) and a constructor
/// from the CenterSpec (where it reads its parameter tables), registered with one line in
/// `models/routing_policies.hpp`. The model takes it as a template parameter, so a
/// decision is an inlined loop over a group's skills or a type's groups, never a scan of
/// all agents and never a virtual call; mark the decisions CALLSIM_HOT_INLINE
/// (models/hot_path.hpp): they are plain functions over a RoutingView, which GCC would
/// otherwise keep out of line.
///
/// Optional:
/// - `kCallTypeKeys`: keys the policy reads on each call type (CallTypeKeyInfo, e.g.
///   weighted_wait's `call_types[].weight`); the loader learns them from the registry;
/// - `queue_for(const RoutingView&, type, draw)`: the queue a call of `type` that must wait
///   joins (its type's, a group's, or a callback queue); `draw` is a uniform drawn for the
///   caller at entry;
/// - `review_delays(type)`: the waits (ascending, s) at which a waiting call of `type`
///   should be offered again (`agent_for` with the head call's wait): overflow rules need a
///   call answered the moment it becomes eligible for an idle group;
/// - a constructor `(const CenterSpec&, std::uint64_t seed, std::uint64_t replication)`
///   instead of the one from the CenterSpec, for a policy that draws at its decisions: its
///   streams are keyed by (seed, replication, stream_kind::kRouting, call type), apart
///   from every caller's, so the callers are the same whatever the policy (common random
///   numbers), and a decision (then a non-const agent_for) draws from the stream of the
///   call's type, without allocating;
/// - `kAnyIdleAgent = true`: agent_for may return any idle agent of a group
///   (`view.idle_agent_in(group, i)`), not only its longest idle; the model then takes
///   that agent out of the group's idle ring (the others keep their order).

#include <cstdint>

#include "models/hot_path.hpp"
#include "models/routing_ids.hpp"
#include "models/routing_view.hpp"

namespace callsim::models {

/// Among the groups with skill `type` for which `rank(group)` is smallest, the agent idle
/// longest (ties: the earlier group). Shared by the policies that differ only in `rank`.
template <class Rank>
CALLSIM_HOT_INLINE std::uint32_t longest_idle_agent_by(const RoutingView& view, std::uint32_t type, Rank&& rank) {
  std::uint32_t best = kNoAgent;
  for (std::uint32_t g : view.servers_of(type)) {
    const std::uint32_t a = view.longest_idle_in(g);
    if (a == kNoAgent) continue;
    if (best == kNoAgent || rank(g) < rank(view.group_of(best)) ||
        (rank(g) == rank(view.group_of(best)) && view.idle_since(a) < view.idle_since(best))) {
      best = a;
    }
  }
  return best;
}

/// Among `agent`'s skills with a waiting call and `eligible(type)`, the type with the
/// smallest (rank(type), head wait key): the longest-waiting call within the best rank.
template <class Rank, class Eligible>
CALLSIM_HOT_INLINE std::uint32_t longest_waiting_type_by(const RoutingView& view, std::uint32_t agent, Rank&& rank,
                                                         Eligible&& eligible) {
  std::uint32_t best = kNoType;
  double best_key = kNobodyWaits;
  for (std::uint32_t k : view.skills_of(view.group_of(agent))) {
    if (!eligible(k)) continue;
    const double key = view.head_wait_key(k);
    if (key == kNobodyWaits) continue;
    if (best == kNoType || rank(k) < rank(best) || (rank(k) == rank(best) && key < best_key)) {
      best = k;
      best_key = key;
    }
  }
  return best;
}

template <class Rank>
CALLSIM_HOT_INLINE std::uint32_t longest_waiting_type_by(const RoutingView& view, std::uint32_t agent, Rank&& rank) {
  return longest_waiting_type_by(view, agent, rank, [](std::uint32_t) { return true; });
}

}  // namespace callsim::models
