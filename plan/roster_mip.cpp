#include "plan/roster_mip.hpp"

#include <Cbc_C_Interface.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <numeric>
#include <stdexcept>

namespace callsim::plan {
namespace {

constexpr double kDay = 86400;
constexpr double kUnbounded = std::numeric_limits<double>::max();

std::int64_t whole(double seconds) { return std::llround(seconds); }

std::size_t interval_count(const RosterProblem& problem) {
  std::size_t n = 0;
  for (const auto& g : problem.groups) n = std::max(n, g.required.size());
  return n;
}

/// One shift start: its template, start and, per break, the allowed offsets.
struct Start {
  std::size_t t;
  double at;
};

std::vector<double> break_offsets(const ShiftTemplate& t, const BreakTemplate& b) {
  std::vector<double> offsets;
  if (b.step <= 0) throw std::invalid_argument("break step must be positive in template '" + t.name + "'");
  for (double p = b.earliest; p <= b.latest + 1e-6 && p + b.length <= t.length + 1e-6; p += b.step)
    offsets.push_back(p);
  return offsets;
}

/// The slots [first, last) of the horizon that [from, to) on the clock covers.
std::pair<std::int64_t, std::int64_t> slots_of(double from, double to, double start, double slot, std::int64_t slots) {
  auto a = static_cast<std::int64_t>(std::floor((from - start) / slot + 1e-9));
  auto b = static_cast<std::int64_t>(std::ceil((to - start) / slot - 1e-9));
  return {std::clamp<std::int64_t>(a, 0, slots), std::clamp<std::int64_t>(b, 0, slots)};
}

struct CbcDeleter {
  void operator()(Cbc_Model* m) const { Cbc_deleteModel(m); }
};
using CbcModel = std::unique_ptr<Cbc_Model, CbcDeleter>;

}  // namespace

double roster_slot(const RosterProblem& problem) {
  if (problem.interval <= 0) throw std::invalid_argument("the interval length must be positive");
  std::int64_t g = whole(problem.interval);
  auto add = [&](double v) { g = std::gcd(g, std::abs(whole(v))); };
  for (const auto& t : problem.templates) {
    add(t.start_step);
    add(t.start_from - problem.start);
    add(t.length);
    for (const auto& b : t.breaks) {
      add(b.length);
      add(b.earliest);
      add(b.step);
    }
  }
  return static_cast<double>(std::max<std::int64_t>(g, 1));
}

std::vector<double> template_starts(const RosterProblem& problem, const ShiftTemplate& t) {
  if (t.start_step <= 0) throw std::invalid_argument("start step must be positive in template '" + t.name + "'");
  const double end = problem.start + problem.interval * static_cast<double>(interval_count(problem));
  const auto first_day = static_cast<int>(std::floor(problem.start / kDay));
  const auto last_day = std::max(first_day, static_cast<int>(std::floor((end - 1) / kDay)));
  const bool multi_day = last_day > first_day;
  std::vector<double> starts;
  for (int d = first_day; d <= last_day; ++d) {
    if (multi_day && !t.days.empty() && std::find(t.days.begin(), t.days.end(), d % 7 + 1) == t.days.end()) continue;
    for (double s = t.start_from; s <= t.start_to + 1e-6; s += t.start_step) starts.push_back(d * kDay + s);
  }
  return starts;
}

std::vector<int> on_duty_per_slot(const RosterProblem& problem, const std::vector<RosteredShift>& shifts,
                                  std::size_t group, double slot) {
  const auto slots = static_cast<std::int64_t>(std::llround(problem.interval * interval_count(problem) / slot));
  std::vector<int> duty(static_cast<std::size_t>(slots), 0);
  for (const auto& s : shifts) {
    const auto& t = problem.templates.at(s.template_index);
    if (t.group != group) continue;
    auto [a, b] = slots_of(s.start, s.start + t.length, problem.start, slot, slots);
    for (auto k = a; k < b; ++k) duty[static_cast<std::size_t>(k)] += s.agents;
    for (const auto& p : s.breaks) {
      const auto& br = t.breaks.at(p.break_index);
      auto [c, d] = slots_of(s.start + p.offset, s.start + p.offset + br.length, problem.start, slot, slots);
      for (auto k = c; k < d; ++k) duty[static_cast<std::size_t>(k)] -= p.agents;
    }
  }
  return duty;
}

std::vector<UncoverableInterval> uncoverable_intervals(const RosterProblem& problem) {
  const double slot = roster_slot(problem);
  const auto per_interval = static_cast<std::int64_t>(std::llround(problem.interval / slot));
  const std::int64_t slots = per_interval * static_cast<std::int64_t>(interval_count(problem));
  std::vector<UncoverableInterval> out;
  for (const auto& g : problem.groups) {
    std::vector<bool> possible(static_cast<std::size_t>(slots), false);
    for (std::size_t ti = 0; ti < problem.templates.size(); ++ti) {
      const auto& t = problem.templates[ti];
      if (t.group != g.group || t.max_agents == 0) continue;
      for (double s : template_starts(problem, t)) {
        auto [a, b] = slots_of(s, s + t.length, problem.start, slot, slots);
        for (auto k = a; k < b; ++k) {
          // On duty at k unless every placement of some break covers k.
          bool free = true;
          for (const auto& br : t.breaks) {
            bool some_off = false;
            for (double p : break_offsets(t, br)) {
              auto [c, d] = slots_of(s + p, s + p + br.length, problem.start, slot, slots);
              if (k < c || k >= d) some_off = true;
            }
            if (!some_off) free = false;
          }
          if (free) possible[static_cast<std::size_t>(k)] = true;
        }
      }
    }
    for (std::size_t i = 0; i < g.required.size(); ++i) {
      if (g.required[i] <= 0) continue;
      bool ok = true;
      for (auto k = static_cast<std::int64_t>(i) * per_interval; k < static_cast<std::int64_t>(i + 1) * per_interval;
           ++k)
        if (!possible[static_cast<std::size_t>(k)]) ok = false;
      if (!ok)
        out.push_back({g.group, g.name, i, problem.start + problem.interval * static_cast<double>(i), g.required[i]});
    }
  }
  return out;
}

std::vector<IntervalCover> interval_covers(const RosterProblem& problem, const std::vector<RosteredShift>& shifts) {
  const double slot = roster_slot(problem);
  const auto per_interval = static_cast<std::int64_t>(std::llround(problem.interval / slot));
  std::vector<IntervalCover> out;
  for (const auto& g : problem.groups) {
    const auto duty = on_duty_per_slot(problem, shifts, g.group, slot);
    for (std::size_t i = 0; i < g.required.size(); ++i) {
      int least = std::numeric_limits<int>::max();
      for (auto k = static_cast<std::int64_t>(i) * per_interval; k < static_cast<std::int64_t>(i + 1) * per_interval;
           ++k)
        least = std::min(least, duty[static_cast<std::size_t>(k)]);
      out.push_back({g.group, i, g.required[i], least});
    }
  }
  return out;
}

RosterResult solve_roster(const RosterProblem& problem) {
  RosterResult result;
  const double slot = roster_slot(problem);
  result.slot = slot;
  const auto per_interval = static_cast<std::int64_t>(std::llround(problem.interval / slot));
  const std::int64_t slots = per_interval * static_cast<std::int64_t>(interval_count(problem));

  CbcModel model(Cbc_newModel());
  Cbc_Model* m = model.get();
  Cbc_setLogLevel(m, 0);
  Cbc_setMaximumSeconds(m, problem.time_limit);
  Cbc_setAllowableFractionGap(m, 1e-6);

  // Coverage rows, indexed [group position][slot], filled while adding columns.
  struct Row {
    std::vector<int> cols;
    std::vector<double> coefs;
  };
  std::vector<std::vector<Row>> cover(problem.groups.size(), std::vector<Row>(static_cast<std::size_t>(slots)));
  auto group_position = [&](std::size_t group) -> std::ptrdiff_t {
    for (std::size_t i = 0; i < problem.groups.size(); ++i)
      if (problem.groups[i].group == group) return static_cast<std::ptrdiff_t>(i);
    return -1;
  };

  struct XCol {
    std::size_t t;
    double start;
    int col;
    std::vector<std::vector<std::pair<double, int>>> breaks;  ///< per break: (offset, column)
  };
  std::vector<XCol> xs;
  std::vector<std::vector<int>> per_template(problem.templates.size());
  std::vector<std::pair<int, std::vector<int>>> link;  // x column, y columns of one break
  int columns = 0;
  for (std::size_t ti = 0; ti < problem.templates.size(); ++ti) {
    const auto& t = problem.templates[ti];
    const auto gp = group_position(t.group);
    const double cost = t.cost_per_paid_hour * t.paid_seconds() / 3600.0;
    for (double s : template_starts(problem, t)) {
      XCol x{ti, s, columns++, {}};
      Cbc_addCol(m, "", 0, kUnbounded, cost, 1, 0, nullptr, nullptr);
      per_template[ti].push_back(x.col);
      if (gp >= 0) {
        auto [a, b] = slots_of(s, s + t.length, problem.start, slot, slots);
        for (auto k = a; k < b; ++k) {
          auto& row = cover[static_cast<std::size_t>(gp)][static_cast<std::size_t>(k)];
          row.cols.push_back(x.col);
          row.coefs.push_back(1);
        }
      }
      for (const auto& br : t.breaks) {
        std::vector<std::pair<double, int>> placements;
        std::vector<int> ycols;
        for (double p : break_offsets(t, br)) {
          const int y = columns++;
          Cbc_addCol(m, "", 0, kUnbounded, 0, 1, 0, nullptr, nullptr);
          placements.emplace_back(p, y);
          ycols.push_back(y);
          if (gp < 0) continue;
          auto [c, d] = slots_of(s + p, s + p + br.length, problem.start, slot, slots);
          for (auto k = c; k < d; ++k) {
            auto& row = cover[static_cast<std::size_t>(gp)][static_cast<std::size_t>(k)];
            row.cols.push_back(y);
            row.coefs.push_back(-1);
          }
        }
        if (ycols.empty())
          throw std::invalid_argument("a break of template '" + t.name + "' has no placement inside the shift");
        link.emplace_back(x.col, std::move(ycols));
        x.breaks.push_back(std::move(placements));
      }
      xs.push_back(std::move(x));
    }
  }
  int rows = 0;
  for (const auto& [x, ys] : link) {
    std::vector<int> cols(ys);
    std::vector<double> coefs(ys.size(), 1.0);
    cols.push_back(x);
    coefs.push_back(-1.0);
    Cbc_addRow(m, "", static_cast<int>(cols.size()), cols.data(), coefs.data(), 'E', 0);
    ++rows;
  }
  for (std::size_t gi = 0; gi < problem.groups.size(); ++gi) {
    const auto& req = problem.groups[gi].required;
    for (std::int64_t k = 0; k < slots; ++k) {
      const auto i = static_cast<std::size_t>(k / per_interval);
      const int need = i < req.size() ? req[i] : 0;
      if (need <= 0) continue;
      auto& row = cover[gi][static_cast<std::size_t>(k)];
      Cbc_addRow(m, "", static_cast<int>(row.cols.size()), row.cols.data(), row.coefs.data(), 'G', need);
      ++rows;
    }
  }
  for (std::size_t ti = 0; ti < problem.templates.size(); ++ti) {
    const auto& t = problem.templates[ti];
    auto& cols = per_template[ti];
    std::vector<double> ones(cols.size(), 1.0);
    if (t.min_agents > 0) {
      Cbc_addRow(m, "", static_cast<int>(cols.size()), cols.data(), ones.data(), 'G', t.min_agents);
      ++rows;
    }
    if (t.max_agents >= 0) {
      Cbc_addRow(m, "", static_cast<int>(cols.size()), cols.data(), ones.data(), 'L', t.max_agents);
      ++rows;
    }
  }
  result.variables = static_cast<std::size_t>(columns);
  result.constraints = static_cast<std::size_t>(rows);

  // The LP relaxation on a copy (CBC's models are single-solve objects).
  {
    CbcModel lp(Cbc_clone(m));
    for (int c = 0; c < columns; ++c) Cbc_setContinuous(lp.get(), c);
    Cbc_solve(lp.get());
    result.lp_relaxation = Cbc_isProvenOptimal(lp.get()) ? Cbc_getObjValue(lp.get()) : 0.0;
  }

  const auto began = std::chrono::steady_clock::now();
  Cbc_solve(m);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  const double* solution = Cbc_bestSolution(m);
  result.found = solution != nullptr;
  result.optimal = result.found && Cbc_isProvenOptimal(m) != 0;
  result.lower_bound = std::max(result.lp_relaxation, Cbc_getBestPossibleObjValue(m));
  if (!result.found) return result;

  auto value = [&](int col) { return static_cast<int>(std::llround(solution[col])); };
  for (const auto& x : xs) {
    const int agents = value(x.col);
    if (agents <= 0) continue;
    RosteredShift shift{x.t, x.start, agents, {}};
    for (std::size_t b = 0; b < x.breaks.size(); ++b)
      for (const auto& [offset, col] : x.breaks[b])
        if (value(col) > 0) shift.breaks.push_back({b, offset, value(col)});
    const auto& t = problem.templates[x.t];
    result.cost += t.cost_per_paid_hour * t.paid_seconds() / 3600.0 * agents;
    result.paid_hours += t.paid_seconds() / 3600.0 * agents;
    result.shifts.push_back(std::move(shift));
  }
  if (result.optimal) result.lower_bound = std::min(result.lower_bound, result.cost);
  result.gap = result.cost > 0 ? std::max(0.0, (result.cost - result.lower_bound) / result.cost) : 0.0;

  result.intervals = interval_covers(problem, result.shifts);
  return result;
}

}  // namespace callsim::plan
