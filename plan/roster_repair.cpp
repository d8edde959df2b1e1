#include "plan/roster_repair.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "plan/simulate_scenario.hpp"
#include "plan/staffing_search.hpp"
#include "run/forecast.hpp"

namespace callsim::plan {

namespace {

using analysis::StaffingTarget;

constexpr std::uint64_t kPilotReplications = 10;

struct Evaluation {
  analysis::RunResult run;
  run::RunInputs inputs;
  std::vector<std::vector<TargetCheck>> checks;  // [target][I + 1]
  std::vector<double> shortfall;                 // [I]: normalised miss, summed over targets; 0 when met
  std::vector<double> margin;                    // [I]: normalised slack of the tightest target (< 0: missed)
  double total_shortfall = 0;
  std::size_t meeting = 0;
};

/// One agent more on template t from `start`, with break b at break_offsets[b].
struct Addition {
  std::size_t template_index = 0;
  double start = 0;
  std::vector<double> break_offsets;
  double score = 0;  // heuristic: shortfall covered per cost
};

double scale_of(const StaffingTarget& t) { return std::abs(t.value) > 0 ? std::abs(t.value) : 1.0; }

/// Seconds of [a0, a1) inside [b0, b1).
double overlap(double a0, double a1, double b0, double b1) {
  return std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
}

class Repair {
 public:
  Repair(const RosterProblem& problem, const RosterScenario& scenario, const RosterRepairSettings& settings)
      : problem_(problem), scenario_(scenario), settings_(settings) {}

  RosterRepairResult run(std::vector<RosteredShift> shifts) {
    RosterRepairResult out;
    out.initial_cost = roster_cost(problem_, shifts);
    replications_ = settings_.replications ? settings_.replications : kPilotReplications;
    Evaluation current = evaluate(shifts, "roster");
    if (!settings_.replications) {
      const auto chosen = replications_for(static_cast<double>(calls_) / static_cast<double>(replications_));
      if (chosen != replications_) {
        replications_ = chosen;
        current = evaluate(shifts, "roster");
      }
    }
    out.replications = replications_;
    for (std::size_t i = 0; i < intervals_; ++i)
      if (current.shortfall[i] > 0) out.initial_missed.push_back(i);

    int stall = 0;
    double lowest_shortfall = current.total_shortfall;
    while (current.meeting < intervals_ && evaluations_ < settings_.max_evaluations) {
      auto candidates = additions(shifts, current);
      if (candidates.empty()) {  // no template may add an agent where it misses (their max)
        out.stalled = true;
        break;
      }
      if (candidates.size() > static_cast<std::size_t>(std::max(1, settings_.candidates)))
        candidates.resize(static_cast<std::size_t>(std::max(1, settings_.candidates)));
      std::optional<std::pair<std::vector<RosteredShift>, Evaluation>> best;
      double best_gain = -std::numeric_limits<double>::infinity();
      for (const Addition& a : candidates) {
        if (evaluations_ >= settings_.max_evaluations) break;
        auto trial = shifts;
        add(trial, a);
        Evaluation e = evaluate(trial, "add");
        const double cost = std::max(shift_cost(a.template_index), 1e-9);
        const double gain = (current.total_shortfall - e.total_shortfall) / cost;
        if (gain > best_gain) {
          best_gain = gain;
          best.emplace(std::move(trial), std::move(e));
        }
      }
      if (!best) break;
      // A fall of shortfall below 1e-9 is noise: the target is out of reach where it misses.
      stall = best->second.total_shortfall < lowest_shortfall - 1e-9 ? 0 : stall + 1;
      lowest_shortfall = std::min(lowest_shortfall, best->second.total_shortfall);
      shifts = std::move(best->first);
      current = std::move(best->second);
      ++out.added;
      if (stall >= settings_.stall_steps) {
        out.stalled = true;
        break;
      }
    }

    if (current.meeting == intervals_ && settings_.trim) trim(shifts, current, out);

    out.cost = roster_cost(problem_, shifts);
    out.paid_hours = roster_paid_hours(problem_, shifts);
    out.shifts = std::move(shifts);
    out.met = current.meeting == intervals_;
    for (std::size_t i = 0; i < intervals_; ++i)
      if (current.shortfall[i] > 0) out.missed.push_back(i);
    out.checks = std::move(current.checks);
    out.run = std::move(current.run);
    out.inputs = std::move(current.inputs);
    out.evaluations = evaluations_;
    out.calls_simulated = calls_;
    return out;
  }

