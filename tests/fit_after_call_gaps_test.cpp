// The after-call gaps that become a fitted scenario's wrap-up (fit/available_agents): a gap
// is seen in full only while calls kept waiting until the agent's next answer; when the queue
// emptied first, another agent took the waiting call and the gap is censored: the agent was
// not ready at least until the queue emptied, at most until its next answer. Also the
// sessions' edges, which reach out while nobody waited.

#include <catch2/catch.hpp>

#include "fit/available_agents.hpp"

using namespace callsim::fit;

namespace {

LoggedCall answered(double queue_entry, double answer, double end, std::uint32_t agent) {
  LoggedCall c;
  c.arrival = c.queue_entry = queue_entry;
  c.answer = answer;
  c.end = end;
  c.agent = agent;
  c.outcome = LoggedOutcome::ANSWERED;
  return c;
}

// One day, one call type, agents 0 and 1, a window of 08:00-10:00.
struct Fixture {
  CallLog log;
  AgentPool pool;
  OpenWindow window;
  Fixture() {
    log.call_type_index("retail");
    log.agent_index("a");
    log.agent_index("b");
    log.day_index("2024-03-04", 1);
    pool.skills = {0};
    pool.agents = {0, 1};
    window.interval = 1800;
    window.first = 16;  // 08:00
    window.end = 20;
  }
  PoolAvailability gaps() {
    pool.services = log.calls.size();
    return available_agents(log, {0}, window, pool, 900);
  }
};

constexpr double k8 = 8 * 3600;

}  // namespace

TEST_CASE("an after-call gap while calls kept waiting is seen in full", "[fit][availability]") {
  Fixture f;
  // Agent a serves 08:00-08:05; a call queued at 08:04 waits until a answers it at 08:05:40.
  f.log.calls.push_back(answered(k8, k8, k8 + 300, 0));
  f.log.calls.push_back(answered(k8 + 240, k8 + 340, k8 + 600, 0));
  const auto out = f.gaps();
  REQUIRE(out.after_call_gaps.size() == 1);
  CHECK(out.after_call_gaps[0].seconds == Approx(40));
  CHECK(out.after_call_gaps[0].at_least == Approx(40));
  CHECK_FALSE(out.after_call_gaps[0].censored);
}

TEST_CASE("an after-call gap is censored where another agent emptied the queue", "[fit][availability]") {
  Fixture f;
  // a ends at 08:05 with a call waiting (queued 08:04); b takes that call at 08:05:10 and
  // nobody waits after it; a's next answer is a call arriving at 08:10, answered at once.
  f.log.calls.push_back(answered(k8, k8, k8 + 300, 0));
  f.log.calls.push_back(answered(k8 + 60, k8 + 60, k8 + 280, 1));
  f.log.calls.push_back(answered(k8 + 240, k8 + 310, k8 + 500, 1));
  f.log.calls.push_back(answered(k8 + 600, k8 + 600, k8 + 700, 0));
  const auto out = f.gaps();
  // a's gap 08:05 -> 08:10 (300 s) is censored at 10 s; b's gap 08:04:40 -> 08:05:10 (it
  // ended with the 08:04 call waiting and answered it 30 s later) is seen in full.
  REQUIRE(out.after_call_gaps.size() == 2);
  bool saw_censored = false, saw_full = false;
  for (const auto& g : out.after_call_gaps) {
    if (g.censored) {
      saw_censored = true;
      CHECK(g.seconds == Approx(300));
      CHECK(g.at_least == Approx(10));
    } else {
      saw_full = true;
      CHECK(g.seconds == Approx(30));
      CHECK(g.at_least == Approx(30));
    }
  }
  CHECK(saw_censored);
  CHECK(saw_full);
}

TEST_CASE("no after-call gap when nobody waited as the service ended", "[fit][availability]") {
  Fixture f;
  f.log.calls.push_back(answered(k8, k8, k8 + 300, 0));
  f.log.calls.push_back(answered(k8 + 400, k8 + 400, k8 + 600, 0));
  CHECK(f.gaps().after_call_gaps.empty());
}

TEST_CASE("a session reaches out from its first and last call while nobody waited", "[fit][availability]") {
  Fixture f;
  f.window.first = 16;  // 08:00-08:30, 08:30-09:00, ...
  // Agent a answers one call 08:40-08:45 in a quiet hour: its session reaches back and on
  // by the session gap (15 min), 08:25-09:00.
  f.log.calls.push_back(answered(k8 + 2400, k8 + 2400, k8 + 2700, 0));
  auto out = f.gaps();
  REQUIRE(out.in_session.size() == 4);
  CHECK(out.in_session[0] == Approx(300.0 / 1800));  // 08:25-08:30
  CHECK(out.in_session[1] == Approx(1.0));           // 08:30-09:00
  CHECK(out.in_session[2] == Approx(0.0));

  // A caller of a's skills waited 08:20-08:38 (and abandoned): a was not on duty before
  // 08:38, so its session starts no earlier.
  LoggedCall waited;
  waited.arrival = waited.queue_entry = k8 + 1200;
  waited.end = k8 + 2280;
  waited.outcome = LoggedOutcome::ABANDONED;
  f.log.calls.push_back(waited);
  out = f.gaps();
  CHECK(out.in_session[0] == Approx(0.0));
  CHECK(out.in_session[1] == Approx((2700.0 + 900 - 2280) / 1800));
}
