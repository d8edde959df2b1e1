#pragma once
/// \file
/// The fixed, append-only numbering of the model's random stream kinds. A stream is keyed by
/// (kind, entity), never by creation order: adding a kind or an entity leaves every existing
/// stream, and so every existing result, untouched. Never renumber; only append.

#include <cstdint>

namespace callsim::models::stream_kind {

inline constexpr std::uint32_t kArrivals = 1;  ///< interarrival times, entity = call type
inline constexpr std::uint32_t kService = 2;   ///< service demand, entity = call type
inline constexpr std::uint32_t kPatience = 3;  ///< patience, entity = call type
inline constexpr std::uint32_t kWrapUp = 4;    ///< after-call work of the call type, entity = call type
/// After-call work of a group that overrides the type's, entity = agent group. Drawn when the
/// call is answered (the group is known only then), so it is the one per-call draw that is
/// not in step across routing policies.
inline constexpr std::uint32_t kGroupWrapUp = 5;
inline constexpr std::uint32_t kIvrArrivals = 6;  ///< calls entering the IVR, entity 0
inline constexpr std::uint32_t kIvrPath = 7;      ///< IVR durations and branches, entity 0
inline constexpr std::uint32_t kBalking = 8;      ///< the balking draw, entity = call type
inline constexpr std::uint32_t kRetrial = 9;      ///< retrial decisions and delays, entity = call type
inline constexpr std::uint32_t kBusyness = 10;    ///< day-level busyness factors, entity 0
inline constexpr std::uint32_t kAbsence = 11;     ///< which agents are absent each day, entity = agent group
/// The routing policy's per-call draw (e.g. whether a caller accepts a callback), drawn at
/// entry for every call when the policy chooses queues, entity = call type.
inline constexpr std::uint32_t kPolicy = 12;
inline constexpr std::uint32_t kDayMix = 13;  ///< which variant of the day mix a replication is, entity 0
/// The routing policy's random choices at a decision (random_agent's agent, weighted_groups'
/// group), drawn when a call of the type is routed, entity = call type. Apart from every
/// caller's draws, so the callers are the same whatever the policy (common random numbers).
inline constexpr std::uint32_t kRouting = 14;

}  // namespace callsim::models::stream_kind