 private:
  Evaluation evaluate(const std::vector<RosteredShift>& shifts, const std::string& phase) {
    scenarios::LoadedScenario loaded = scenario_(shifts);
    if (evaluations_ == 0) {
      const auto& time = loaded.spec.time;
      intervals_ = run::reporting_intervals(time);
      length_ = time.interval.seconds();
      counted_begin_ = time.clock_start.seconds() + time.warmup.seconds();
    }
    SimulatedScenario simulated =
        simulate_scenario(std::move(loaded), settings_.seed, replications_, settings_.threads);
    ++evaluations_;
    calls_ += simulated.calls;
    Evaluation e;
    e.run = std::move(simulated.run);
    e.inputs = std::move(simulated.inputs);
    e.shortfall.assign(intervals_, 0.0);
    e.margin.assign(intervals_, 1.0);
    for (const StaffingTarget& target : settings_.targets) {
      e.checks.push_back(check_run(e.run, target, settings_.confidence));
      const auto& checks = e.checks.back();
      for (std::size_t i = 0; i < intervals_; ++i) {
        if (checks[i].n == 0) continue;  // nothing offered: nothing to meet
        const double bound = checks[i].bound(target.direction);
        double slack =
            target.direction == StaffingTarget::Direction::AT_LEAST ? bound - target.value : target.value - bound;
        if (!std::isfinite(slack)) slack = checks[i].meets ? 0.0 : -1.0;
        slack /= scale_of(target);
        if (!checks[i].meets) e.shortfall[i] += std::max(-slack, 1e-6);
        e.margin[i] = std::min(e.margin[i], checks[i].meets ? std::max(slack, 0.0) : std::min(slack, -1e-6));
      }
    }
    for (std::size_t i = 0; i < intervals_; ++i) {
      e.total_shortfall += e.shortfall[i];
      if (e.shortfall[i] == 0) ++e.meeting;
    }
    if (settings_.on_evaluation)
      settings_.on_evaluation(evaluations_, phase, e.meeting, intervals_, roster_cost(problem_, shifts));
    return e;
  }

  [[nodiscard]] double shift_cost(std::size_t t) const {
    const auto& tpl = problem_.templates[t];
    return tpl.cost_per_paid_hour * tpl.paid_seconds() / 3600.0;
  }

  /// Sum over simulated intervals of weight[i] x seconds of [from, to) in interval i.
  [[nodiscard]] double weighted(double from, double to, const std::vector<double>& weight) const {
    double sum = 0;
    if (!(length_ > 0)) return 0;
    const double first = std::floor((from - counted_begin_) / length_);
    for (double k = std::max(0.0, first); k < static_cast<double>(intervals_); k += 1) {
      const double b0 = counted_begin_ + k * length_;
      if (b0 >= to) break;
      sum += weight[static_cast<std::size_t>(k)] * overlap(from, to, b0, b0 + length_);
    }
    return sum;
  }

  [[nodiscard]] int template_agents(const std::vector<RosteredShift>& shifts, std::size_t t) const {
    int n = 0;
    for (const auto& s : shifts)
      if (s.template_index == t) n += s.agents;
    return n;
  }

  /// Every allowed one-agent addition on duty in some missed interval, best score first.
  std::vector<Addition> additions(const std::vector<RosteredShift>& shifts, const Evaluation& e) const {
    std::vector<double> slack(intervals_);
    for (std::size_t i = 0; i < intervals_; ++i) slack[i] = std::max(e.margin[i], 0.0);
    std::vector<Addition> out;
    for (std::size_t t = 0; t < problem_.templates.size(); ++t) {
      const auto& tpl = problem_.templates[t];
      if (tpl.max_agents >= 0 && template_agents(shifts, t) >= tpl.max_agents) continue;
      for (const double start : template_starts(problem_, tpl)) {
        Addition a{t, start, {}, 0};
        double covered = weighted(start, start + tpl.length, e.shortfall);
        for (const auto& b : tpl.breaks) {
          // The break where it takes least from missed intervals, then where there is most slack.
          double best_offset = b.earliest, best_miss = std::numeric_limits<double>::infinity(), best_slack = -1;
          for (double p = b.earliest; p <= b.latest + 1e-9; p += b.step) {
            const double miss = weighted(start + p, start + p + b.length, e.shortfall);
            const double room = weighted(start + p, start + p + b.length, slack);
            if (miss < best_miss - 1e-12 || (miss <= best_miss + 1e-12 && room > best_slack)) {
              best_offset = p;
              best_miss = miss;
              best_slack = room;
            }
          }
          a.break_offsets.push_back(best_offset);
          covered -= best_miss;
        }
        if (!(covered > 0)) continue;
        a.score = covered / std::max(shift_cost(t), 1e-9);
        out.push_back(std::move(a));
      }
    }
    std::stable_sort(out.begin(), out.end(), [](const Addition& x, const Addition& y) { return x.score > y.score; });
    return out;
  }

