// Runs that no signal could stop (issue 10, item 5): the kernel's event budget (a run split
// into budgets handles the very events of one run) and stall limit (so many events at one
// instant end the run), the model's SimulationError naming the call type and the scenario
// keys, and run_experiment stopping a slow replication within a second of an interruption.

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "models/call_center.hpp"
#include "models/ivr.hpp"
#include "models/simulation_error.hpp"
#include "run/experiment.hpp"
#include "scenarios/loader.hpp"
#include "sim/random_stream.hpp"
#include "sim/simulator.hpp"
#include "spec_builders.hpp"

using namespace callsim;
using sim::Time;

namespace {

models::CenterSpec library(const std::string& name) {
  return scenarios::load_scenario(std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/" + name).spec;
}

/// Every emission of the model as numbers, in order: two runs are the same run when their
/// traces are equal.
struct TraceObserver : models::NullObserver {
  std::vector<double> trace;
  void note(double what, const models::CallInfo& c, Time now) {
    trace.insert(trace.end(), {what, static_cast<double>(c.id), static_cast<double>(c.type), now.seconds(),
                               c.service.seconds(), c.patience.seconds()});
  }
  void on_staffing(Time now, std::uint32_t group, int n) {
    trace.insert(trace.end(), {0, now.seconds(), 1.0 * group, 1.0 * n});
  }
  void on_arrival(const models::CallInfo& c) { note(1, c, c.arrival); }
  void on_answer(const models::CallInfo& c, Time now, const models::Service& s) {
    note(2, c, now);
    trace.insert(trace.end(), {1.0 * s.agent, s.talk.seconds(), s.wrap_up.seconds()});
  }
  void on_abandon(const models::CallInfo& c, Time now) { note(3, c, now); }
  void on_callback(const models::CallInfo& c, Time now) { note(4, c, now); }
  void on_balk(const models::CallInfo& c, Time now) { note(5, c, now); }
  void on_blocked(const models::CallInfo& c, Time now) { note(6, c, now); }
  void on_closed(const models::CallInfo& c, Time now) { note(7, c, now); }
  void on_ivr_exit(const models::CallInfo& c, Time now, models::IvrOutcome) { note(8, c, now); }
  void on_service_end(const models::CallInfo& c, Time now, const models::Service&) { note(9, c, now); }
};

/// Two agents, 100 calls/h of 10 min, room for 5 waiting; retrials with probability 1 and
/// a constant delay of `delay` s: at the first full queue a blocked caller comes back at the
/// very instant, finds it full again, and so on.
models::CenterSpec retrial_loop(double delay = 0) {
  models::CenterSpec spec;
  spec.name = "loop";
  spec.time.duration = Time(7200);
  spec.call_types.push_back(test_specs::type("retail", 100, 600));
  spec.call_types[0].queue_capacity = 5;
  spec.call_types[0].retrial.probability = 1;
  spec.call_types[0].retrial.delay = test_specs::constant(delay);
  spec.agent_groups.push_back(test_specs::group("agents", {"retail"}, 2));
  return spec;
}

/// The SimulationError message of running `spec` (replication 0, seed 1) with a stall
/// limit of `limit` events, or "" when it ran to its end.
std::string stall_message(const models::CenterSpec& spec, std::uint64_t limit) {
  models::NullObserver observer;
  models::CallCenter<models::NullObserver> center(spec, 1, 0, observer);
  center.set_stall_limit(limit);
  try {
    center.run_to_completion();
  } catch (const models::SimulationError& e) {
    return e.what();
  }
  return "";
}

/// "...: " + everything after the "t = <time> s without the clock advancing" part, which
/// depends on the draws.
std::string after_time(const std::string& message) {
  const std::string marker = " s without the clock advancing";
  const auto at = message.find(marker);
  return at == std::string::npos ? message : message.substr(at + marker.size());
}

}  // namespace

// ---- the kernel -----------------------------------------------------------------------

namespace {

/// A toy model on the bare kernel: each event schedules 1-2 more at random delays, some
/// of them 0 (ties broken by priority and insertion order), and logs (time, kind, payload).
struct ToyModel {
  sim::Simulator<> sim;
  sim::RandomStream stream{7, 0, {1, 0}};
  std::vector<double> log;
  std::uint64_t next = 0;
  ToyModel() {
    for (int i = 0; i < 5; ++i) sim.schedule_at(Time(i), 0, next++);
  }
  void handle(const sim::Event& e) {
    log.insert(log.end(), {e.time.seconds(), 1.0 * e.kind, 1.0 * e.payload, sim.now().seconds()});
    if (e.payload > 20000) return;
    const int children = stream.uniform01() < 0.2 ? 2 : 1;  // grows until the payloads pass 20000
    for (int c = 0; c < children; ++c) {
      const double u = stream.uniform01();
      const double delay = u < 0.3 ? 0 : u * 10;
      sim.schedule_in(Time(delay), c, next++, static_cast<std::int16_t>(u < 0.15 ? 1 : 0));
    }
  }
};

}  // namespace

TEST_CASE("kernel: a run split into event budgets handles the very events of one run", "[sim][livelock]") {
  ToyModel whole;
  const std::uint64_t all = whole.sim.run([&](const sim::Event& e) { whole.handle(e); });
  REQUIRE(all > 1000);
  for (std::uint64_t budget : {1ull, 2ull, 3ull, 7ull, 100ull, 5000ull}) {
    INFO("budget " << budget);
    ToyModel sliced;
    std::uint64_t handled = 0, calls = 0;
    while (sliced.sim.pending() > 0) {
      const std::uint64_t n = sliced.sim.run_until(
          Time::infinity(), [&](const sim::Event& e) { sliced.handle(e); }, budget);
      REQUIRE(n <= budget);
      REQUIRE(n > 0);
      handled += n;
      ++calls;
    }
    CHECK(handled == all);
    CHECK(calls == (all + budget - 1) / budget);
    CHECK(sliced.sim.events_handled() == all);
    CHECK(sliced.log == whole.log);
  }
}

TEST_CASE("kernel: a budget that runs out leaves the clock at the last event, the end moves it", "[sim][livelock]") {
  sim::Simulator<> s;
  for (int i = 1; i <= 3; ++i) s.schedule_at(Time(10.0 * i), 0, 0);
  const auto ignore = [](const sim::Event&) {};
  CHECK(s.run_until(Time(25), ignore, 1) == 1);
  CHECK(s.now() == Time(10));  // budget spent: not moved to 25, an event <= 25 is left
  CHECK(s.run_until(Time(25), ignore, 1) == 1);
  CHECK(s.now() == Time(25));  // the event at 20 was the last <= 25: the clock moves on, as one call would
  CHECK(s.run_until(Time(25), ignore, 1) == 0);
  CHECK(s.now() == Time(25));
  CHECK(s.run_until(Time(30), ignore, 1) == 1);
  CHECK(s.now() == Time(30));
  CHECK(s.pending() == 0);
}

TEST_CASE("kernel: so many events at one instant throw StalledClock, a burst below the limit does not",
          "[sim][livelock]") {
  sim::Simulator<> s;
  s.set_stall_limit(50);
  CHECK(s.stall_limit() == 50);
  // 49 events at t = 5, then 49 at t = 6: the count starts again when the clock moves.
  for (int i = 0; i < 49; ++i) s.schedule_at(Time(5), 1, static_cast<std::uint64_t>(i));
  for (int i = 0; i < 49; ++i) s.schedule_at(Time(6), 1, static_cast<std::uint64_t>(i));
  CHECK(s.run([](const sim::Event&) {}) == 98);
  // An event that reschedules itself at now() for ever.
  s.schedule_at(Time(7), 3, 42);
  std::uint64_t handled = 0;
  try {
    s.run([&](const sim::Event& e) {
      ++handled;
      s.schedule_in(Time(0), e.kind, e.payload + 1);
    });
    FAIL("no StalledClock");
  } catch (const sim::StalledClock& stall) {
    CHECK(std::string(stall.what()) == "50 events at t = 7 s without the clock advancing");
    CHECK(stall.events() == 50);
    CHECK(stall.time() == Time(7));
    CHECK(stall.last().kind == 3);
    CHECK(stall.last().payload == 42 + 49);
  }
  CHECK(handled == 50);
  CHECK(s.events_handled() == 98 + 50);
}

TEST_CASE("kernel: the first events at time 0 count from one", "[sim][livelock]") {
  sim::Simulator<> s;
  s.set_stall_limit(3);
  s.schedule_at(Time(0), 0, 0);
  s.schedule_at(Time(0), 0, 1);
  CHECK(s.run([](const sim::Event&) {}) == 2);  // 2 of 3 allowed
  s.schedule_at(Time(0), 0, 2);
  CHECK_THROWS_AS(s.run([](const sim::Event&) {}), sim::StalledClock);
}

// ---- the model --------------------------------------------------------------------------

TEST_CASE("model: run_events in slices gives the very emissions of run_to_completion", "[models][livelock]") {
  for (const char* name : {"bank-weekday.yaml", "bank-weekday-ivr.yaml", "multiskill-small.yaml"}) {
    const models::CenterSpec spec = library(name);
    TraceObserver whole_trace;
    models::CallCenter<TraceObserver> whole(spec, 5, 2, whole_trace);
    whole.run_to_completion();
    for (std::uint64_t budget : {1ull, 977ull, 100000ull}) {
      INFO(name << ", budget " << budget);
      TraceObserver sliced_trace;
      models::CallCenter<TraceObserver> sliced(spec, 5, 2, sliced_trace);
      std::uint64_t slices = 1;
      while (!sliced.run_events(budget)) ++slices;
      CHECK(slices == (whole.events_handled() + budget - 1) / budget);
      CHECK(sliced.events_handled() == whole.events_handled());
      CHECK(sliced.arrivals() == whole.arrivals());
      CHECK(sliced_trace.trace == whole_trace.trace);
    }
  }
}

TEST_CASE("model: a retrial of delay 0 behind a full queue stops with a SimulationError naming the keys",
          "[models][livelock]") {
  const std::string message = stall_message(retrial_loop(), sim::kDefaultStallEvents);
  CHECK(message.rfind("call type 'retail': 1000000 events at t = ", 0) == 0);
  CHECK(after_time(message) ==
        ": retrial.probability 1 with a retrial.delay of 0 s re-offers blocked callers forever (queue_capacity 5 "
        "is full); give retrial.delay a positive mean or a probability below 1");
}

TEST_CASE("model: a positive retrial delay is no livelock", "[models][livelock]") {
  CHECK(stall_message(retrial_loop(1), sim::kDefaultStallEvents).empty());
}

TEST_CASE("model: certain balking with certain retrial stops with a SimulationError", "[models][livelock]") {
  models::CenterSpec spec = retrial_loop();
  spec.call_types[0].queue_capacity = -1;
  spec.call_types[0].balk_probability = {0, 0.5, 1};
  const std::string message = stall_message(spec, 100000);
  CHECK(message.rfind("call type 'retail': 100000 events at t = ", 0) == 0);
  CHECK(after_time(message) ==
        ": retrial.probability 1 with a retrial.delay of 0 s re-offers callers who balk forever (balking probability "
        "1 with 2 calls waiting); give retrial.delay a positive mean or a probability below 1");
}

TEST_CASE("model: a patience of 0 with certain retrial stops with a SimulationError", "[models][livelock]") {
  models::CenterSpec spec = retrial_loop();
  spec.call_types[0].queue_capacity = -1;
  spec.call_types[0].patience = test_specs::constant(0);
  const std::string message = stall_message(spec, 100000);
  CHECK(after_time(message) ==
        ": retrial.probability 1 with a retrial.delay of 0 s re-offers callers who abandon at once forever (a "
        "patience of 0 s); give retrial.delay a positive mean or a probability below 1");
}

TEST_CASE("model: a retrial loop through another type names the type and retrial.as", "[models][livelock]") {
  models::CenterSpec spec = retrial_loop();
  spec.call_types.push_back(spec.call_types[0]);
  spec.call_types[1].name = "vip";
  spec.call_types[1].queue_capacity = 1;
  spec.call_types[0].retrial.as_type = 1;  // retail retries as vip, vip as itself
  spec.call_types[1].retrial.as_type = 1;
  spec.agent_groups[0].skills = {"retail", "vip"};
  const std::string message = stall_message(spec, 100000);
  CHECK(message.rfind("call type 'vip': 100000 events at t = ", 0) == 0);
  CHECK(after_time(message) ==
        ": retrial.probability 1 with a retrial.delay of 0 s re-offers blocked callers forever (queue_capacity 1 is "
        "full); give retrial.delay a positive mean or a probability below 1");
  spec.call_types[1].retrial.as_type = 0;  // vip back as retail: the loop runs through both
  const std::string both = stall_message(spec, 100000);
  const bool named = both.find(
                         "re-offers blocked callers forever (queue_capacity 1 is full) as call type 'retail' "
                         "(retrial.as); ") != std::string::npos ||
                     both.find(
                         "re-offers blocked callers forever (queue_capacity 5 is full) as call type 'vip' "
                         "(retrial.as); ") != std::string::npos;
  CHECK(named);
}

TEST_CASE("model: a tiny retrial delay the clock cannot resolve is named as such", "[models][livelock]") {
  models::CenterSpec spec = retrial_loop(1e-14);  // below the 4.5e-13 s resolution of a double near 3600 s
  spec.time.warmup = Time(3600);
  const std::string message = stall_message(spec, 100000);
  CHECK(message.find("retrial.probability 1 with a retrial.delay of mean 1e-14 s, which the clock cannot tell "
                     "from 0 at t = ") != std::string::npos);
  CHECK(message.find("re-offers blocked callers forever (queue_capacity 5 is full); give retrial.delay a larger "
                     "mean or a probability below 1") != std::string::npos);
}

TEST_CASE("model: arrivals closer than the clock resolves stop with a SimulationError", "[models][livelock]") {
  models::CenterSpec spec;
  spec.name = "flood";
  spec.time.duration = Time(7200);
  spec.call_types.push_back(test_specs::type("retail", 1, 60));
  // Nothing for an hour, then 1e30 calls/h: at t = 3600 s a step of 3.6e-27 s adds nothing.
  spec.call_types[0].arrivals = sim::PiecewiseRate({0, 1e30 / 3600}, Time(0), Time(3600));
  spec.agent_groups.push_back(test_specs::group("agents", {"retail"}, 2));
  CHECK(stall_message(spec, 1000) ==
        "call type 'retail': 1000 events at t = 3600 s without the clock advancing: its arrivals come closer together "
        "than the clock can tell apart at t = 3600 s (its resolution there is 4.547473508864641e-13 s); lower its "
        "arrival rate (arrivals)");
}

TEST_CASE("model: a trace with more tied calls than the limit is named as such", "[models][livelock]") {
  models::CenterSpec spec;
  spec.name = "ties";
  spec.time.duration = Time(7200);
  spec.call_types.push_back(test_specs::type("retail", 1, 60));
  spec.call_types[0].trace.assign(30, Time(100));
  spec.agent_groups.push_back(test_specs::group("agents", {"retail"}, 100));
  CHECK(stall_message(spec, 40).empty());
  CHECK(stall_message(spec, 20) ==
        "call type 'retail': 20 events at t = 100 s without the clock advancing: its arrival trace has 30 calls at "
        "that instant, more than the simulation can take without time passing; spread them out");
}

TEST_CASE("model: an IVR loop callers hardly ever leave is a SimulationError", "[models][livelock]") {
  models::IvrSpec ivr;
  models::IvrNode menu;
  menu.name = "menu";
  menu.branches = {{0, 1 - 1e-12}, {1, 1e-12}};  // back to the menu, or to exit 0
  ivr.nodes.push_back(menu);
  ivr.exits.push_back({"bye", models::IvrOutcome::HANG_UP, 0});
  sim::RandomStream stream(1, 0, {1, 0});
  try {
    (void)models::walk_ivr(ivr, stream);
    FAIL("no SimulationError");
  } catch (const models::SimulationError& e) {
    CHECK(
        std::string(e.what()) ==
        "the IVR: a caller's path passed 1000000 nodes without reaching an exit (it was at node 'menu'); the branches "
        "of ivr.nodes lead back into a loop with a probability so close to 1 that callers hardly ever leave it; give "
        "the branches out of the loop a larger probability");
  }
}

// ---- the experiment ---------------------------------------------------------------------

TEST_CASE("experiment: a livelock propagates out of run_experiment on any thread count", "[experiment][livelock]") {
  const models::CenterSpec spec = retrial_loop();
  for (unsigned threads : {1u, 2u}) {
    for (bool interruptible : {false, true}) {
      for (bool calls : {false, true}) {
        INFO("threads " << threads << ", interruptible " << interruptible << ", calls " << calls);
        std::atomic<int> interrupt{0};
        run::ExperimentOptions options;
        options.replications = 3;
        options.threads = threads;
        if (interruptible) options.interrupt = &interrupt;
        std::size_t delivered = 0;
        if (calls) options.on_calls = [&](std::size_t, std::vector<run::CallRecord>&&) { ++delivered; };
        try {
          (void)run::run_in_process(spec, options);
          FAIL("no SimulationError");
        } catch (const models::SimulationError& e) {
          CHECK(std::string(e.what()).rfind("call type 'retail': 1000000 events at t = ", 0) == 0);
        }
        CHECK(delivered == 0);
      }
    }
  }
}

TEST_CASE("experiment: a replication whose clock hardly moves stops within a second of level 2",
          "[experiment][livelock][interrupt]") {
  // 1e9 calls/h of 0 s with 10 agents: time moves by 3.6 microseconds a call, memory stays
  // flat, and the replication would run for hours.
  models::CenterSpec spec;
  spec.name = "slow";
  spec.time.duration = Time(3600);
  spec.call_types.push_back(test_specs::type("retail", 1e9, 60));
  spec.call_types[0].service = test_specs::constant(0);
  spec.agent_groups.push_back(test_specs::group("agents", {"retail"}, 10));
  std::atomic<int> interrupt{0};
  run::ExperimentOptions options;
  options.replications = 2;
  options.threads = 2;
  options.interrupt = &interrupt;
  std::jthread signaller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    interrupt = 1;
    interrupt = 2;
  });
  const auto start = std::chrono::steady_clock::now();
  const analysis::RunResult run = run::run_in_process(spec, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(run.replications.empty());
  CHECK(seconds < 1.3);
}
