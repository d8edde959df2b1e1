// The IVR: structural checks, exit frequencies and durations, and flow through the center.

#include <catch2/catch.hpp>

#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "models/call_center.hpp"
#include "models/ivr.hpp"
#include "spec_builders.hpp"

using callsim::models::IvrBranch;
using callsim::models::IvrExit;
using callsim::models::IvrNode;
using callsim::models::IvrOutcome;
using callsim::models::IvrSpec;
using callsim::sim::Time;

namespace {

/// welcome (5 s) -> 20% self-served, 80% menu; menu (10 s) -> 25% hang up, 75% queue of
/// type 0... exits: 0 self_served, 1 hang_up, 2 queue retail. Nodes 0, 1; exit e is 2 + e.
IvrSpec two_level_ivr() {
  IvrSpec ivr;
  ivr.arrivals = callsim::sim::PiecewiseRate::constant(200.0 / 3600);
  ivr.nodes = {IvrNode{"welcome", test_specs::constant(5), {IvrBranch{2, 0.2}, IvrBranch{1, 0.8}}},
               IvrNode{"menu", test_specs::exponential(10), {IvrBranch{3, 0.25}, IvrBranch{4, 0.75}}}};
  ivr.exits = {IvrExit{"self", IvrOutcome::SELF_SERVED, 0}, IvrExit{"gone", IvrOutcome::HANG_UP, 0},
               IvrExit{"retail", IvrOutcome::QUEUE, 0}};
  return ivr;
}

}  // namespace

TEST_CASE("a well-formed IVR has no problems", "[models][ivr]") {
  REQUIRE(callsim::models::ivr_problems(two_level_ivr()).empty());
}

TEST_CASE("IVR problems are named", "[models][ivr]") {
  IvrSpec ivr = two_level_ivr();
  ivr.nodes[1].branches[0].probability = 0.2;
  REQUIRE(callsim::models::ivr_problems(ivr) ==
          std::vector<std::string>{"IVR node 'menu''s branch probabilities sum to 0.95, not 1; adjust them so that "
                                   "they add up to 1"});

  ivr = two_level_ivr();
  ivr.nodes[1].branches = {IvrBranch{1, 1.0}};  // menu loops on itself for ever
  REQUIRE(callsim::models::ivr_problems(ivr) ==
          std::vector<std::string>{"IVR node 'menu' cannot reach any exit, so its callers would stay in the IVR "
                                   "for ever"});

  ivr = two_level_ivr();
  ivr.nodes.push_back(IvrNode{"orphan", {}, {IvrBranch{3, 1.0}}});
  for (auto& node : ivr.nodes) {
    for (auto& b : node.branches) b.target += b.target >= 2 ? 1 : 0;  // exits moved by the new node
  }
  REQUIRE(callsim::models::ivr_problems(ivr) ==
          std::vector<std::string>{"IVR node 'orphan' cannot be reached from the entry node 'welcome'; connect it "
                                   "or remove it"});

  ivr = two_level_ivr();
  ivr.nodes[0].duration.reset();
  ivr.nodes[1].duration.reset();
  ivr.nodes[1].branches = {IvrBranch{0, 0.5}, IvrBranch{4, 0.5}};  // back to welcome, both instant
  REQUIRE(callsim::models::ivr_problems(ivr) ==
          std::vector<std::string>{"IVR node 'welcome' is on a loop of nodes that take no time; give one of them a "
                                   "duration"});

  ivr = two_level_ivr();
  ivr.exits.clear();
  REQUIRE(callsim::models::ivr_problems(ivr) ==
          std::vector<std::string>{"the IVR has no exit; every path must end at an exit (self_served, hang_up or a "
                                   "queue)"});
}

TEST_CASE("IVR exits occur with their path probabilities and paths take their time", "[models][ivr]") {
  const IvrSpec ivr = two_level_ivr();
  callsim::sim::RandomStream stream(17, 0, {7, 0});
  const int n = 100000;
  std::vector<double> count(3, 0);
  double duration = 0;
  for (int i = 0; i < n; ++i) {
    const auto path = callsim::models::walk_ivr(ivr, stream);
    ++count[path.exit];
    duration += path.duration.seconds();
  }
  const std::vector<double> p = {0.2, 0.8 * 0.25, 0.8 * 0.75};
  double chi2 = 0;
  for (int e = 0; e < 3; ++e) chi2 += (count[e] - n * p[e]) * (count[e] - n * p[e]) / (n * p[e]);
  // 0.999 quantile of chi2(2): a correct walk fails this once in a thousand seeds.
  REQUIRE(chi2 < boost::math::quantile(boost::math::chi_squared(2), 0.999));
  // Mean duration 5 + 0.8 * 10 s; its sd per path is under 12 s, so 5 standard errors < 0.2 s.
  REQUIRE(std::abs(duration / n - 13.0) < 0.2);
}

TEST_CASE("calls flow through the IVR to the queue and are conserved", "[models][ivr][conservation]") {
  callsim::models::CenterSpec spec;
  spec.name = "ivr";
  spec.time.duration = Time(10 * 3600);
  spec.call_types = {test_specs::type("retail", 0, 180, 300)};  // no direct arrivals
  spec.agent_groups = {test_specs::group("agents", {"retail"}, 8)};
  spec.ivr = two_level_ivr();
  struct Counter : callsim::models::NullObserver {
    std::uint64_t offered = 0, self = 0, gone = 0;
    double ivr_time = 0;
    void on_arrival(const callsim::models::CallInfo& c) {
      ++offered;
      ivr_time += (c.arrival - c.ivr_entry).seconds();
    }
    void on_ivr_exit(const callsim::models::CallInfo&, Time, IvrOutcome o) {
      ++(o == IvrOutcome::SELF_SERVED ? self : gone);
    }
  } obs;
  callsim::models::CallCenter<Counter> center(spec, 2, 0, obs);
  for (double cut = 0; cut < 11 * 3600; cut += 777) {
    center.run_until(Time(cut));
    // arrivals = IVR exits + blocked + answered + abandoned + closed + in system
    const std::uint64_t served = center.answered() - center.in_service();
    REQUIRE(center.arrivals() == center.ivr_exits() + center.blocked() + served + center.in_service() +
                                     center.abandoned() + center.closed() + center.waiting() + center.in_ivr());
  }
  center.run_to_completion();
  REQUIRE(center.in_ivr() == 0);
  REQUIRE(center.ivr_exits() == obs.self + obs.gone);
  REQUIRE(center.answered() + center.abandoned() == obs.offered);
  // 2000 expected entries: 60% reach the queue, each after 5 s + the menu's 10 s on average.
  REQUIRE(obs.offered > 1000);
  REQUIRE(obs.ivr_time / static_cast<double>(obs.offered) == Approx(15).epsilon(0.05));
  REQUIRE(static_cast<double>(obs.self) / static_cast<double>(center.arrivals()) == Approx(0.2).epsilon(0.15));
}
