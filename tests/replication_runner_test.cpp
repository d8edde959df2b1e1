#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "sim/random_stream.hpp"
#include "sim/replication_runner.hpp"

namespace {
// A replication's result depends only on its index: the sum of its stream's first draws.
double fake_replication(std::size_t r) {
  callsim::sim::RandomStream s(99, r, {1, 0});
  double sum = 0;
  for (int i = 0; i < 1000; ++i) sum += s.uniform01();
  return sum;
}
}  // namespace

TEST_CASE("replication results are identical for any thread count", "[sim][runner]") {
  const auto one = callsim::sim::run_replications<double>(37, 1, fake_replication);
  REQUIRE(one.size() == 37);
  for (unsigned threads : {2u, 3u, 8u, 0u}) {
    const auto many = callsim::sim::run_replications<double>(37, threads, fake_replication);
    REQUIRE(many == one);
  }
  REQUIRE(one[0] != one[1]);
}

TEST_CASE("progress is reported once per replication", "[sim][runner]") {
  std::vector<int> seen(20, 0);
  callsim::sim::run_replications<double>(20, 3, fake_replication, [&](std::size_t r) { ++seen[r]; });
  REQUIRE(seen == std::vector<int>(20, 1));
}

TEST_CASE("an exception in a replication reaches the caller", "[sim][runner]") {
  auto failing = [](std::size_t r) -> double {
    if (r == 5) throw std::runtime_error("replication 5 failed");
    return 1.0;
  };
  REQUIRE_THROWS_WITH(callsim::sim::run_replications<double>(10, 2, failing), "replication 5 failed");
}
