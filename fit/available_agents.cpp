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
    // The queue of the pool's skills over the day: (time, calls waiting from then on).
    std::vector<std::pair<double, int>> queue;
    {
      std::vector<std::pair<double, int>> steps;
      for (const LoggedCall* w : waits[d]) {
        steps.emplace_back(w->queue_entry, +1);
        steps.emplace_back(w->queue_entry + w->wait(), -1);
      }
      std::sort(steps.begin(), steps.end());
      int count = 0;
      for (const auto& [t, step] : steps) {
        count += step;
        if (!queue.empty() && queue.back().first == t)
          queue.back().second = count;
        else
          queue.emplace_back(t, count);
      }
    }
    // next_waiting[j]: the first time at or after queue[j] that calls wait.
    std::vector<double> next_waiting(queue.size() + 1, std::numeric_limits<double>::infinity());
    for (std::size_t j = queue.size(); j-- > 0;)
      next_waiting[j] = queue[j].second > 0 ? queue[j].first : next_waiting[j + 1];
    // next_empty[j]: the first time at or after queue[j] that nobody waits.
    std::vector<double> next_empty(queue.size() + 1, std::numeric_limits<double>::infinity());
    for (std::size_t j = queue.size(); j-- > 0;)
      next_empty[j] = queue[j].second == 0 ? queue[j].first : next_empty[j + 1];
    const auto step_after = [&](double t) {  // the first step later than t
      return static_cast<std::size_t>(
          std::upper_bound(queue.begin(), queue.end(), t,
                           [](double x, const std::pair<double, int>& q) { return x < q.first; }) -
          queue.begin());
    };
    // A session's edges reach out while no call of the pool's skills waited, by less than the
    // session gap (an idle stretch that short counts as on duty between two services, so at
    // the edges too): an agent who logged in before the first call, or stayed after the
    // last, leaves no trace in a quiet hour, but would have answered a call that waited.
    const double reach = session_gap;
    const auto session_from = [&](double start) {
      const std::size_t j = step_after(start);  // queue[j - 1] holds at start
      if (j > 0 && queue[j - 1].second > 0) return start;
      // Calls waited until queue[j - 1] (the step that emptied the queue), if there is one.
      const double quiet_since = j > 0 ? queue[j - 1].first : -std::numeric_limits<double>::infinity();
      return std::max(start - reach, quiet_since);
    };
    const auto session_until = [&](double end) {
      const std::size_t j = step_after(end);
      if (j > 0 && queue[j - 1].second > 0) return end;
      return std::min(end + reach, next_waiting[j]);
    };
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
          changes.push_back({session_from(session_start), 0, +1, 0});
          changes.push_back({session_until(session_end), 0, -1, 0});
          session_start = s.answer;
        }
        session_end = std::max(session_end, s.end);
      }
      changes.push_back({session_from(session_start), 0, +1, 0});
      changes.push_back({session_until(session_end), 0, -1, 0});
    }
    for (std::size_t k = 0; k < n; ++k) out.seen_serving[k] += static_cast<double>(seen[k].size());
    for (const LoggedCall* w : waits[d]) {
      changes.push_back({w->queue_entry, 0, 0, +1});
      changes.push_back({w->queue_entry + w->wait(), 0, 0, -1});
    }
    // After-call gaps: a service that ended while a call of the group's skills waited (just
    // before the end: the agent may take that very call at once, a gap of 0). The agent was
    // not ready until its next answer if calls waited all that time, else at least until
    // the queue emptied (censored).
    for (std::size_t i = 0; i + 1 < day.size(); ++i) {
      const LoggedCall& a = *day[i];
      const LoggedCall& b = *day[i + 1];
      if (a.agent != b.agent) continue;
      const double gap = b.answer - a.end;
      if (!(gap >= 0 && gap < session_gap)) continue;
      const std::size_t j = step_after(a.end - 1e-3);
      if (j == 0 || queue[j - 1].second <= 0) continue;
      const double empties = next_empty[j];
      const bool censored = b.answer > empties;
      const double seen = censored ? std::max(0.0, empties - a.end) : gap;
      out.after_call_gaps.push_back({a.call_type, gap, censored ? seen : gap, censored});
    }
    // Ends before starts at equal times: a call answered the second another ends is one busy agent.
    std::sort(changes.begin(), changes.end(), [](const Change& x, const Change& y) {
      return x.time != y.time ? x.time < y.time : x.busy + x.session + x.waiting < y.busy + y.session + y.waiting;
    });
    std::vector<double> day_in_session(n, 0), day_available(n, 0);
    int busy = 0, session = 0, waiting = 0;
    for (std::size_t c = 0; c < changes.size(); ++c) {
      busy += changes[c].busy;
      session += changes[c].session;
      waiting += changes[c].waiting;
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
