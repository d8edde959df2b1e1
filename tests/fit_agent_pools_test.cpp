// Agent groups from who served what (fit/agent_pools): agents with different skills form
// different groups, small groups merge, and `--one-group` (every pool counted small) makes
// one group holding every skill.

#include <catch2/catch.hpp>

#include <limits>

#include "fit/agent_pools.hpp"

using namespace callsim::fit;

namespace {

// Agent a answers 60 retail calls, agent b 40 stock calls, on one day.
CallLog two_specialists() {
  CallLog log;
  const auto retail = log.call_type_index("retail");
  const auto stock = log.call_type_index("stock");
  const auto a = log.agent_index("a");
  const auto b = log.agent_index("b");
  log.day_index("2024-03-04", 1);
  for (int i = 0; i < 100; ++i) {
    LoggedCall c;
    c.arrival = c.queue_entry = c.answer = 8 * 3600 + 60.0 * i;
    c.end = c.answer + 50;
    c.call_type = i < 60 ? retail : stock;
    c.agent = i < 60 ? a : b;
    log.calls.push_back(c);
  }
  return log;
}

}  // namespace

TEST_CASE("agents with different skills form different groups", "[fit][pools]") {
  const auto log = two_specialists();
  const auto pools = find_agent_pools(log, {0}, PoolOptions{});
  REQUIRE(pools.size() == 2);
  CHECK(pools[0].skills == std::vector<std::uint32_t>{0});  // retail, the larger
  CHECK(pools[0].agents == std::vector<std::uint32_t>{0});
  CHECK(pools[0].services == 60);
  CHECK(pools[1].skills == std::vector<std::uint32_t>{1});
  CHECK(pools[1].services == 40);
}

TEST_CASE("a group under the minimum share joins the largest group, and one-group joins all", "[fit][pools]") {
  const auto log = two_specialists();
  PoolOptions options;
  options.min_pool_share = 0.5;  // stock's 40 % is small: it joins retail's group
  auto pools = find_agent_pools(log, {0}, options);
  REQUIRE(pools.size() == 1);
  CHECK(pools[0].skills == std::vector<std::uint32_t>{0, 1});
  CHECK(pools[0].agents == std::vector<std::uint32_t>{0, 1});
  CHECK(pools[0].services == 100);
  options.min_pool_share = std::numeric_limits<double>::infinity();  // callsim fit --one-group
  pools = find_agent_pools(log, {0}, options);
  REQUIRE(pools.size() == 1);
  CHECK(pools[0].skills == std::vector<std::uint32_t>{0, 1});
  CHECK(pools[0].main_type == 0);
}
