#include "plan/staffing_search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "analysis/kpi.hpp"
#include "plan/simulate_scenario.hpp"
#include "run/forecast.hpp"
#include "run/interval_means.hpp"

namespace callsim::plan {

namespace {

using analysis::StaffingTarget;
using Scope = StaffingSearchSettings::Scope;

/// The automatic replications: the pilot's, and the calls a simulation aims at.
constexpr std::uint64_t kPilotReplications = 10;
constexpr double kCallsPerEvaluation = 2e6;
/// The default cap (scenarios' limit on one group's agents).
constexpr int kMaxAgentsAllowed = 100000;

/// The search used the simulations it may run.
struct OutOfEvaluations {};

/// One simulation of a staffing and what the search reads of it.
struct Evaluation {
  analysis::RunResult run;
  run::RunInputs inputs;
  std::vector<std::vector<TargetCheck>> checks;  // [target][I + 1]
  std::vector<bool> ok;                          // [I + 1]: every target met (the last entry: the day)
};

class Search {
 public:
  Search(const scenarios::LoadedScenario& scenario, const StaffingSearchSettings& settings)
      : scenario_(scenario), settings_(settings) {
    const models::TimeSpec& time = scenario.spec.time;
    intervals_ = run::reporting_intervals(time);
    groups_ = scenario.spec.agent_groups.size();
    length_ = time.interval.seconds();
  }

  StaffingSearchResult run() {
    StaffingSearchResult out;
    replications_ = settings_.replications ? settings_.replications : kPilotReplications;
    Evaluation pilot = evaluate(nullptr, "pilot");
    if (!settings_.replications) {
      const double per_replication = static_cast<double>(calls_) / static_cast<double>(replications_);
      replications_ = replications_for(per_replication);
    }
    out.replications = replications_;
    start(pilot, out);
    StaffingPlan plan = out.erlang;
    if (settings_.method == StaffingSearchSettings::Method::ERLANG) {
      Evaluation at = evaluate(&plan, "check");
      finish(std::move(plan), std::move(at), out);
      return out;
    }
    floor_ = StaffingPlan(intervals_, groups_);
    try {
      Evaluation current = evaluate(&plan, "start");
      raise_until_met(plan, current);
      if (settings_.scope == Scope::INTERVAL) {
        tighten_per_interval(plan, current);
      } else {
        tighten_per_day(plan, current);
      }
      finish(std::move(plan), std::move(current), out);
    } catch (const OutOfEvaluations&) {
      if (!best_) {
        throw StaffingError("the search ran " + std::to_string(evaluations_) +
                            " simulations and no staffing met the targets yet; allow more with --max-evaluations");
      }
      // The budget ran out while tightening: the last staffing that met is the answer.
      finish(std::move(best_->first), std::move(best_->second), out);
      out.settled = false;
    }
    return out;
  }

 private:
  // ---- simulation ----------------------------------------------------------------------

  Evaluation evaluate(const StaffingPlan* plan, const std::string& phase) {
    if (evaluations_ >= settings_.max_evaluations) throw OutOfEvaluations{};
    scenarios::LoadedScenario staffed = scenario_;
    if (plan) apply_plan(staffed.spec, *plan);
    SimulatedScenario simulated =
        simulate_scenario(std::move(staffed), settings_.seed, replications_, settings_.threads);
    ++evaluations_;
    calls_ += simulated.calls;
    Evaluation e;
    e.run = std::move(simulated.run);
    e.inputs = std::move(simulated.inputs);
    e.ok.assign(intervals_ + 1, true);
    for (const StaffingTarget& target : settings_.targets) {
      e.checks.push_back(check_run(e.run, target, settings_.confidence));
      for (std::size_t i = 0; i <= intervals_; ++i) e.ok[i] = e.ok[i] && e.checks.back()[i].meets;
    }
    if (settings_.on_evaluation) {
      const std::size_t meeting = static_cast<std::size_t>(std::count(e.ok.begin(), e.ok.end() - 1, true));
      settings_.on_evaluation(evaluations_, phase, meeting, intervals_, plan ? plan->agent_hours(length_) : 0);
    }
    if (plan && settings_.method == StaffingSearchSettings::Method::SIMULATION && all_ok(e)) best_.emplace(*plan, e);
    return e;
  }

