#include "fit/available_agents.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace callsim::fit {

namespace {

struct Change {
  double time;
  int busy;     ///< agents serving
  int session;  ///< agents in a session
  int waiting;  ///< calls of the pool's skills waiting
};

// Adds `value` x the part of [from, to) inside each interval of the window to `into`.
void spread(const OpenWindow& window, double from, double to, double value, std::vector<double>& into) {
  const double start = window.start_seconds();
  const double stop = start + static_cast<double>(window.size()) * window.interval;
  from = std::max(from, start);
  to = std::min(to, stop);
  while (from < to) {
    const auto k = static_cast<std::size_t>((from - start) / window.interval);
    const double edge = std::min(to, start + static_cast<double>(k + 1) * window.interval);
    into[std::min(k, into.size() - 1)] += value * (edge - from);
    from = edge;
  }
}

}  // namespace

PoolAvailability available_agents(const CallLog& log, const std::vector<std::uint32_t>& days, const OpenWindow& window,
                                  const AgentPool& pool, double session_gap) {
  const std::size_t n = window.size();
  std::vector<int> day_slot(log.days.size(), -1);
  for (std::size_t i = 0; i < days.size(); ++i) day_slot[days[i]] = static_cast<int>(i);
  std::vector<bool> member(log.agents.size(), false), skill(log.call_types.size(), false);
  for (const auto a : pool.agents) member[a] = true;
  for (const auto t : pool.skills) skill[t] = true;

  // Per day: the pool's services per agent, and the waits of calls it could take.
  std::vector<std::vector<const LoggedCall*>> services(days.size()), waits(days.size());
  for (const auto& call : log.calls) {
    const int d = day_slot[call.day];
    if (d < 0) continue;
    // A service without its end cannot say how long the agent was busy: left out.
    if (call.outcome == LoggedOutcome::ANSWERED && call.agent != kNoAgent && member[call.agent] &&
        !std::isnan(call.end))
      services[static_cast<std::size_t>(d)].push_back(&call);
    if (skill[call.call_type] && call.wait() > 0) waits[static_cast<std::size_t>(d)].push_back(&call);
  }

  PoolAvailability out;
  out.available.assign(n, 0);
  out.in_session.assign(n, 0);
  out.seen_serving.assign(n, 0);
  out.busy.assign(n, 0);
  std::vector<Change> changes;
  for (std::size_t d = 0; d < days.size(); ++d) {
    auto& day = services[d];
    std::stable_sort(day.begin(), day.end(), [](const LoggedCall* x, const LoggedCall* y) {
      return x->agent != y->agent ? x->agent < y->agent : x->answer < y->answer;
    });
    changes.clear();
    std::vector<std::set<std::uint32_t>> seen(n);
    for (std::size_t i = 0; i < day.size();) {
      // One agent's services in answer order; sessions break at gaps of session_gap or more.
      const std::uint32_t agent = day[i]->agent;
      double session_start = day[i]->answer, session_end = day[i]->end;
      for (; i < day.size() && day[i]->agent == agent; ++i) {
        const LoggedCall& s = *day[i];
        changes.push_back({s.answer, +1, 0, 0});
        changes.push_back({s.end, -1, 0, 0});
        spread(window, s.answer, s.end, 1.0, out.busy);
        // The intervals [answer, end] touches (an instant service touches its own).
        const double first = std::floor((s.answer - window.start_seconds()) / window.interval);
        double last = std::floor((s.end - window.start_seconds()) / window.interval);
        if (s.end > s.answer && last * window.interval + window.start_seconds() == s.end) last -= 1;
        for (double k = std::max(first, 0.0); k <= std::min(last, static_cast<double>(n) - 1); k += 1)
          seen[static_cast<std::size_t>(k)].insert(agent);
        if (s.answer - session_end >= session_gap) {
          changes.push_back({session_start, 0, +1, 0});
          changes.push_back({session_end, 0, -1, 0});
          session_start = s.answer;
        }
        session_end = std::max(session_end, s.end);
      }
      changes.push_back({session_start, 0, +1, 0});
      changes.push_back({session_end, 0, -1, 0});
    }
    for (std::size_t k = 0; k < n; ++k) out.seen_serving[k] += static_cast<double>(seen[k].size());
    for (const LoggedCall* w : waits[d]) {
      changes.push_back({w->queue_entry, 0, 0, +1});
      changes.push_back({w->queue_entry + w->wait(), 0, 0, -1});
    }
    // Ends before starts at equal times: a call answered the second another ends is one busy agent.
    std::sort(changes.begin(), changes.end(), [](const Change& x, const Change& y) {
      return x.time != y.time ? x.time < y.time : x.busy + x.session + x.waiting < y.busy + y.session + y.waiting;
    });
    std::vector<double> day_in_session(n, 0), day_available(n, 0);
    int busy = 0, session = 0, waiting = 0;
    std::vector<std::pair<double, int>> waiting_after;  // (time, calls waiting from then on)
    for (std::size_t c = 0; c < changes.size(); ++c) {
      busy += changes[c].busy;
      session += changes[c].session;
      waiting += changes[c].waiting;
      if (changes[c].waiting != 0) waiting_after.emplace_back(changes[c].time, waiting);
      if (c + 1 == changes.size()) break;
      const double from = changes[c].time, to = changes[c + 1].time;
      if (to <= from) continue;
      const int idle = std::max(0, session - busy);
      spread(window, from, to, static_cast<double>(session), day_in_session);
      spread(window, from, to, static_cast<double>(busy + (waiting > 0 ? 0 : idle)), day_available);
    }
    for (std::size_t k = 0; k < n; ++k) {
      out.in_session[k] += day_in_session[k];
      out.available[k] += day_available[k];
      day_in_session[k] /= window.interval;
      day_available[k] /= window.interval;
    }
    out.in_session_by_day.push_back(day_in_session);
    out.available_by_day.push_back(day_available);
    // After-call gaps: a service that ended while a call of the group's skills waited (just
    // before the end: the agent may take that very call at once, a gap of 0). The agent was
    // not ready until its next answer if calls waited all that time, else at least until
    // the queue emptied (censored).
    const auto at_or_before = [&](double t) {
      return std::upper_bound(waiting_after.begin(), waiting_after.end(), t,
                              [](double x, const std::pair<double, int>& w) { return x < w.first; });
    };
    // empties[j]: the first time at or after waiting_after[j] that nobody waits.
    std::vector<double> empties(waiting_after.size() + 1, std::numeric_limits<double>::infinity());
    for (std::size_t j = waiting_after.size(); j-- > 0;)
      empties[j] = waiting_after[j].second == 0 ? waiting_after[j].first : empties[j + 1];
    const auto queue_empties_after = [&](double t) {
      return empties[static_cast<std::size_t>(at_or_before(t) - waiting_after.begin())];
    };
    for (std::size_t i = 0; i + 1 < day.size(); ++i) {
      const LoggedCall& a = *day[i];
      const LoggedCall& b = *day[i + 1];
      if (a.agent != b.agent) continue;
      const double gap = b.answer - a.end;
      if (!(gap >= 0 && gap < session_gap)) continue;
      const auto it = at_or_before(a.end - 1e-3);
      if (it == waiting_after.begin() || std::prev(it)->second <= 0) continue;
      const double empties = queue_empties_after(a.end - 1e-3);
      if (b.answer <= empties)
        out.after_call_gaps.push_back({a.call_type, gap, false});
      else
        out.after_call_gaps.push_back({a.call_type, std::max(0.0, empties - a.end), true});
    }
  }
  const double per = static_cast<double>(days.size()) * window.interval;
  for (std::size_t k = 0; k < n; ++k) {
    out.available[k] /= per;
    out.in_session[k] /= per;
    out.busy[k] /= per;
    out.seen_serving[k] /= static_cast<double>(days.size());
  }
  return out;
}

}  // namespace callsim::fit
