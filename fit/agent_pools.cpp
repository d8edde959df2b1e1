#include "fit/agent_pools.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <stdexcept>

namespace callsim::fit {

namespace {

std::uint32_t most_served(const std::vector<std::size_t>& counts) {
  return static_cast<std::uint32_t>(std::max_element(counts.begin(), counts.end()) - counts.begin());
}

}  // namespace

std::vector<AgentPool> find_agent_pools(const CallLog& log, const std::vector<std::uint32_t>& days,
                                        const PoolOptions& options) {
  const std::size_t types = log.call_types.size();
  std::vector<bool> used_day(log.days.size(), false);
  for (const auto d : days) used_day[d] = true;
  // services[agent][type] on the days used
  std::vector<std::vector<std::size_t>> services(log.agents.size(), std::vector<std::size_t>(types, 0));
  for (const auto& call : log.calls)
    if (call.outcome == LoggedOutcome::ANSWERED && call.agent != kNoAgent && used_day[call.day])
      ++services[call.agent][call.call_type];

  std::map<std::vector<std::uint32_t>, AgentPool> by_skills;
  std::size_t total = 0;
  for (std::uint32_t a = 0; a < services.size(); ++a) {
    const auto& counts = services[a];
    const std::size_t n = std::accumulate(counts.begin(), counts.end(), std::size_t{0});
    if (n == 0) continue;
    total += n;
    std::vector<std::uint32_t> order(types);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t x, std::uint32_t y) { return counts[x] > counts[y]; });
    std::vector<std::uint32_t> skills;
    std::size_t covered = 0;
    for (const auto t : order) {
      if (static_cast<double>(covered) >= options.share * static_cast<double>(n)) break;
      skills.push_back(t);
      covered += counts[t];
    }
    std::sort(skills.begin(), skills.end());
    AgentPool& pool = by_skills[skills];
    pool.skills = skills;
    pool.agents.push_back(a);
    pool.services += n;
  }
  if (by_skills.empty()) {
    throw std::invalid_argument(
        "no answered call of the chosen days names its agent, so the agents' groups and "
        "their staffing cannot be estimated; the log needs the agent of each answered call");
  }

  std::vector<AgentPool> pools;
  for (auto& [skills, pool] : by_skills) pools.push_back(std::move(pool));
  const auto type_counts = [&](const AgentPool& pool) {
    std::vector<std::size_t> counts(types, 0);
    for (const auto a : pool.agents)
      for (std::size_t t = 0; t < types; ++t) counts[t] += services[a][t];
    return counts;
  };
  for (auto& pool : pools) pool.main_type = most_served(type_counts(pool));
  const auto by_size = [](const AgentPool& x, const AgentPool& y) {
    return x.services != y.services ? x.services > y.services : x.skills < y.skills;
  };
  std::sort(pools.begin(), pools.end(), by_size);

  // Merge the smallest small pool into the largest pool holding its main type, until none can.
  for (bool merged = true; merged && pools.size() > 1;) {
    merged = false;
    for (std::size_t i = pools.size(); i-- > 0;) {
      if (static_cast<double>(pools[i].services) >= options.min_pool_share * static_cast<double>(total)) continue;
      std::size_t into = pools.size();
      for (std::size_t j = 0; j < pools.size() && into == pools.size(); ++j) {
        if (j != i && std::binary_search(pools[j].skills.begin(), pools[j].skills.end(), pools[i].main_type)) into = j;
      }
      if (into == pools.size()) into = i == 0 ? 1 : 0;  // no pool serves its main type: the largest other one
      AgentPool& target = pools[into];
      std::vector<std::uint32_t> skills;
      std::set_union(target.skills.begin(), target.skills.end(), pools[i].skills.begin(), pools[i].skills.end(),
                     std::back_inserter(skills));
      target.skills = skills;
      target.agents.insert(target.agents.end(), pools[i].agents.begin(), pools[i].agents.end());
      std::sort(target.agents.begin(), target.agents.end());
      target.services += pools[i].services;
      target.main_type = most_served(type_counts(target));
      pools.erase(pools.begin() + static_cast<std::ptrdiff_t>(i));
      std::sort(pools.begin(), pools.end(), by_size);
      merged = true;
      break;
    }
  }

  // Every type that was answered needs a group with its skill.
  std::vector<std::size_t> answered(types, 0);
  for (std::uint32_t a = 0; a < services.size(); ++a)
    for (std::size_t t = 0; t < types; ++t) answered[t] += services[a][t];
  for (std::uint32_t t = 0; t < types; ++t) {
    const bool held = std::any_of(pools.begin(), pools.end(), [&](const AgentPool& p) {
      return std::binary_search(p.skills.begin(), p.skills.end(), t);
    });
    if (held) continue;
    std::size_t best = 0, best_count = 0;  // a type nobody answered goes to the largest pool
    for (std::size_t p = 0; p < pools.size(); ++p) {
      const std::size_t c = type_counts(pools[p])[t];
      if (c > best_count) best = p, best_count = c;
    }
    pools[best].skills.insert(std::upper_bound(pools[best].skills.begin(), pools[best].skills.end(), t), t);
  }
  return pools;
}

}  // namespace callsim::fit