  static void add(std::vector<RosteredShift>& shifts, const Addition& a) {
    auto it = std::find_if(shifts.begin(), shifts.end(), [&](const RosteredShift& s) {
      return s.template_index == a.template_index && s.start == a.start;
    });
    if (it == shifts.end()) {
      shifts.push_back({a.template_index, a.start, 0, {}});
      it = shifts.end() - 1;
    }
    ++it->agents;
    for (std::size_t b = 0; b < a.break_offsets.size(); ++b) {
      auto p = std::find_if(it->breaks.begin(), it->breaks.end(), [&](const BreakPlacement& x) {
        return x.break_index == b && x.offset == a.break_offsets[b];
      });
      if (p == it->breaks.end())
        it->breaks.push_back({b, a.break_offsets[b], 1});
      else
        ++p->agents;
    }
    sort_roster(shifts);
  }

  static void sort_roster(std::vector<RosteredShift>& shifts) {
    std::sort(shifts.begin(), shifts.end(), [](const RosteredShift& x, const RosteredShift& y) {
      return std::tie(x.template_index, x.start) < std::tie(y.template_index, y.start);
    });
    for (auto& s : shifts)
      std::sort(s.breaks.begin(), s.breaks.end(), [](const BreakPlacement& x, const BreakPlacement& y) {
        return std::tie(x.break_index, x.offset) < std::tie(y.break_index, y.offset);
      });
  }

  /// One agent fewer on shifts[k]: off the fullest placement of each break.
  static void remove_one(std::vector<RosteredShift>& shifts, std::size_t k) {
    auto& s = shifts[k];
    --s.agents;
    std::set<std::size_t> indices;
    for (const auto& p : s.breaks) indices.insert(p.break_index);
    for (const std::size_t b : indices) {
      BreakPlacement* fullest = nullptr;
      for (auto& p : s.breaks)
        if (p.break_index == b && (!fullest || p.agents > fullest->agents)) fullest = &p;
      --fullest->agents;
    }
    std::erase_if(s.breaks, [](const BreakPlacement& p) { return p.agents <= 0; });
    if (s.agents <= 0) shifts.erase(shifts.begin() + static_cast<std::ptrdiff_t>(k));
  }

  void trim(std::vector<RosteredShift>& shifts, Evaluation& current, RosterRepairResult& out) {
    std::set<std::pair<std::size_t, double>> refused;
    while (evaluations_ < settings_.max_evaluations) {
      // The start whose span has the most slack at its tightest interval.
      std::optional<std::size_t> pick;
      double pick_slack = -1;
      for (std::size_t k = 0; k < shifts.size(); ++k) {
        const auto& s = shifts[k];
        const auto& tpl = problem_.templates[s.template_index];
        if (refused.count({s.template_index, s.start})) continue;
        if (template_agents(shifts, s.template_index) <= tpl.min_agents) continue;
        double tightest = std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < intervals_; ++i) {
          const double b0 = counted_begin_ + static_cast<double>(i) * length_;
          if (overlap(s.start, s.start + tpl.length, b0, b0 + length_) > 0)
            tightest = std::min(tightest, current.margin[i]);
        }
        if (tightest > pick_slack) {
          pick_slack = tightest;
          pick = k;
        }
      }
      if (!pick) return;
      auto trial = shifts;
      const std::pair<std::size_t, double> key{shifts[*pick].template_index, shifts[*pick].start};
      remove_one(trial, *pick);
      Evaluation e;
      try {
        e = evaluate(trial, "trim");
      } catch (const scenarios::ScenarioError&) {
        refused.insert(key);  // e.g. the group's last agent: a scenario needs someone on duty
        continue;
      }
      if (e.meeting == intervals_) {
        shifts = std::move(trial);
        current = std::move(e);
        ++out.removed;
      } else {
        refused.insert(key);
      }
    }
  }

  const RosterProblem& problem_;
  const RosterScenario& scenario_;
  const RosterRepairSettings& settings_;
  std::size_t intervals_ = 0;
  double length_ = 0, counted_begin_ = 0;
  std::uint64_t replications_ = 0;
  int evaluations_ = 0;
  std::uint64_t calls_ = 0;
};

}  // namespace

double roster_cost(const RosterProblem& problem, const std::vector<RosteredShift>& shifts) {
  double cost = 0;
  for (const auto& s : shifts) {
    const auto& t = problem.templates.at(s.template_index);
    cost += t.cost_per_paid_hour * t.paid_seconds() / 3600.0 * s.agents;
  }
  return cost;
}

double roster_paid_hours(const RosterProblem& problem, const std::vector<RosteredShift>& shifts) {
  double hours = 0;
  for (const auto& s : shifts) hours += problem.templates.at(s.template_index).paid_seconds() / 3600.0 * s.agents;
  return hours;
}

RosterRepairResult repair_roster(const RosterProblem& problem, std::vector<RosteredShift> shifts,
                                 const RosterScenario& scenario, const RosterRepairSettings& settings) {
  check_targets(settings.targets);
  return Repair(problem, scenario, settings).run(std::move(shifts));
}

}  // namespace callsim::plan
