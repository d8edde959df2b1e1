#pragma once
/// \file
/// Independent, reproducible random streams keyed by (master seed, replication, key).

#include <cstdint>
#include <optional>

#include <boost/random/mersenne_twister.hpp>

namespace callsim::sim {

/// Identifies one source of randomness: a fixed, append-only `kind` number (chosen by the
/// domain layer, e.g. "service times") and the entity it belongs to (e.g. call type 3).
/// Streams never depend on creation order, so adding an entity leaves others untouched.
struct StreamKey {
  std::uint32_t kind = 0;
  std::uint32_t entity = 0;
};

/// splitmix64's finaliser: a bijective 64-bit mixer with full avalanche.
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// The 64-bit seed of stream `key` in replication `replication` under `master_seed`:
/// each component is folded in through the mixer, so nearby inputs give unrelated seeds.
[[nodiscard]] constexpr std::uint64_t stream_seed(std::uint64_t master_seed, std::uint64_t replication, StreamKey key) {
  std::uint64_t h = mix64(master_seed);
  h = mix64(h ^ replication);
  h = mix64(h ^ ((static_cast<std::uint64_t>(key.kind) << 32) | key.entity));
  return h;
}

/// A stream of random numbers: Boost's mt19937_64 seeded from `stream_seed`.
/// Models a UniformRandomBitGenerator, so Boost.Random distributions accept it.
///
/// The engine is seeded on the first draw, not on construction: seeding fills 312 words of
/// state, and a replication creates a dozen streams per call type of which a scenario may
/// use three (balking, retrials, wrap-up of types without them stay untouched). For short
/// replications (a bank's day: 1,500 calls) that seeding was a measurable share of the
/// time. The numbers drawn are the same; a default-constructed stream draws the engine's
/// default-seeded sequence, as before.
class RandomStream {
 public:
  using result_type = std::uint64_t;

  RandomStream() = default;
  RandomStream(std::uint64_t master_seed, std::uint64_t replication, StreamKey key)
      : seed_(stream_seed(master_seed, replication, key)) {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }
  result_type operator()() { return engine()(); }

  /// A uniform draw in the open interval (0, 1) on a grid of 2^52 midpoints, so it lies in
  /// [2^-53, 1 - 2^-53]: never exactly 0 or 1, and inverse-CDF code may take log(u) and
  /// log(1 - u) safely. (With 53 bits the top midpoint 1 - 2^-54 would round to 1.0.)
  double uniform01() { return to_open_unit_interval(engine()()); }

  /// A whole number drawn uniformly from [0, n), n >= 1, exactly (no modulo bias): Lemire's
  /// multiply-and-reject ("Fast random integer generation in an interval", 2019), one
  /// 64-bit draw except with probability below n / 2^64.
  std::uint64_t below(std::uint64_t n) {
    __extension__ typedef unsigned __int128 Wide;  // GCC and Clang; __extension__: no -Wpedantic warning
    Wide product = static_cast<Wide>(engine()()) * n;
    auto low = static_cast<std::uint64_t>(product);
    if (low < n) {
      const std::uint64_t reject = (0 - n) % n;  // 2^64 mod n: the low words that would bias
      while (low < reject) {
        product = static_cast<Wide>(engine()()) * n;
        low = static_cast<std::uint64_t>(product);
      }
    }
    return static_cast<std::uint64_t>(product >> 64);
  }

  /// The mapping uniform01() applies to one 64-bit output (exposed to test its extremes).
  static constexpr double to_open_unit_interval(std::uint64_t bits) {
    return (static_cast<double>(bits >> 12) + 0.5) * 0x1.0p-52;
  }

 private:
  boost::random::mt19937_64& engine() {
    if (!engine_) [[unlikely]]
      seed_engine();
    return *engine_;
  }
  // Out of line on purpose: it runs once per stream and replication, and inlined into a caller that draws
  // right after construction it makes g++ 12 (with sanitizers) report the engine's state as
  // maybe-uninitialized, a false positive that -Werror would turn into a failed build.
  [[gnu::noinline]] void seed_engine() { engine_.emplace(seed_); }

  std::uint64_t seed_ = boost::random::mt19937_64::default_seed;
  std::optional<boost::random::mt19937_64> engine_;  ///< seeded on first use
};

}  // namespace callsim::sim
