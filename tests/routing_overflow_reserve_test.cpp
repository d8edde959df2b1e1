// overflow_delay and reserve: each one's defining invariant, checked at every answer.

#include <catch2/catch.hpp>

#include <functional>
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

/// Retail's primary group is the specialists; the generalists have retail at level 2 and
/// business at level 1. Loaded, so retail calls do wait and overflow.
CenterSpec overflow_center(double retail_per_hour = 260) {
  CenterSpec spec;
  spec.name = "overflow";
  spec.time.duration = Time(40 * 3600);
  spec.call_types = {type("retail", retail_per_hour, 200, 400), type("business", 150, 200, 400)};
  spec.agent_groups = {group("specialists", {"retail"}, 14), group("generalists", {"retail", "business"}, 10)};
  spec.agent_groups[1].skill_levels = {2, 1};
  spec.routing.policy = "overflow_delay";
  return spec;
}

/// Counts how retail calls reached the generalists.
struct OverflowWatch : callsim::models::NullObserver {
  double min_wait = 1e300;       // shortest wait of a retail call a generalist answered
  std::uint64_t overflowed = 0;  // retail calls answered by generalists
  std::uint64_t at_delay = 0;    // ... at the very moment they became eligible
  double delay = 30;
  void on_answer(const CallInfo& c, Time now, const Service& s) {
    if (c.type != 0 || s.group != 1) return;
    const double wait = (now - c.arrival).seconds();
    min_wait = std::min(min_wait, wait);
    ++overflowed;
    at_delay += wait == delay;
  }
};

template <class Observer>
void run_overflow(const CenterSpec& spec, Observer& obs) {
  callsim::models::CallCenter<Observer, callsim::sim::EventCalendar, callsim::models::OverflowDelay> center(spec, 4, 0,
                                                                                                            obs);
  center.run_to_completion();
}

}  // namespace

TEST_CASE("overflow_delay gives no call to a secondary group before its delay", "[models][routing]") {
  CenterSpec spec = overflow_center();
  OverflowWatch watch;
  run_overflow(spec, watch);
  INFO("overflowed " << watch.overflowed << ", shortest wait " << watch.min_wait << " s, at the delay "
                     << watch.at_delay);
  REQUIRE(watch.overflowed > 200);
  REQUIRE(watch.min_wait >= 30);
  // The re-offer at 30 s works: many calls go to an idle generalist exactly then.
  REQUIRE(watch.at_delay > 50);

  // Per type x group: 90 s for retail at the generalists.
  spec.routing.params = {{"delay", {30, 90, 30, 30}}};  // [k * G + g]: retail at the generalists is cell 1
  OverflowWatch later;
  later.delay = 90;
  run_overflow(spec, later);
  REQUIRE(later.overflowed > 20);
  REQUIRE(later.min_wait >= 90);
  REQUIRE(later.at_delay > 10);
  REQUIRE(later.overflowed < watch.overflowed);
}

TEST_CASE("overflow_delay primary groups take calls at once and a zero delay overflows at once", "[models][routing]") {
  CenterSpec spec = overflow_center();
  spec.routing.params = {{"delay", {0, 0, 0, 0}}};
  // With no delay, generalists take retail calls on arrival, but only when no specialist
  // is free: a zero delay makes them eligible at once, never preferred.
  struct Watch : OverflowWatch {
    int idle_specialists = 14;
    std::uint64_t generalist_with_specialist_idle = 0;
    void on_answer(const CallInfo& c, Time now, const Service& s) {
      OverflowWatch::on_answer(c, now, s);
      if (s.group == 0) --idle_specialists;
      if (c.type == 0 && s.group == 1 && now == c.arrival && idle_specialists > 0) ++generalist_with_specialist_idle;
    }
    void on_service_end(const CallInfo&, Time, const Service& s) { idle_specialists += s.group == 0; }
  } watch;
  watch.delay = 0;
  run_overflow(spec, watch);
  INFO("overflowed " << watch.overflowed << ", at once " << watch.at_delay << ", to a generalist while a specialist "
                     << "was idle " << watch.generalist_with_specialist_idle);
  REQUIRE(watch.min_wait == 0);
  REQUIRE(watch.at_delay > 200);
  REQUIRE(watch.generalist_with_specialist_idle == 0);
  // Under longest_idle_agent generalists take retail at once; overflow_delay with the default
  // delay never does, and retail then waits longer while business waits less.
  auto lia = overflow_center();
  lia.routing.policy = "longest_idle_agent";
  callsim::run::ExperimentOptions options;
  options.seed = 5;
  options.replications = 4;
  const auto a = callsim::run::run_in_process(lia, options);
  const auto b = callsim::run::run_in_process(overflow_center(), options);
  const auto asa = [](const auto& run, std::size_t k) {
    return callsim::analysis::summarize_call_type(run.replications, k, 2)[7].mean;  // asa
  };
  INFO("LIA retail ASA " << asa(a, 0) << ", business " << asa(a, 1) << "; overflow " << asa(b, 0) << ", " << asa(b, 1));
  REQUIRE(asa(b, 1) < asa(a, 1));
  REQUIRE(asa(b, 0) > asa(a, 0));
}

