#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
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

TEST_CASE("a stop request lets no new replication start and leaves a prefix", "[sim][runner]") {
  std::atomic<int> started{0};
  std::vector<char> ran(50, 0);
  auto simulate = [&](std::size_t r) {
    ++started;
    ran[r] = 1;
    return fake_replication(r);
  };
  const auto results = callsim::sim::run_replications<double>(50, 2, simulate, {}, [&] { return started >= 7; });
  const auto k = static_cast<std::size_t>(std::count(ran.begin(), ran.end(), 1));
  REQUIRE(k >= 7);
  REQUIRE(k < 50);
  for (std::size_t r = 0; r < 50; ++r) {
    REQUIRE(ran[r] == (r < k ? 1 : 0));  // the replications that ran are 0 .. k-1
    REQUIRE(results[r] == (r < k ? fake_replication(r) : 0.0));
  }
}
