#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <set>

#include "sim/random_stream.hpp"

using callsim::sim::RandomStream;
using callsim::sim::StreamKey;

TEST_CASE("a stream depends only on seed, replication and key", "[sim][random]") {
  RandomStream a(5, 3, {2, 7});
  // Creating other streams in between changes nothing: no hidden global state or counter.
  RandomStream other1(5, 3, {2, 8});
  RandomStream other2(6, 3, {2, 7});
  RandomStream b(5, 3, {2, 7});
  for (int i = 0; i < 100; ++i) REQUIRE(a() == b());
}

TEST_CASE("nearby seeds, replications and keys give different streams", "[sim][random]") {
  std::set<std::uint64_t> first;
  int made = 0;
  for (std::uint64_t seed : {0ULL, 1ULL, 2ULL}) {
    for (std::uint64_t r : {0ULL, 1ULL, 2ULL}) {
      for (std::uint32_t kind : {0u, 1u}) {
        for (std::uint32_t entity : {0u, 1u}) {
          RandomStream s(seed, r, StreamKey{kind, entity});
          first.insert(s());
          ++made;
        }
      }
    }
  }
  REQUIRE(first.size() == static_cast<std::size_t>(made));
  // Swapping kind and entity is a different stream.
  REQUIRE(RandomStream(1, 0, {1, 2})() != RandomStream(1, 0, {2, 1})());
}

TEST_CASE("uniform01 lies strictly inside (0,1) with the right moments", "[sim][random]") {
  RandomStream s(42, 0, {1, 0});
  const int n = 1000000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform01();
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum2 += u * u;
  }
  // Mean 1/2, sd of the mean sqrt(1/12/n) = 2.9e-4: 5 sd is a deterministic, honest bound.
  REQUIRE(std::abs(sum / n - 0.5) < 5 * std::sqrt(1.0 / 12 / n));
  REQUIRE(std::abs(sum2 / n - 1.0 / 3) < 5 * std::sqrt(4.0 / 45 / n));
}

TEST_CASE("uniform01 never reaches 0 or 1, even at the extreme bit patterns", "[sim][random]") {
  constexpr double lo = RandomStream::to_open_unit_interval(0);
  constexpr double hi = RandomStream::to_open_unit_interval(~std::uint64_t{0});
  REQUIRE(lo > 0.0);
  REQUIRE(hi < 1.0);
  REQUIRE(std::log(hi) < 0.0);
  REQUIRE(std::isfinite(std::log(1.0 - hi)));
}

TEST_CASE("consecutive uniforms are uncorrelated", "[sim][random]") {
  RandomStream s(3, 0, {1, 0});
  const int n = 500000;
  double prev = s.uniform01(), acc = 0;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform01();
    acc += (prev - 0.5) * (u - 0.5);
    prev = u;
  }
  // Lag-1 covariance has sd 1/12/sqrt(n): 5 sd bound.
  REQUIRE(std::abs(acc / n) < 5.0 / 12 / std::sqrt(static_cast<double>(n)));
}

TEST_CASE("a stream draws its engine's sequence, seeded on first use", "[sim][random]") {
  boost::random::mt19937_64 engine(callsim::sim::stream_seed(9, 4, {3, 1}));
  RandomStream stream(9, 4, {3, 1});
  RandomStream copy = stream;  // copied before any draw: the same sequence, independently
  for (int i = 0; i < 1000; ++i) REQUIRE(stream() == engine());
  boost::random::mt19937_64 again(callsim::sim::stream_seed(9, 4, {3, 1}));
  REQUIRE(copy() == again());
  boost::random::mt19937_64 default_engine;
  RandomStream default_stream;
  for (int i = 0; i < 10; ++i) REQUIRE(default_stream() == default_engine());
}