  /// Mean over replications of a group's busy / staffed time in an interval; NaN unstaffed.
  [[nodiscard]] double occupancy(const Evaluation& e, std::size_t i, std::size_t g) const {
    double busy = 0, staffed = 0;
    for (const analysis::ReplicationResult& r : e.run.replications) {
      busy += r.interval_groups[i * groups_ + g].busy_time;
      staffed += r.interval_groups[i * groups_ + g].staffed_time;
    }
    return analysis::kpi_ratio(busy, staffed);
  }

  [[nodiscard]] bool interval_ok(const Evaluation& e, std::size_t i) const {
    return settings_.scope == Scope::DAY ? true : e.ok[i];
  }
  [[nodiscard]] bool all_ok(const Evaluation& e) const {
    if (settings_.scope == Scope::DAY) return e.ok[intervals_];
    return std::all_of(e.ok.begin(), e.ok.end() - 1, [](bool b) { return b; });
  }

  // ---- 1. the Erlang start ---------------------------------------------------------------

  void start(const Evaluation& pilot, StaffingSearchResult& out) {
    const std::size_t offered_kpi = analysis::kpi_index("offered");
    out.erlang = StaffingPlan(intervals_, groups_);
    const double threshold = scenario_.spec.service_level_threshold.seconds();
    std::vector<std::string> unreachable;
    const bool expected = forecast_is_offered();
    const std::size_t types = scenario_.spec.call_types.size();
    for (std::size_t i = 0; i < intervals_; ++i) {
      // The load: the forecast itself where every arrival is offered (so Erlang staffing of
      // a forecast is exact), else what the pilot saw offered (an IVR's exits, retrials,
      // closed hours, full queues change it).
      double offered = 0;
      run::IntervalMeans means;
      if (expected) {
        const std::span<const double> calls(pilot.inputs.forecast.data() + i * types, types);
        for (const double c : calls) offered += c;
        means = run::weighted_means(pilot.inputs, calls);
      } else {
        for (const double v : interval_values(pilot.run, offered_kpi, i)) offered += v;
        offered /= static_cast<double>(std::max<std::size_t>(pilot.run.replications.size(), 1));
        means = run::interval_means(pilot.run, pilot.inputs, i);
      }
      const double rate = offered / length_;
      out.offered.push_back(offered);
      out.load.push_back(offered > 0 ? rate * means.handle : 0);
      int pooled = 0;
      if (offered > 0 && means.handle > 0) {
        const analysis::StaffingAnswer a = erlang_need(rate, means.handle, means.patience, threshold);
        if (!a.agents) {
          unreachable.push_back(interval_name(i) + ": " + a.reason);
          out.erlang_pooled.push_back(-1);
          continue;
        }
        pooled = *a.agents;
      }
      out.erlang_pooled.push_back(pooled);
      split(pilot, i, rate, means, threshold, pooled, out.erlang);
    }
    if (!unreachable.empty()) {
      throw StaffingError("no staffing meets the targets in " + std::to_string(unreachable.size()) +
                          " interval(s), first " + unreachable.front() + "; relax the target" +
                          (settings_.max_agents < kMaxAgentsAllowed ? " or raise --max-agents" : ""));
    }
  }

  /// Whether every forecast arrival is offered to a queue: no IVR, opening hours, retrials
  /// or queue capacity in between.
  [[nodiscard]] bool forecast_is_offered() const {
    const models::CenterSpec& spec = scenario_.spec;
    if (spec.ivr || !spec.open_hours.empty()) return false;
    for (const models::CallTypeSpec& type : spec.call_types)
      if (type.retrial.probability > 0 || type.queue_capacity >= 0) return false;
    return true;
  }

