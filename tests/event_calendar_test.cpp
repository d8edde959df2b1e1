#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/event_calendar.hpp"
#include "sim/lazy_event_calendar.hpp"
#include "sim/random_stream.hpp"

using callsim::sim::Event;
using callsim::sim::EventHandle;
using callsim::sim::Time;

// Both calendars must behave identically; every test runs on each.
TEMPLATE_TEST_CASE("calendar pops events in time order", "[sim][calendar]", callsim::sim::EventCalendar,
                   callsim::sim::LazyEventCalendar) {
  TestType cal;
  callsim::sim::RandomStream rng(7, 0, {1, 1});
  std::vector<double> times;
  for (int i = 0; i < 5000; ++i) {
    const double t = 1000 * rng.uniform01();
    times.push_back(t);
    cal.schedule(Event{Time(t), 0, 0, static_cast<std::uint64_t>(i)});
  }
  std::sort(times.begin(), times.end());
  REQUIRE(cal.size() == times.size());
  for (double expected : times) {
    REQUIRE(cal.next_time() == Time(expected));
    REQUIRE(cal.pop().time == Time(expected));
  }
  REQUIRE(cal.empty());
  REQUIRE(cal.next_time() == Time::infinity());
}

TEMPLATE_TEST_CASE("calendar breaks ties by priority then insertion order", "[sim][calendar]",
                   callsim::sim::EventCalendar, callsim::sim::LazyEventCalendar) {
  TestType cal;
  cal.schedule(Event{Time(5), 2, 0, 0});
  cal.schedule(Event{Time(5), -1, 0, 1});
  cal.schedule(Event{Time(5), 2, 0, 2});
  cal.schedule(Event{Time(5), 0, 0, 3});
  cal.schedule(Event{Time(4), 9, 0, 4});
  cal.schedule(Event{Time(5), -1, 0, 5});
  std::vector<std::uint64_t> order;
  while (!cal.empty()) order.push_back(cal.pop().payload);
  REQUIRE(order == std::vector<std::uint64_t>{4, 1, 5, 3, 0, 2});
}

TEMPLATE_TEST_CASE("cancelled events never run and stale handles are harmless", "[sim][calendar]",
                   callsim::sim::EventCalendar, callsim::sim::LazyEventCalendar) {
  TestType cal;
  std::vector<EventHandle> handles;
  for (int i = 0; i < 100; ++i) handles.push_back(cal.schedule(Event{Time(i), 0, 0, static_cast<std::uint64_t>(i)}));
  for (int i = 0; i < 100; i += 3) REQUIRE(cal.cancel(handles[i]));
  REQUIRE_FALSE(cal.cancel(handles[0]));  // twice
  REQUIRE_FALSE(cal.cancel(EventHandle{}));
  REQUIRE(cal.size() == 66);
  std::vector<std::uint64_t> seen;
  while (!cal.empty()) seen.push_back(cal.pop().payload);
  REQUIRE(seen.size() == 66);
  for (auto p : seen) REQUIRE(p % 3 != 0);
  REQUIRE(std::is_sorted(seen.begin(), seen.end()));
  // A handle to an event that already ran is stale even after its slot is reused.
  const EventHandle fresh = cal.schedule(Event{Time(1), 0, 0, 999});
  REQUIRE_FALSE(cal.cancel(handles[1]));
  REQUIRE(cal.size() == 1);
  REQUIRE(cal.cancel(fresh));
  REQUIRE(cal.empty());
}

TEMPLATE_TEST_CASE("random schedule and cancel matches a sorted reference", "[sim][calendar]",
                   callsim::sim::EventCalendar, callsim::sim::LazyEventCalendar) {
  TestType cal;
  callsim::sim::RandomStream rng(11, 0, {2, 0});
  struct Ref {
    double t;
    std::uint64_t id;
    EventHandle h;
    bool live;
  };
  std::vector<Ref> ref;
  double now = 0;
  std::uint64_t id = 0;
  for (int step = 0; step < 20000; ++step) {
    const double u = rng.uniform01();
    if (u < 0.5 || cal.empty()) {
      const double t = now + 10 * rng.uniform01();
      ref.push_back({t, id, cal.schedule(Event{Time(t), 0, 0, id}), true});
      ++id;
    } else if (u < 0.7) {
      auto& r = ref[static_cast<std::size_t>(rng.uniform01() * static_cast<double>(ref.size()))];
      REQUIRE(cal.cancel(r.h) == r.live);
      r.live = false;
    } else {
      const Event e = cal.pop();
      // The popped event is the earliest live one (ties: insertion order = smaller id).
      auto best = ref.end();
      for (auto it = ref.begin(); it != ref.end(); ++it) {
        if (it->live && (best == ref.end() || it->t < best->t)) best = it;
      }
      REQUIRE(best != ref.end());
      REQUIRE(e.payload == best->id);
      best->live = false;
      now = e.time.seconds();
    }
    std::size_t live = 0;
    for (const auto& r : ref) live += r.live;
    REQUIRE(cal.size() == live);
    if (ref.size() > 400) {  // keep the reference scan short
      std::erase_if(ref, [](const Ref& r) { return !r.live; });
    }
  }
}
