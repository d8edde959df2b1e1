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

}  // namespace callsim::models::stream_kind
