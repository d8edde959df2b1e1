// The event calendars at 10^2..10^6 pending events: the classic "hold" workload (pop the
// earliest, schedule one new event), and a cancel-heavy one shaped like a call center with
// abandonment (every call schedules a patience timer; most are cancelled when answered).

#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "sim/event_calendar.hpp"
#include "sim/lazy_event_calendar.hpp"
#include "sim/random_stream.hpp"

using callsim::sim::Event;
using callsim::sim::EventHandle;
using callsim::sim::RandomStream;
using callsim::sim::Time;

namespace {

template <class Calendar>
void BM_Hold(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Calendar cal;
  RandomStream rng(1, 0, {1, 0});
  for (std::size_t i = 0; i < n; ++i) cal.schedule(Event{Time(-std::log(rng.uniform01())), 0, 0, i});
  for (auto _ : state) {
    const Event e = cal.pop();
    cal.schedule(Event{e.time + Time(-std::log(rng.uniform01())), 0, 0, e.payload});
  }
  state.SetItemsProcessed(state.iterations());
}

// Each iteration: one "service end" event is popped and rescheduled (hold), and a patience
// timer far in the future is scheduled; 70% of timers are cancelled a little later.
template <class Calendar>
void BM_HoldWithCancel(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Calendar cal;
  RandomStream rng(2, 0, {1, 0});
  for (std::size_t i = 0; i < n; ++i) cal.schedule(Event{Time(-std::log(rng.uniform01())), 0, 0, i});
  std::vector<EventHandle> timers(64);
  std::size_t k = 0;
  for (auto _ : state) {
    Event e = cal.pop();
    while (e.kind == 1) e = cal.pop();  // a timer fired: not part of the hold population
    cal.schedule(Event{e.time + Time(-std::log(rng.uniform01())), 0, 0, e.payload});
    const std::size_t slot = k++ % timers.size();
    if (rng.uniform01() < 0.7) cal.cancel(timers[slot]);
    timers[slot] = cal.schedule(Event{e.time + Time(50 * -std::log(rng.uniform01())), 0, 1, 0});
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK_TEMPLATE(BM_Hold, callsim::sim::EventCalendar)->RangeMultiplier(10)->Range(100, 1000000);
BENCHMARK_TEMPLATE(BM_Hold, callsim::sim::LazyEventCalendar)->RangeMultiplier(10)->Range(100, 1000000);
BENCHMARK_TEMPLATE(BM_HoldWithCancel, callsim::sim::EventCalendar)->RangeMultiplier(10)->Range(100, 1000000);
BENCHMARK_TEMPLATE(BM_HoldWithCancel, callsim::sim::LazyEventCalendar)->RangeMultiplier(10)->Range(100, 1000000);