  analysis::StaffingAnswer erlang_need(double rate, double handle, std::optional<double> patience,
                                       double threshold) const {
    if (!(rate * handle <= settings_.max_agents)) {
      analysis::StaffingAnswer a;
      a.reason = "an offered load of " + std::to_string(static_cast<long long>(rate * handle)) +
                 " Erlangs needs more than the " + std::to_string(settings_.max_agents) + " agents allowed";
      return a;
    }
    try {
      return analysis::agents_for({rate, handle, 1, patience, threshold}, settings_.targets, settings_.max_agents);
    } catch (const std::domain_error&) {
      analysis::StaffingAnswer a;
      a.reason = "the load is too large to staff exactly";
      return a;
    }
  }

  /// Interval i's staffing per group: one group takes the pooled need; several are each
  /// staffed for the share of the interval's calls the routing gave them in the pilot run.
  void split(const Evaluation& pilot, std::size_t i, double rate, const run::IntervalMeans& means, double threshold,
             int pooled, StaffingPlan& plan) const {
    if (groups_ == 1 || pooled == 0) {
      plan.at(i, 0) = pooled;
      for (std::size_t g = 1; g < groups_; ++g) plan.at(i, g) = 0;
      return;
    }
    std::vector<double> handled(groups_, 0), handle_time(groups_, 0);
    for (const analysis::ReplicationResult& r : pilot.run.replications) {
      for (std::size_t g = 0; g < groups_; ++g) {
        handled[g] += static_cast<double>(r.interval_groups[i * groups_ + g].handled);
        handle_time[g] += r.interval_groups[i * groups_ + g].handle_time;
      }
    }
    const double total = std::accumulate(handled.begin(), handled.end(), 0.0);
    for (std::size_t g = 0; g < groups_; ++g) {
      // No calls handled in the pilot (nobody on duty): the groups share the load evenly.
      const double share = total > 0 ? handled[g] / total : 1.0 / static_cast<double>(groups_);
      const double handle = handled[g] > 0 ? handle_time[g] / handled[g] : means.handle;
      int n = 0;
      if (share > 0) {
        const analysis::StaffingAnswer a = erlang_need(rate * share, handle, means.patience, threshold);
        n = a.agents ? *a.agents : pooled;
      }
      plan.at(i, g) = std::min(n, settings_.max_agents);
    }
  }

  // ---- 2. raising --------------------------------------------------------------------------

  void raise_until_met(StaffingPlan& plan, Evaluation& current) {
    while (!all_ok(current)) {
      bool raised = false;
      if (settings_.scope == Scope::DAY) {
        // The day misses: one more agent in each of the worst tenth of the intervals.
        for (const std::size_t i : by_slack(current, /*most_first=*/false, std::max<std::size_t>(1, intervals_ / 10)))
          raised = raise(plan, current, i) || raised;
      } else {
        for (std::size_t i = 0; i < intervals_; ++i)
          if (!current.ok[i]) raised = raise(plan, current, i) || raised;
      }
      if (!raised) throw cap_error(current);
      current = evaluate(&plan, "raise");
    }
  }

  /// One more agent in interval i, in the group busiest there; false at the cap.
  bool raise(StaffingPlan& plan, const Evaluation& e, std::size_t i) {
    std::optional<std::size_t> best;
    double best_score = -std::numeric_limits<double>::infinity();
    for (std::size_t g = 0; g < groups_; ++g) {
      if (plan.at(i, g) >= settings_.max_agents) continue;
      double score = occupancy(e, i, g);
      if (std::isnan(score)) score = 0.5;  // nobody on duty: as likely useful as a half-busy group
      if (score > best_score) best_score = score, best = g;
    }
    if (!best) return false;
    ++plan.at(i, *best);
    floor_.at(i, *best) = std::max(floor_.at(i, *best), plan.at(i, *best));
    return true;
  }

  StaffingError cap_error(const Evaluation& e) const {
    std::string which;
    std::size_t shown = 0;
    for (std::size_t i = 0; i < intervals_ && shown < 5; ++i) {
      if (e.ok[i]) continue;
      which += (shown++ ? ", " : "") + interval_name(i);
    }
    return StaffingError("even " + std::to_string(settings_.max_agents) +
                         " agents per group do not meet the targets in " +
                         (settings_.scope == Scope::DAY ? std::string("the day") : "interval(s) " + which) +
                         "; raise --max-agents or relax the target");
  }

