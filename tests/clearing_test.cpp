// Clearing the queue (issue 14, item 3): a type with clear_when_unstaffed disconnects its
// waiting callers at the end of each open_hours period and whenever no agent who can take
// it stays on duty (and clears a call arriving then at once). Checked against an independent
// computation from the same seed without clearing (common random numbers: every call's
// arrival, talk time and patience are the same): the calls cleared are exactly those the
// baseline's per-call table shows waiting at that instant (and, while nobody is on duty,
// those arriving), the others' outcomes do not change, and the cleared rows end there.

#include <catch2/catch.hpp>

#include <map>
#include <vector>

#include "run/call_records.hpp"
#include "run/experiment.hpp"
#include "spec_builders.hpp"

using callsim::analysis::KpiTally;
using callsim::models::CenterSpec;
using callsim::run::CallOutcome;
using callsim::run::CallRecord;
using callsim::sim::Time;

namespace {

constexpr double kHour = 3600;

struct Recorded {
  callsim::analysis::RunResult run;
  std::map<std::uint32_t, std::vector<CallRecord>> rows;  // by replication
};

Recorded simulate(const CenterSpec& spec) {
  Recorded out;
  callsim::run::ExperimentOptions options;
  options.seed = 11;
  options.replications = 4;
  options.threads = 2;
  options.on_calls = [&](std::size_t, std::vector<CallRecord>&& calls) {
    for (auto& c : calls) out.rows[c.replication].push_back(c);
  };
  out.run = callsim::run::run_in_process(spec, options);
  return out;
}

// When the caller left its queue in the baseline: answered or hung up.
double left_queue(const CallRecord& c) { return c.outcome == CallOutcome::ANSWERED ? c.answer : c.end; }

bool offered(const CallRecord& c) { return c.outcome == CallOutcome::ANSWERED || c.outcome == CallOutcome::ABANDONED; }

// An overloaded type (6.5 Erlangs on 6 agents) with patient callers: queues at every instant.
CenterSpec busy_center(bool clear) {
  CenterSpec spec;
  spec.name = "clearing";
  spec.time.duration = Time(10 * kHour);
  spec.call_types = {test_specs::type("general", 130, 180, 600)};
  spec.call_types[0].clear_when_unstaffed = clear;
  spec.agent_groups = {test_specs::group("agents", {"general"}, 6)};
  return spec;
}

}  // namespace

TEST_CASE("clearing: at closing time the waiting callers are disconnected", "[clearing]") {
  const auto with_hours = [](bool clear) {
    CenterSpec spec = busy_center(clear);
    spec.open_hours = {{Time(0), Time(4 * kHour)}, {Time(5 * kHour), Time(9 * kHour)}};
    return spec;
  };
  const Recorded base = simulate(with_hours(false));
  const Recorded cleared = simulate(with_hours(true));
  const double closes[] = {4 * kHour, 9 * kHour};
  std::uint64_t total_cleared = 0;
  for (const auto& [r, rows] : base.rows) {
    INFO("replication " << r);
    std::uint64_t waiting_at_close = 0, answered = 0, abandoned = 0;
    for (const CallRecord& c : rows) {
      if (!offered(c)) continue;
      const double close = c.queue_arrival < closes[0] ? closes[0] : closes[1];
      if (left_queue(c) > close)
        ++waiting_at_close;
      else
        (c.outcome == CallOutcome::ANSWERED ? answered : abandoned) += 1;
    }
    const KpiTally& t = cleared.run.replications[r].total;
    total_cleared += waiting_at_close;
    CHECK(t.cleared == waiting_at_close);
    CHECK(t.answered == answered);
    CHECK(t.abandoned == abandoned);
    CHECK(t.offered == base.run.replications[r].total.offered);
    CHECK(base.run.replications[r].total.cleared == 0);
    for (const CallRecord& c : cleared.rows.at(r)) {
      if (c.outcome != CallOutcome::CLEARED) continue;
      CHECK((c.end == closes[0] || c.end == closes[1]));
      CHECK(c.wait == c.end - c.queue_arrival);
    }
  }
  CHECK(total_cleared > 20);  // the check compared something
}

TEST_CASE("clearing: with no agent for the type on duty, waiting and arriving callers are cleared", "[clearing]") {
  // Nobody from 4 h to 5 h (busy agents finish their call, then leave).
  const auto with_gap = [](bool clear) {
    CenterSpec spec = busy_center(clear);
    spec.agent_groups[0].staffing = {{Time(0), 6}, {Time(4 * kHour), 0}, {Time(5 * kHour), 6}};
    return spec;
  };
  const Recorded base = simulate(with_gap(false));
  const Recorded cleared = simulate(with_gap(true));
  const double gap_start = 4 * kHour, gap_end = 5 * kHour;
  std::uint64_t total_waiting = 0;
  for (const auto& [r, rows] : base.rows) {
    INFO("replication " << r);
    std::uint64_t waiting_then = 0, arriving = 0, answered_before = 0;
    for (const CallRecord& c : rows) {
      if (!offered(c)) continue;
      if (c.queue_arrival < gap_start && left_queue(c) > gap_start) ++waiting_then;
      if (c.queue_arrival >= gap_start && c.queue_arrival < gap_end) ++arriving;
      if (c.outcome == CallOutcome::ANSWERED && c.answer < gap_start) ++answered_before;
    }
    total_waiting += waiting_then;
    REQUIRE(arriving > 100);
    const KpiTally& t = cleared.run.replications[r].total;
    CHECK(t.cleared == waiting_then + arriving);
    std::uint64_t cleared_at_start = 0, cleared_on_arrival = 0, answered_before_gap = 0;
    for (const CallRecord& c : cleared.rows.at(r)) {
      if (c.outcome == CallOutcome::ANSWERED && c.answer < gap_start) ++answered_before_gap;
      if (c.outcome != CallOutcome::CLEARED) continue;
      if (c.end == gap_start && c.queue_arrival < gap_start) ++cleared_at_start;
      if (c.wait == 0 && c.queue_arrival >= gap_start && c.queue_arrival < gap_end) ++cleared_on_arrival;
    }
    CHECK(cleared_at_start == waiting_then);
    CHECK(cleared_on_arrival == arriving);
    CHECK(answered_before_gap == answered_before);  // the morning is the same
  }
  CHECK(total_waiting > 10);  // callers were waiting when the agents left
}

TEST_CASE("clearing: a type without it keeps its callers waiting", "[clearing]") {
  CenterSpec spec = busy_center(false);
  spec.call_types.push_back(test_specs::type("back_office", 20, 300, 900));
  spec.call_types[1].clear_when_unstaffed = true;
  spec.agent_groups = {test_specs::group("agents", {"general"}, 6), test_specs::group("office", {"back_office"}, 2)};
  spec.agent_groups[1].staffing = {{Time(0), 2}, {Time(3 * kHour), 0}};  // the office goes home at 3 h
  const Recorded run = simulate(spec);
  for (const auto& [r, rows] : run.rows) {
    std::uint64_t general_cleared = 0, office_cleared = 0, office_answered_late = 0;
    for (const CallRecord& c : rows) {
      if (c.outcome == CallOutcome::CLEARED) (c.call_type == 0 ? general_cleared : office_cleared) += 1;
      if (c.call_type == 1 && c.outcome == CallOutcome::ANSWERED && c.answer > 3 * kHour) ++office_answered_late;
    }
    CHECK(general_cleared == 0);
    CHECK(office_cleared > 50);  // 20/h for the 7 h without the office
    CHECK(office_answered_late == 0);
  }
}