namespace {

/// 'vip' (priority 1) and 'regular' on one group of 20; `reserved` idle agents kept for vip.
CenterSpec reserve_center(double reserved) {
  CenterSpec spec;
  spec.name = "reserve";
  spec.time.duration = Time(40 * 3600);
  spec.call_types = {type("regular", 330, 180, 600), type("vip", 40, 180, 600)};
  spec.call_types[1].priority = 1;
  spec.agent_groups = {group("all", {"regular", "vip"}, 20)};
  spec.routing.policy = "reserve";
  spec.routing.params = {{"reserved", {reserved}}, {"min_priority", {1}}};
  return spec;
}

struct ReserveWatch : callsim::models::NullObserver {
  std::function<std::size_t()> idle;    // the group's idle agents now
  std::size_t fewest_idle_left = 1000;  // after a regular call was answered
  std::uint64_t regular_at_limit = 0;   // regular answers that left exactly the reserve idle
  std::size_t reserved = 0;
  void on_answer(const CallInfo& c, Time, const Service&) {
    if (c.type != 0) return;
    fewest_idle_left = std::min(fewest_idle_left, idle());
    regular_at_limit += idle() == reserved;
  }
};

}  // namespace

TEST_CASE("reserve never lets a low-priority call take a reserved agent", "[models][routing]") {
  const CenterSpec spec = reserve_center(3);
  ReserveWatch watch;
  watch.reserved = 3;
  callsim::models::CallCenter<ReserveWatch, callsim::sim::EventCalendar, callsim::models::Reserve> center(spec, 6, 0,
                                                                                                          watch);
  watch.idle = [&] { return center.idle_agents(0); };
  center.run_to_completion();
  INFO("fewest idle after a regular answer " << watch.fewest_idle_left << ", at the limit " << watch.regular_at_limit);
  REQUIRE(watch.fewest_idle_left == 3);  // never below the reserve, and the reserve binds
  REQUIRE(watch.regular_at_limit > 100);

  // The point of it: vip callers wait far less than under longest_idle_agent.
  callsim::run::ExperimentOptions options;
  options.seed = 6;
  options.replications = 4;
  auto lia = reserve_center(3);
  lia.routing.policy = "longest_idle_agent";
  const auto a = callsim::run::run_in_process(lia, options);
  const auto b = callsim::run::run_in_process(reserve_center(3), options);
  const auto vip_asa = [](const auto& run) {
    return callsim::analysis::summarize_call_type(run.replications, 1, 2)[7].mean;
  };
  INFO("vip ASA: LIA " << vip_asa(a) << " s, reserve " << vip_asa(b) << " s");
  REQUIRE(vip_asa(b) < 0.25 * vip_asa(a));
}

namespace {

/// Retail only, by a trace (a call every 100 s from t = 100 s), constant talk time
/// `talk`: one generalist (group 0, retail at level 2) on duty from 0, one specialist
/// (group 1, retail at level 1) from 50 s, so that at the first call the generalist has
/// been idle longer and longest-idle would pick it.
CenterSpec tiny_overflow(double talk, double delay) {
  CenterSpec spec;
  spec.name = "tiny-overflow";
  spec.time.duration = Time(2000);
  spec.call_types = {type("retail", 0, talk)};
  spec.call_types[0].service = test_specs::constant(talk);
  for (int i = 1; i <= 10; ++i) spec.call_types[0].trace.push_back(Time(100.0 * i));
  spec.agent_groups = {group("generalists", {"retail"}, 1), group("specialists", {"retail"}, 1)};
  spec.agent_groups[0].skill_levels = {2};
  spec.agent_groups[1].staffing = {{Time(50), 1}};
  spec.routing.policy = "overflow_delay";
  spec.routing.params = {{"delay", {delay, delay}}};  // [k * G + g]; the specialists' cell is 0 anyway
  return spec;
}

/// Each answer in order: the group and the wait.
struct Answers : callsim::models::NullObserver {
  std::vector<std::uint32_t> group;
  std::vector<double> wait;
  void on_answer(const CallInfo& c, Time now, const Service& s) {
    group.push_back(s.group);
    wait.push_back((now - c.arrival).seconds());
  }
};

Answers run_tiny(const CenterSpec& spec) {
  Answers answers;
  run_overflow(spec, answers);
  return answers;
}

}  // namespace

TEST_CASE("overflow_delay with delay 0 prefers a free primary agent to a longer-idle overflow agent",
          "[models][routing]") {
  // Talk 30 s, a call every 100 s: both agents are free at every arrival, the generalist
  // idle longer each time. Every call must go to the specialist.
  const Answers free = run_tiny(tiny_overflow(30, 0));
  REQUIRE(free.group == std::vector<std::uint32_t>(10, 1));
  REQUIRE(free.wait == std::vector<double>(10, 0.0));
  // Longest idle agent alone does pick the generalist first.
  auto lia = tiny_overflow(30, 0);
  lia.routing.policy = "longest_idle_agent";
  Answers by_idle;
  callsim::models::CallCenter<Answers> center(lia, 4, 0, by_idle);
  center.run_to_completion();
  REQUIRE(by_idle.group.front() == 0);
}

TEST_CASE("overflow_delay with delay 0 overflows at once when no primary agent is free", "[models][routing]") {
  // Talk 150 s, a call every 100 s: the specialist takes the 1st, 3rd, ... call; each call
  // in between finds the specialist busy and the generalist free, and goes to it at once.
  const Answers zero = run_tiny(tiny_overflow(150, 0));
  const std::vector<std::uint32_t> alternate{1, 0, 1, 0, 1, 0, 1, 0, 1, 0};
  REQUIRE(zero.group == alternate);
  REQUIRE(zero.wait == std::vector<double>(10, 0.0));
  // With a 30 s delay the same calls overflow, but each only once it has waited 30 s.
  const Answers later = run_tiny(tiny_overflow(150, 30));
  REQUIRE(later.group == alternate);
  for (std::size_t i = 0; i < later.wait.size(); ++i) REQUIRE(later.wait[i] == (i % 2 ? 30.0 : 0.0));
}