  [[nodiscard]] std::string interval_name(std::size_t i) const {
    const double clock = scenario_.spec.time.clock_start.seconds() + scenario_.spec.time.warmup.seconds() +
                         static_cast<double>(i) * length_;
    const auto minutes = static_cast<long long>(std::llround(clock / 60));
    const long long day = minutes / 1440, hh = minutes % 1440 / 60, mm = minutes % 60;
    char text[32];
    if (day > 0) {
      std::snprintf(text, sizeof text, "day %lld %02lld:%02lld", day + 1, hh, mm);
    } else {
      std::snprintf(text, sizeof text, "%02lld:%02lld", hh, mm);
    }
    return text;
  }

  // ---- 3. tightening -------------------------------------------------------------------

  /// The `count` groups of interval i to take an agent from: the least busy above their floor.
  std::vector<std::size_t> cut_groups(const StaffingPlan& plan, const Evaluation& e, std::size_t i,
                                      std::size_t count) const {
    std::vector<std::pair<double, std::size_t>> free;
    for (std::size_t g = 0; g < groups_; ++g) {
      if (plan.at(i, g) <= floor_.at(i, g) || plan.at(i, g) == 0) continue;
      const double busy = occupancy(e, i, g);
      free.emplace_back(std::isnan(busy) ? 0 : busy, g);
    }
    std::stable_sort(free.begin(), free.end());
    std::vector<std::size_t> chosen;
    for (std::size_t k = 0; k < free.size() && k < count; ++k) chosen.push_back(free[k].second);
    return chosen;
  }

  void tighten_per_interval(StaffingPlan& plan, Evaluation& current) {
    // Agents taken from an interval at once: doubles while cuts stay, halves when one is
    // refused; only a refused cut of a single agent is never tried again. Many groups (or
    // a generous start) so settle in a few rounds instead of one agent per round.
    std::vector<std::size_t> batch(intervals_, 1);
    bool current_is_plan = true;  // `current` simulated `plan` itself (not a trial of it)
    std::size_t idle_parities = 0;
    for (std::size_t parity = 0;; parity ^= 1) {
      std::vector<std::vector<std::size_t>> cuts(intervals_);
      StaffingPlan trial = plan;
      bool any = false;
      for (std::size_t i = parity; i < intervals_; i += 2) {
        cuts[i] = cut_groups(plan, current, i, batch[i]);
        for (const std::size_t g : cuts[i]) --trial.at(i, g);
        any = any || !cuts[i].empty();
      }
      if (!any) {
        if (++idle_parities < 2) continue;
        if (current_is_plan) return;
        // Refused cuts were undone without a simulation of their own: check the result.
        current = evaluate(&plan, "check");
        current_is_plan = true;
        if (all_ok(current)) return;
        raise_until_met(plan, current);
        idle_parities = 0;
        continue;
      }
      idle_parities = 0;
      Evaluation e = evaluate(&trial, "cut");
      current_is_plan = true;
      for (std::size_t i = parity; i < intervals_; i += 2) {
        if (cuts[i].empty()) continue;
        const bool kept = e.ok[i] && (i == 0 || e.ok[i - 1]) && (i + 1 >= intervals_ || e.ok[i + 1]);
        if (kept) {
          batch[i] = std::min(2 * batch[i], std::max<std::size_t>(groups_, 1));
          continue;
        }
        for (const std::size_t g : cuts[i]) {
          ++trial.at(i, g);                                           // undo
          if (cuts[i].size() == 1) floor_.at(i, g) = trial.at(i, g);  // and never try it again
        }
        batch[i] = std::max<std::size_t>(1, batch[i] / 2);
        current_is_plan = false;
      }
      plan = trial;
      current = std::move(e);
    }
  }

