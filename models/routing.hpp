#pragma once
/// \file
/// Routing policies. A policy answers the two questions of call routing (as in SSJ's
/// ContactCenters):
/// - `agent_for(center, type, waited)`: which idle agent takes a call of `type` that has
///   waited `waited` seconds (0 on arrival; more when the model re-offers a waiting call, see
///   below); it returns the longest-idle agent of one of the groups with the skill
///   (`center.longest_idle_in(group)`), or `kNoAgent` to queue the call;
/// - `type_for(center, agent)`: which waiting call a freed `agent` takes: a call type whose
///   head call (the longest waiting of that type) it takes, or `kNoType` to go idle.
/// A policy is a small struct in its own `models/policy_<name>.hpp` with `kName`,
/// `kDescription`, `kParams` (its parameters, models/routing_params.hpp) and a constructor
/// from the CenterSpec (where it reads its parameter tables), registered with one line in
/// `models/routing_policies.hpp`; the model takes it as a template parameter, so a
/// decision is an inlined loop over a group's skills or a type's groups, never a scan of
/// all agents and never a virtual call.
///
/// Optional: `review_delays(type)`, the waits (ascending, s) at which a waiting call of
/// `type` should be offered again (`agent_for` with the head call's wait): overflow rules
/// need a call answered the moment it becomes eligible for an idle group.
///
/// The center a policy sees offers (see CallCenter's "routing view"): servers_of(type),
/// skills_of(group), skill_level(group, type), longest_idle_in(group), idle_since(agent),
/// idle_agents(group), group_of(agent), head_wait_key(type) (head call's arrival minus its
/// type's priority credit, +inf when none waits; seconds), head_arrival(type), now() and
/// spec().

#include <cstdint>
#include <limits>

namespace callsim::models {

inline constexpr std::uint32_t kNoAgent = ~0u;
inline constexpr std::uint32_t kNoType = ~0u;
inline constexpr double kNobodyWaits = std::numeric_limits<double>::infinity();

/// Among the groups with skill `type` for which `rank(group)` is smallest, the agent idle
/// longest (ties: the earlier group). Shared by the policies that differ only in `rank`.
template <class Center, class Rank>
std::uint32_t longest_idle_agent_by(const Center& center, std::uint32_t type, Rank&& rank) {
  std::uint32_t best = kNoAgent;
  for (std::uint32_t g : center.servers_of(type)) {
    const std::uint32_t a = center.longest_idle_in(g);
    if (a == kNoAgent) continue;
    if (best == kNoAgent || rank(g) < rank(center.group_of(best)) ||
        (rank(g) == rank(center.group_of(best)) && center.idle_since(a) < center.idle_since(best))) {
      best = a;
    }
  }
  return best;
}

/// Among `agent`'s skills with a waiting call and `eligible(type)`, the type with the
/// smallest (rank(type), head wait key): the longest-waiting call within the best rank.
template <class Center, class Rank, class Eligible>
std::uint32_t longest_waiting_type_by(Center& center, std::uint32_t agent, Rank&& rank, Eligible&& eligible) {
  std::uint32_t best = kNoType;
  double best_key = kNobodyWaits;
  for (std::uint32_t k : center.skills_of(center.group_of(agent))) {
    if (!eligible(k)) continue;
    const double key = center.head_wait_key(k);
    if (key == kNobodyWaits) continue;
    if (best == kNoType || rank(k) < rank(best) || (rank(k) == rank(best) && key < best_key)) {
      best = k;
      best_key = key;
    }
  }
  return best;
}

template <class Center, class Rank>
std::uint32_t longest_waiting_type_by(Center& center, std::uint32_t agent, Rank&& rank) {
  return longest_waiting_type_by(center, agent, rank, [](std::uint32_t) { return true; });
}

}  // namespace callsim::models
