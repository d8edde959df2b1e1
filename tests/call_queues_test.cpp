#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "models/call_queues.hpp"
#include "sim/event_calendar.hpp"
#include "sim/simulator.hpp"
#include "spec_builders.hpp"

using callsim::models::CallQueues;
using callsim::models::CallState;
using callsim::models::CenterSpec;
using callsim::sim::Time;
namespace center_event = callsim::models::center_event;

namespace {

/// Two call types ('a' with a 10 s priority credit) and three groups.
CenterSpec two_types_three_groups() {
  CenterSpec spec;
  spec.call_types = {test_specs::type("a", 60, 100, 0, 10), test_specs::type("b", 60, 100)};
  spec.agent_groups = {test_specs::group("x", {"a"}, 1), test_specs::group("y", {"b"}, 1),
                       test_specs::group("z", {"a", "b"}, 1)};
  return spec;
}

/// A call of `type` in a fresh slot, arrived at `arrival`, with `patience` (s; <0: none).
std::uint32_t call_in(CallQueues& queues, std::uint32_t type, double arrival, double patience) {
  const std::uint32_t slot = queues.new_call();
  auto& call = queues.call(slot);
  call.info.type = type;
  call.info.arrival = Time(arrival);
  call.info.patience = patience < 0 ? Time::infinity() : Time(patience);
  return slot;
}

struct Fired {
  std::uint32_t kind;
  std::uint64_t payload;
  double at;
};

std::vector<Fired> run_all(callsim::sim::Simulator<>& sim) {
  std::vector<Fired> fired;
  sim.run([&](const callsim::sim::Event& e) { fired.push_back({e.kind, e.payload, e.time.seconds()}); });
  return fired;
}

}  // namespace

TEST_CASE("queues are numbered types, then groups, then callbacks", "[models][queues]") {
  const CallQueues queues(two_types_three_groups());
  CHECK(queues.group_queue(0) == 2);
  CHECK(queues.group_queue(2) == 4);
  CHECK(queues.callback_queue(0) == 5);
  CHECK(queues.callback_queue(1) == 6);
  CHECK_FALSE(queues.is_callback_queue(4));
  CHECK(queues.is_callback_queue(5));
}

TEST_CASE("a waiting call starts its patience timer and a taken call stops it", "[models][queues]") {
  const CenterSpec spec = two_types_three_groups();
  CallQueues queues(spec);
  callsim::sim::Simulator<> sim;
  const std::uint32_t first = call_in(queues, 0, 0, 30);
  const std::uint32_t second = call_in(queues, 0, 0, 50);
  const std::uint32_t patient = call_in(queues, 1, 0, -1);  // never abandons: no timer
  queues.wait(first, 0, sim);
  queues.wait(second, 0, sim);
  queues.wait(patient, 1, sim);
  CHECK(queues.waiting() == 3);
  CHECK(queues.type_waiting(0) == 2);
  CHECK(queues.queue_length(0) == 2);
  CHECK(sim.pending() == 2);

  CHECK(queues.take_head(0, sim) == first);  // FIFO, and its timer is cancelled
  CHECK(queues.type_waiting(0) == 1);
  const auto fired = run_all(sim);
  REQUIRE(fired.size() == 1);
  CHECK(fired[0].kind == center_event::kAbandon);
  CHECK(fired[0].payload == second);
  CHECK(fired[0].at == 50);
}

TEST_CASE("an abandoned call stays a tombstone until it reaches the head", "[models][queues]") {
  const CenterSpec spec = two_types_three_groups();
  CallQueues queues(spec);
  callsim::sim::Simulator<> sim;
  const std::uint32_t gone = call_in(queues, 1, 0, 5);
  const std::uint32_t stays = call_in(queues, 1, 1, 100);
  queues.wait(gone, 1, sim);
  queues.wait(stays, 1, sim);

  REQUIRE(queues.abandon(gone));
  CHECK_FALSE(queues.abandon(gone));  // a second expiry changes nothing
  CHECK(queues.call(gone).state == CallState::kGone);
  CHECK(queues.queue_length(1) == 1);
  CHECK(queues.type_waiting(1) == 1);
  CHECK(queues.waiting() == 1);
  // Not free yet: the queue still refers to it.
  const std::uint32_t fresh = queues.new_call();
  CHECK(fresh != gone);
  queues.release(fresh);

  CHECK(queues.head_of(1) == stays);  // drops the tombstone and frees its slot
  CHECK(queues.new_call() == gone);
}

TEST_CASE("the head wait key counts the type's priority credit", "[models][queues]") {
  const CenterSpec spec = two_types_three_groups();
  CallQueues queues(spec);
  callsim::sim::Simulator<> sim;
  CHECK(queues.head_wait_key(0) == callsim::models::kNobodyWaits);
  CHECK(queues.head_arrival(0) == callsim::models::kNobodyWaits);
  queues.wait(call_in(queues, 0, 40, -1), 0, sim);
  queues.wait(call_in(queues, 1, 40, -1), queues.group_queue(2), sim);  // a type-b call in group z's queue
  CHECK(queues.head_wait_key(0) == 30);                                 // 40 s minus type a's 10 s credit
  CHECK(queues.head_arrival(0) == 40);
  CHECK(queues.head_wait_key(queues.group_queue(2)) == 40);
  CHECK(queues.type_waiting(1) == 1);  // counted for its type whatever queue it waits in
}

TEST_CASE("a callback waits off the line and never abandons", "[models][queues]") {
  const CenterSpec spec = two_types_three_groups();
  CallQueues queues(spec);
  callsim::sim::Simulator<> sim;
  const std::uint32_t slot = call_in(queues, 0, 0, 5);
  queues.await_callback(slot, queues.callback_queue(0));
  CHECK(queues.call(slot).info.callback);
  CHECK(queues.awaiting_callback() == 1);
  CHECK(queues.waiting() == 0);
  CHECK(queues.type_waiting(0) == 0);
  CHECK(sim.pending() == 0);
  CHECK(queues.take_head(queues.callback_queue(0), sim) == slot);
  CHECK(queues.awaiting_callback() == 0);
  CHECK(queues.queue_length(queues.callback_queue(0)) == 0);
}