  /// Intervals ordered by how far their KPI bound exceeds the target (the smallest margin
  /// over the targets), most (or least) first; `count` of them.
  std::vector<std::size_t> by_slack(const Evaluation& e, bool most_first, std::size_t count) const {
    std::vector<double> slack(intervals_, std::numeric_limits<double>::infinity());
    for (std::size_t t = 0; t < settings_.targets.size(); ++t) {
      const StaffingTarget& target = settings_.targets[t];
      const double sign = target.direction == StaffingTarget::Direction::AT_LEAST ? 1 : -1;
      for (std::size_t i = 0; i < intervals_; ++i) {
        const TargetCheck& c = e.checks[t][i];
        const double s = c.n == 0 ? std::numeric_limits<double>::infinity() : sign * (c.mean - target.value);
        slack[i] = std::min(slack[i], std::isnan(s) ? -std::numeric_limits<double>::infinity() : s);
      }
    }
    std::vector<std::size_t> order(intervals_);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return most_first ? slack[a] > slack[b] : slack[a] < slack[b];
    });
    order.resize(std::min(count, order.size()));
    return order;
  }

  /// Per day: cut one agent in the k intervals of most slack that still have one to give,
  /// k found by halving from all of them until the day still meets; a single refused cut is
  /// never tried again.
  void tighten_per_day(StaffingPlan& plan, Evaluation& current) {
    for (;;) {
      std::vector<std::pair<std::size_t, std::size_t>> candidates;
      for (const std::size_t i : by_slack(current, /*most_first=*/true, intervals_))
        for (const std::size_t g : cut_groups(plan, current, i, 1)) candidates.emplace_back(i, g);
      if (candidates.empty()) return;
      std::size_t k = candidates.size();
      while (k > 0) {
        StaffingPlan trial = plan;
        for (std::size_t c = 0; c < k; ++c) --trial.at(candidates[c].first, candidates[c].second);
        Evaluation e = evaluate(&trial, "cut");
        if (e.ok[intervals_]) {
          plan = trial;
          current = std::move(e);
          break;
        }
        // Not even the cut of most slack keeps the day: the day is at its edge.
        if (k == 1) return;
        k /= 2;
      }
    }
  }

  // ---- the answer ----------------------------------------------------------------------

  void finish(StaffingPlan plan, Evaluation at, StaffingSearchResult& out) const {
    out.plan = std::move(plan);
    out.checks = std::move(at.checks);
    out.met = all_ok(at);
    for (std::size_t i = 0; i < intervals_; ++i)
      if (!at.ok[i]) out.missed.push_back(i);
    out.run = std::move(at.run);
    out.inputs = std::move(at.inputs);
    out.evaluations = evaluations_;
    out.calls_simulated = calls_;
  }

  const scenarios::LoadedScenario& scenario_;
  const StaffingSearchSettings& settings_;
  std::size_t intervals_ = 0, groups_ = 0;
  double length_ = 0;
  StaffingPlan floor_;              // per (interval, group): fewer agents than this were refused
  std::uint64_t replications_ = 0;  // per simulation
  int evaluations_ = 0;
  std::uint64_t calls_ = 0;
  std::optional<std::pair<StaffingPlan, Evaluation>> best_;  // the last staffing that met every target
};

}  // namespace

std::uint64_t replications_for(double calls_per_replication) {
  return static_cast<std::uint64_t>(
      std::clamp(std::ceil(kCallsPerEvaluation / std::max(calls_per_replication, 1.0)), 10.0, 100.0));
}

void check_targets(const std::vector<analysis::StaffingTarget>& targets) {
  if (targets.empty()) throw StaffingError("give at least one --target, e.g. --target 'service_level>=0.8'");
  for (const StaffingTarget& t : targets) {
    if (const auto problem = analysis::target_problem(t)) throw StaffingError(*problem);
    if (!analysis::find_kpi(t.kpi)) {
      throw StaffingError("'" + t.kpi +
                          "' is an Erlang figure the simulation does not tally per interval; use --method erlang, "
                          "or a target on service_level, p_wait, asa, awt, abandon_rate or occupancy");
    }
  }
}

StaffingSearchResult search_staffing(const scenarios::LoadedScenario& scenario,
                                     const StaffingSearchSettings& settings) {
  check_targets(settings.targets);
  if (scenario.spec.agent_groups.empty()) throw StaffingError("the scenario has no agent group to staff");
  return Search(scenario, settings).run();
}

}  // namespace callsim::plan
