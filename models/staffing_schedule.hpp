#pragma once
/// \file
/// The staffing schedule: how many agents of each group are on duty when. A group's plan
/// is a list of steps (shifts and breaks resolved by the loader into per-interval numbers;
/// `count` all the time without one); each step is a kernel event at its time. Absenteeism
/// takes scheduled agents away for whole days: drawn per day, for every rank of the group,
/// from the group's own stream, so the same agents are absent whatever the routing.
/// What a change does to agents who are busy is the agent pool's rule
/// (models/agent_pool.hpp).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "models/busyness.hpp"
#include "models/center_events.hpp"
#include "models/center_spec.hpp"
#include "models/day_mix.hpp"
#include "models/stream_kinds.hpp"
#include "sim/random_stream.hpp"
#include "sim/time.hpp"

namespace callsim::models {

/// The staffing steps of `group`: its `staffing`, or `count` from time 0 when that is empty.
std::vector<StaffingStep> staffing_steps(const AgentGroupSpec& group);

class StaffingSchedule {
 public:
  StaffingSchedule(const CenterSpec& spec, std::uint64_t seed, std::uint64_t replication)
      : groups_(spec.agent_groups.size()) {
    const std::size_t variant = day_variant(spec, seed, replication);
    for (std::uint32_t g = 0; g < groups_.size(); ++g) {
      const AgentGroupSpec& gs = spec.agent_groups[g];
      Group& group = groups_[g];
      group.steps = spec.day_mix.empty() ? staffing_steps(gs) : spec.day_mix[variant].staffing[g];
      group.absenteeism = gs.absenteeism;
      if (gs.absenteeism > 0) group.absence = sim::RandomStream(seed, replication, {stream_kind::kAbsence, g});
    }
  }

  /// The most agents any step of `group` puts on duty: the agents the group needs.
  [[nodiscard]] int headcount(std::uint32_t g) const {
    int most = 0;
    for (const auto& step : groups_[g].steps) most = std::max(most, step.agents);
    return most;
  }
  [[nodiscard]] std::vector<int> headcounts() const {
    std::vector<int> counts;
    for (std::uint32_t g = 0; g < groups_.size(); ++g) counts.push_back(headcount(g));
    return counts;
  }

  /// Schedules every step of every group (group by group, in step order) as a
  /// center_event::kStaffing whose payload is (group << 32) | step.
  template <class Simulator>
  void schedule(Simulator& sim) const {
    for (std::uint32_t g = 0; g < groups_.size(); ++g) {
      const auto& steps = groups_[g].steps;
      for (std::uint32_t i = 0; i < steps.size(); ++i) {
        sim.schedule_at(steps[i].from, center_event::kStaffing, (std::uint64_t{g} << 32) | i,
                        center_event::kPriorityStaffing);
      }
    }
  }

  /// The agents of group `g` due on duty at step `step` (taken at `now`) who are not absent
  /// today: the step brings on ranks [0, n) of the group's `ranks`, and an absent rank
  /// stays away all day, whatever the step.
  int present_target(std::uint32_t g, std::uint32_t step, sim::Time now, std::size_t ranks) {
    Group& group = groups_[g];
    const int scheduled = group.steps[step].agents;
    if (group.absenteeism <= 0) return scheduled;
    const auto day = static_cast<std::size_t>(std::floor(now.seconds() / Busyness::kDay));
    while (group.absent.size() <= day) {  // days drawn in order, every rank each day
      std::vector<bool> today(ranks);
      for (std::size_t i = 0; i < ranks; ++i) today[i] = group.absence.uniform01() < group.absenteeism;
      group.absent.push_back(std::move(today));
    }
    int present = 0;
    for (int i = 0; i < scheduled; ++i) present += !group.absent[day][static_cast<std::size_t>(i)];
    return present;
  }

 private:
  struct Group {
    std::vector<StaffingStep> steps;
    double absenteeism = 0;
    sim::RandomStream absence;              // only used with absenteeism
    std::vector<std::vector<bool>> absent;  // [day][agent rank in the group]
  };
  std::vector<Group> groups_;
};

}  // namespace callsim::models
