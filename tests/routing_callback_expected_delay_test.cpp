// callback_offer and expected_delay: the policies that choose the queue a waiting call joins.

#include <catch2/catch.hpp>

#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "models/call_center.hpp"
#include "models/routing_policies.hpp"
#include "run/experiment.hpp"
#include "spec_builders.hpp"

using callsim::models::CallInfo;
using callsim::models::CenterSpec;
using callsim::models::Service;
using callsim::sim::Time;
using test_specs::group;
using test_specs::type;

namespace {

/// Two types on overlapping groups, overloaded at times (so predicted waits pass 60 s).
CenterSpec callback_center(double acceptance) {
  CenterSpec spec;
  spec.name = "callbacks";
  spec.time.duration = Time(30 * 3600);
  spec.call_types = {type("retail", 300, 200, 900), type("business", 120, 240, 900)};
  spec.agent_groups = {group("generalists", {"retail", "business"}, 17), group("specialists", {"business"}, 8)};
  spec.routing.policy = "callback_offer";
  spec.routing.params = {{"threshold", {60, 60}}, {"acceptance", {acceptance, acceptance}}};
  return spec;
}

/// Tracks live waiting calls and accepted callbacks to check each callback against them.
struct CallbackWatch : callsim::models::NullObserver {
  std::map<std::uint64_t, CallInfo> live;       // waiting on the line
  std::map<std::uint64_t, double> accepted_at;  // callbacks not made yet
  std::uint64_t callbacks = 0, made = 0, made_while_live_waits = 0;
  std::function<std::uint32_t(std::uint32_t)> group_skills_mask;  // bit k: the group takes type k
  void on_arrival(const CallInfo& c) { live[c.id] = c; }
  void on_callback(const CallInfo& c, Time now) {
    REQUIRE(c.callback);
    live.erase(c.id);
    accepted_at[c.id] = now.seconds();
    ++callbacks;
  }
  void on_answer(const CallInfo& c, Time now, const Service& s) {
    if (!c.callback) {
      live.erase(c.id);
      return;
    }
    REQUIRE(accepted_at.count(c.id) == 1);
    REQUIRE(now.seconds() >= accepted_at[c.id]);  // served after acceptance
    accepted_at.erase(c.id);
    ++made;
    // An agent calls back only when no live call it could take waits.
    for (const auto& [id, w] : live) made_while_live_waits += (group_skills_mask(s.group) >> w.type) & 1u;
  }
  void on_abandon(const CallInfo& c, Time) { live.erase(c.id); }
  void on_balk(const CallInfo& c, Time) { live.erase(c.id); }
};

}  // namespace

TEST_CASE("callback_offer calls back after acceptance and only when no live call waits", "[models][routing]") {
  const CenterSpec spec = callback_center(0.6);
  CallbackWatch watch;
  watch.group_skills_mask = [](std::uint32_t g) { return g == 0 ? 3u : 2u; };
  callsim::models::CallCenter<CallbackWatch, callsim::sim::EventCalendar, callsim::models::CallbackOffer> center(
      spec, 7, 0, watch);
  center.run_to_completion();
  INFO("callbacks " << watch.callbacks << ", made " << watch.made);
  REQUIRE(watch.callbacks > 100);
  REQUIRE(watch.made == watch.callbacks);  // every accepted callback is made by the end
  REQUIRE(watch.accepted_at.empty());
  REQUIRE(watch.made_while_live_waits == 0);
  REQUIRE(center.awaiting_callback() == 0);
}

TEST_CASE("callback_offer KPIs add up and a zero acceptance is longest_idle_agent exactly", "[models][routing]") {
  callsim::run::ExperimentOptions options;
  options.seed = 8;
  options.replications = 3;
  const auto with = callsim::run::run_in_process(callback_center(0.6), options);
  for (const auto& r : with.replications) {
    const auto& t = r.total;
    REQUIRE(t.callbacks > 0);
    REQUIRE(t.callbacks_made == t.callbacks);  // run to completion
    REQUIRE(t.offered == t.answered + t.abandoned + t.callbacks);
    REQUIRE(t.callbacks_made_within <= t.callbacks_made);
    REQUIRE(t.callback_delay > 0);
  }
  // Nobody accepts: the policy's own draws change nothing else (common random numbers).
  auto lia = callback_center(0);
  lia.routing = {};
  const auto none = callsim::run::run_in_process(callback_center(0), options);
  const auto base = callsim::run::run_in_process(lia, options);
  for (std::size_t r = 0; r < 3; ++r) {
    REQUIRE(none.replications[r].total.callbacks == 0);
    REQUIRE(none.replications[r].total.answered == base.replications[r].total.answered);
    REQUIRE(none.replications[r].total.wait_all == base.replications[r].total.wait_all);
  }
  // Callbacks take load off the line: live callers wait less.
  const double live_asa = with.summary[7].mean, base_asa = base.summary[7].mean;
  INFO("ASA with callbacks " << live_asa << " s, without " << base_asa << " s");
  REQUIRE(live_asa < base_asa);
}

namespace {

/// One skill on two groups of different sizes and speeds, with a queue per group.
CenterSpec delay_center() {
  CenterSpec spec;
  spec.name = "expected-delay";
  spec.time.duration = Time(30 * 3600);
  spec.call_types = {type("retail", 420, 180, 600)};
  spec.agent_groups = {group("small", {"retail"}, 6), group("large", {"retail"}, 16)};
  spec.agent_groups[0].service_multipliers = {0.7};  // the small group is faster
  spec.routing.policy = "expected_delay";
  return spec;
}

struct DelayWatch : callsim::models::NullObserver {
  std::function<std::uint32_t()> best_group;  // argmin of the predicted wait now
  std::map<std::uint64_t, std::uint32_t> chosen;
  std::uint64_t queued = 0, to_small = 0;
  void on_arrival(const CallInfo& c) { chosen[c.id] = best_group(); }
  void on_answer(const CallInfo& c, Time now, const Service& s) {
    if (now > c.arrival) {
      REQUIRE(s.group == chosen.at(c.id));  // a waiting call is answered by the group it joined
      ++queued;
      to_small += s.group == 0;
    }
    chosen.erase(c.id);
  }
  void on_abandon(const CallInfo& c, Time) { chosen.erase(c.id); }
};

}  // namespace

TEST_CASE("expected_delay queues a call at the group with the least predicted wait", "[models][routing]") {
  const CenterSpec spec = delay_center();
  DelayWatch watch;
  using Center = callsim::models::CallCenter<DelayWatch, callsim::sim::EventCalendar, callsim::models::ExpectedDelay>;
  Center center(spec, 9, 0, watch);
  watch.best_group = [&] {
    const double small = center.policy().predicted_wait(center.routing_view(), 0),
                 large = center.policy().predicted_wait(center.routing_view(), 1);
    return small <= large ? 0u : 1u;  // ties: the first group, as the policy
  };
  center.run_to_completion();
  INFO("queued " << watch.queued << ", to the small group " << watch.to_small);
  REQUIRE(watch.queued > 1000);
  REQUIRE(watch.to_small > 100);
  REQUIRE(watch.to_small < watch.queued);
}
