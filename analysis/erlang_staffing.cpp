#include "analysis/erlang_staffing.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace callsim::analysis {

namespace {

using Direction = StaffingTarget::Direction;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The names are those of analysis/kpi.hpp (tests check find_kpi() knows each one but
// mean_queue_length, which the simulation does not tally).
constexpr std::array<ErlangKpi, 9> kKpis{{
    {"service_level", Direction::AT_LEAST, "fraction", &ErlangResult::service_level},
    {"service_level_answered", Direction::AT_LEAST, "fraction", &ErlangResult::service_level_answered},
    {"service_level_offered", Direction::AT_LEAST, "fraction", &ErlangResult::service_level_offered},
    {"p_wait", Direction::AT_MOST, "fraction", &ErlangResult::p_wait},
    {"asa", Direction::AT_MOST, "s", &ErlangResult::asa},
    {"awt", Direction::AT_MOST, "s", &ErlangResult::awt},
    {"abandon_rate", Direction::AT_MOST, "fraction", &ErlangResult::abandon_rate},
    {"occupancy", Direction::AT_MOST, "fraction", &ErlangResult::occupancy},
    {"mean_queue_length", Direction::AT_MOST, "calls", &ErlangResult::mean_queue_length},
}};

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

/// Why no finite staffing meets `t` exactly, or nullopt. Such targets must be caught before
/// the search: far enough above the load a waiting figure underflows to exactly 0 (and a
/// service level rounds to exactly 1), so a search would "meet" them by rounding.
std::optional<std::string> never_met(const StaffingTarget& t, bool with_patience) {
  const std::string_view k = t.kpi;
  if (t.direction == Direction::AT_LEAST && t.value >= 1) {
    return "no number of agents gives a " + t.kpi +
           " of 100 %: with random arrivals some calls always wait longer than the threshold";
  }
  if (t.direction == Direction::AT_MOST && t.value <= 0) {
    if (k == "abandon_rate") {
      if (!with_patience) return std::nullopt;  // Erlang C: nobody ever abandons
      return std::string(
          "no number of agents gives an abandon_rate of 0: with a patience, some callers always hang up");
    }
    if (k == "occupancy") return std::string("no number of agents gives an occupancy of 0 while calls arrive");
    return "no number of agents gives a " + t.kpi + " of 0: with random arrivals some calls always wait";
  }
  return std::nullopt;
}

ErlangResult no_calls() {
  ErlangResult r;
  r.offered_load = 0;
  r.p_wait = r.service_level = r.service_level_answered = r.service_level_offered = kNaN;
  r.asa = r.awt = r.abandon_rate = r.occupancy = r.mean_queue_length = kNaN;
  return r;
}

}  // namespace

std::span<const ErlangKpi> erlang_kpis() { return kKpis; }

const ErlangKpi* find_erlang_kpi(std::string_view name) {
  for (const ErlangKpi& k : kKpis)
    if (k.name == name) return &k;
  return nullptr;
}

std::string erlang_kpi_names() {
  std::string out;
  for (const ErlangKpi& k : kKpis) {
    if (!out.empty()) out += ", ";
    out += k.name;
  }
  return out;
}

std::optional<std::string> target_problem(const StaffingTarget& target) {
  const ErlangKpi* k = find_erlang_kpi(target.kpi);
  if (!k) return "unknown KPI '" + target.kpi + "'; valid KPIs are: " + erlang_kpi_names();
  if (target.direction != k->direction) {
    return k->direction == Direction::AT_LEAST
               ? "'" + target.kpi + "' takes a lower bound (" + target.kpi +
                     ">=X): more agents raise it, so an upper bound is met by too few agents"
               : "'" + target.kpi + "' takes an upper bound (" + target.kpi +
                     "<=X): more agents lower it, so a lower bound is met by too few agents";
  }
  if (k->unit == std::string_view("fraction")) {
    if (!(target.value >= 0 && target.value <= 1)) {
      return "'" + target.kpi + "' is a fraction: the value must be from 0 to 1 (0% to 100%), got " +
             number(target.value);
    }
  } else if (!(target.value >= 0 && std::isfinite(target.value))) {
    return "'" + target.kpi + "' must be bounded by a finite value of 0 " + std::string(k->unit) + " or more, got " +
           number(target.value);
  }
  return std::nullopt;
}

bool meets(const StaffingTarget& target, double kpi_value) {
  if (std::isnan(kpi_value)) return false;
  return target.direction == Direction::AT_LEAST ? kpi_value >= target.value : kpi_value <= target.value;
}

bool meets_all(std::span<const StaffingTarget> targets, const ErlangResult& result) {
  if (!result.stable) return false;
  for (const StaffingTarget& t : targets) {
    const ErlangKpi* k = find_erlang_kpi(t.kpi);
    if (!k || !meets(t, result.*(k->field))) return false;
  }
  return true;
}

StaffingAnswer agents_for(const ErlangInput& base, std::span<const StaffingTarget> targets, int max_agents) {
  if (targets.empty()) throw std::invalid_argument("agents_for: no staffing target given");
  for (const StaffingTarget& t : targets) {
    if (const auto problem = target_problem(t)) throw std::invalid_argument("agents_for: " + *problem);
  }
  if (max_agents < 1) throw std::invalid_argument("agents_for: the most agents to try must be at least 1");
  StaffingAnswer answer;
  if (base.arrival_rate == 0) {
    // Nothing to compute, but the other inputs must still be valid.
    const auto positive = [](double v) { return std::isfinite(v) && v > 0; };
    if (!positive(base.mean_service) || (base.mean_patience && !positive(*base.mean_patience)) ||
        !(std::isfinite(base.threshold) && base.threshold >= 0)) {
      throw std::invalid_argument("agents_for: mean_service and mean_patience must be positive, threshold >= 0");
    }
    answer.agents = 0;
    answer.figures = no_calls();
    return answer;
  }
  const bool with_patience = base.mean_patience.has_value();
  for (const StaffingTarget& t : targets) {
    if (auto why = never_met(t, with_patience)) {
      answer.reason = std::move(*why);
      return answer;
    }
  }

  ErlangInput in = base;
  const auto figures = [&](int n) {
    in.agents = n;
    return erlang(in);
  };
  in.agents = 1;
  const double load = figures(1).offered_load;  // validates the inputs too
  const std::string cap = "no number of agents up to " + std::to_string(max_agents) + " meets the targets";
  if (!with_patience && !(load < max_agents)) {
    answer.reason = cap + " (" + number(load) +
                    " Erlangs offered, and without abandonment fewer agents than that "
                    "cannot keep up)";
    return answer;
  }

  // Invariant of both searches: `low` fails (0 stands for "fails": there is no N = 0), `high`
  // meets, and `at_high` holds the figures at `high`. The binary search ends with
  // high == low + 1, so N - 1 is known to fail.
  int low = 0, high = 0;
  ErlangResult at_high;
  const int start = static_cast<int>(std::clamp(std::floor(load), 1.0, static_cast<double>(max_agents)));
  ErlangResult r = figures(start);
  if (meets_all(targets, r)) {
    // Erlang A can meet a target below the load (impatient callers leave): search down.
    high = start;
    at_high = r;
    long step = 1;
    for (;;) {
      const long n = static_cast<long>(high) - step;
      if (n < 1) break;  // low stays 0
      r = figures(static_cast<int>(n));
      if (!meets_all(targets, r)) {
        low = static_cast<int>(n);
        break;
      }
      high = static_cast<int>(n);
      at_high = r;
      step *= 2;
    }
  } else {
    low = start;
    long step = 1;
    for (;;) {
      if (low >= max_agents) {
        answer.reason = cap;
        return answer;
      }
      const int n = static_cast<int>(std::min<long>(max_agents, low + step));
      r = figures(n);
      if (meets_all(targets, r)) {
        high = n;
        at_high = r;
        break;
      }
      low = n;
      step *= 2;
    }
  }
  while (high - low > 1) {
    const int mid = low + (high - low) / 2;
    r = figures(mid);
    if (meets_all(targets, r)) {
      high = mid;
      at_high = r;
    } else {
      low = mid;
    }
  }
  answer.agents = high;
  answer.figures = at_high;
  return answer;
}

std::vector<StaffingAnswer> agents_per_interval(std::span<const double> rates, double mean_service,
                                                std::optional<double> mean_patience, double threshold,
                                                std::span<const StaffingTarget> targets, int max_agents) {
  std::vector<StaffingAnswer> out;
  out.reserve(rates.size());
  for (const double rate : rates) {
    out.push_back(agents_for({rate, mean_service, 1, mean_patience, threshold}, targets, max_agents));
  }
  return out;
}

}  // namespace callsim::analysis
