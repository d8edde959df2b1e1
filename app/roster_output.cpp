#include "app/roster_output.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "app/target_option.hpp"
#include "report/json_report.hpp"
#include "scenarios/clock_time.hpp"

namespace callsim::app {

namespace {

using report::json_number;
using report::json_string;

std::string clock_text(const RosterReport& r, double seconds) { return scenarios::format_clock(seconds, r.weekly); }

std::string group_name(const plan::RosterProblem& problem, std::size_t group) {
  for (const auto& g : problem.groups)
    if (g.group == group) return g.name;
  return "";
}

std::size_t simulated_intervals(const RosterReport& r) {
  return r.repair && !r.repair->checks.empty() ? r.repair->checks.front().size() - 1 : 0;
}

/// Mean agents on duty over the replications in simulated interval i, all groups.
double on_duty(const RosterReport& r, std::size_t i) {
  const auto& reps = r.repair->run.replications;
  if (reps.empty() || !(r.interval > 0)) return 0;
  const std::size_t groups = r.repair->run.agent_groups.size();
  double staffed = 0;
  for (const auto& rep : reps)
    for (std::size_t g = 0; g < groups; ++g) staffed += rep.interval_groups[i * groups + g].staffed_time;
  return staffed / (static_cast<double>(reps.size()) * r.interval);
}

/// Required agents (all rostered groups) in the requirement interval holding clock `at`; -1 outside.
int required_at(const plan::RosterProblem& p, double at) {
  const double k = std::floor((at - p.start) / p.interval);
  if (k < 0) return -1;
  int sum = 0;
  bool any = false;
  for (const auto& g : p.groups) {
    if (k >= static_cast<double>(g.required.size())) continue;
    sum += g.required[static_cast<std::size_t>(k)];
    any = true;
  }
  return any ? sum : -1;
}

/// A KPI value in its unit for the console: "81.2%", "14.3 s".
std::string kpi_text(const analysis::StaffingTarget& t, double value) {
  if (!std::isfinite(value)) return "-";
  const auto* kpi = analysis::find_erlang_kpi(t.kpi);
  char text[32];
  if (kpi && kpi->unit == "fraction")
    std::snprintf(text, sizeof text, "%.1f%%", value * 100);
  else if (kpi && kpi->unit == "s")
    std::snprintf(text, sizeof text, "%.1f s", value);
  else
    std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

}  // namespace

const std::vector<plan::RosteredShift>& answer_shifts(const RosterReport& report) {
  return report.repair ? report.repair->shifts : report.mip->shifts;
}

void print_roster_table(std::ostream& o, const RosterReport& r) {
  const auto& problem = *r.problem;
  const auto& mip = *r.mip;
  o << "roster (MIP): " << mip.shifts.size() << " shift starts, cost " << mip.cost << ", lower bound "
    << mip.lower_bound << ", gap " << mip.gap * 100 << "%" << (mip.optimal ? " (optimal)" : " (time limit: best found)")
    << ", " << mip.paid_hours << " agent-hours paid, solved in " << mip.seconds << " s\n";
  if (r.shrinkage > 0)
    o << "shrinkage " << r.shrinkage * 100 << "%: each interval rostered for its requirement / (1 - shrinkage)\n";
  if (const auto* rep = r.repair) {
    const std::size_t intervals = simulated_intervals(r);
    o << "simulated (" << rep->replications << " replications per simulation, confidence " << r.confidence
      << "): the MIP roster meets the targets in " << intervals - rep->initial_missed.size() << " of " << intervals
      << " intervals; repair added " << rep->added << " agents, trim took off " << rep->removed << "; "
      << rep->evaluations << " simulations\n";
    o << "roster (simulated): cost " << rep->cost << " (" << (rep->cost / mip.cost - 1) * 100 << "% over the MIP, "
      << (mip.lower_bound > 0 ? (rep->cost / mip.lower_bound - 1) * 100 : 0.0) << "% over its lower bound), "
      << rep->paid_hours << " agent-hours paid; " << (rep->met ? "meets" : "MISSES") << " the targets in "
      << intervals - rep->missed.size() << " of " << intervals << " intervals\n";
  }
  o << "\ntemplate          group             start    agents  breaks\n";
  for (const auto& s : answer_shifts(r)) {
    const auto& t = problem.templates[s.template_index];
    char line[160];
    std::snprintf(line, sizeof line, "%-17s %-17s %-8s %6d  ", t.name.c_str(), t.group_name.c_str(),
                  clock_text(r, s.start).c_str(), s.agents);
    o << line;
    for (std::size_t b = 0; b < s.breaks.size(); ++b)
      o << (b ? ", " : "") << s.breaks[b].agents << "@" << clock_text(r, s.start + s.breaks[b].offset);
    o << "\n";
  }
  if (!r.repair) {
    o << "\ngroup             interval  required  rostered\n";
    for (const auto& c : plan::interval_covers(problem, answer_shifts(r))) {
      char line[160];
      std::snprintf(line, sizeof line, "%-17s %-8s %9d %9d\n", group_name(problem, c.group).c_str(),
                    clock_text(r, problem.start + problem.interval * static_cast<double>(c.interval)).c_str(),
                    c.required, c.rostered);
      o << line;
    }
    return;
  }
  const auto& target = r.targets.front();
  o << "\ninterval  required  on duty  " << describe_target(target) << " (mean +/- half width)  meets\n";
  for (std::size_t i = 0; i < simulated_intervals(r); ++i) {
    const double at = r.counted_begin + r.interval * static_cast<double>(i);
    const int required = required_at(problem, at);
    bool meets = true;
    for (const auto& checks : r.repair->checks) meets = meets && checks[i].meets;
    const auto& c = r.repair->checks.front()[i];
    char line[200];
    std::snprintf(line, sizeof line, "%-8s %9s %8.1f  %12s %-10s  %s\n", clock_text(r, at).c_str(),
                  required < 0 ? "-" : std::to_string(required).c_str(), on_duty(r, i),
                  kpi_text(target, c.mean).c_str(), c.n ? ("+/- " + kpi_text(target, c.half_width)).c_str() : "",
                  c.n == 0 ? "no calls" : (meets ? "yes" : "NO"));
    o << line;
  }
}

void print_roster_json(std::ostream& o, const RosterReport& r) {
  const auto& problem = *r.problem;
  const auto& mip = *r.mip;
  const auto& shifts = answer_shifts(r);
  const double cost = r.repair ? r.repair->cost : mip.cost;
  std::string out = "{\"cost\": " + json_number(cost) + ", \"lower_bound\": " + json_number(mip.lower_bound) +
                    ", \"lp_relaxation\": " + json_number(mip.lp_relaxation) +
                    ", \"gap\": " + json_number(cost > 0 ? std::max(0.0, (cost - mip.lower_bound) / cost) : 0.0) +
                    ", \"mip_cost\": " + json_number(mip.cost) + ", \"mip_gap\": " + json_number(mip.gap) +
                    ", \"optimal\": " + (mip.optimal ? "true" : "false") +
                    ", \"paid_hours\": " + json_number(r.repair ? r.repair->paid_hours : mip.paid_hours) +
                    ", \"shrinkage\": " + json_number(r.shrinkage) +
                    ", \"solve_seconds\": " + json_number(mip.seconds) + ", \"seconds\": " + json_number(r.seconds) +
                    ", \"slot_seconds\": " + json_number(mip.slot);
  if (const auto* rep = r.repair) {
    const std::size_t intervals = simulated_intervals(r);
    out += ",\n \"simulation\": {\"met\": " + std::string(rep->met ? "true" : "false") +
           ", \"intervals\": " + std::to_string(intervals) +
           ", \"intervals_meeting\": " + std::to_string(intervals - rep->missed.size()) +
           ", \"mip_intervals_meeting\": " + std::to_string(intervals - rep->initial_missed.size()) +
           ", \"added\": " + std::to_string(rep->added) + ", \"removed\": " + std::to_string(rep->removed) +
           ", \"simulations\": " + std::to_string(rep->evaluations) +
           ", \"replications\": " + std::to_string(rep->replications) +
           ", \"confidence\": " + json_number(r.confidence) + ", \"targets\": [";
    for (std::size_t k = 0; k < r.targets.size(); ++k)
      out += std::string(k ? ", " : "") + json_string(describe_target(r.targets[k]));
    out += "], \"per_interval\": [";
    for (std::size_t i = 0; i < intervals; ++i) {
      const double at = r.counted_begin + r.interval * static_cast<double>(i);
      bool meets = true;
      std::string kpis;
      for (std::size_t k = 0; k < r.targets.size(); ++k) {
        const auto& c = rep->checks[k][i];
        meets = meets && c.meets;
        kpis += std::string(k ? ", " : "") + json_string(r.targets[k].kpi) +
                ": {\"mean\": " + (c.n ? json_number(c.mean) : "null") +
                ", \"half_width\": " + json_number(c.half_width) + "}";
      }
      const int required = required_at(problem, at);
      out += std::string(i ? ",\n  " : "\n  ") + "{\"interval_start\": " + json_string(clock_text(r, at)) +
             ", \"required\": " + (required < 0 ? "null" : std::to_string(required)) +
             ", \"on_duty\": " + json_number(on_duty(r, i)) + ", \"kpis\": {" + kpis +
             "}, \"meets\": " + (meets ? "true" : "false") + "}";
    }
    out += "]}";
  }
  out += ",\n \"shifts\": [";
  for (std::size_t i = 0; i < shifts.size(); ++i) {
    const auto& s = shifts[i];
    const auto& t = problem.templates[s.template_index];
    out += std::string(i ? ",\n  " : "\n  ") + "{\"template\": " + json_string(t.name) +
           ", \"group\": " + json_string(t.group_name) + ", \"start\": " + json_string(clock_text(r, s.start)) +
           ", \"agents\": " + std::to_string(s.agents) + ", \"breaks\": [";
    for (std::size_t b = 0; b < s.breaks.size(); ++b)
      out += std::string(b ? ", " : "") + "{\"break\": " + std::to_string(s.breaks[b].break_index) +
             ", \"start\": " + json_string(clock_text(r, s.start + s.breaks[b].offset)) +
             ", \"agents\": " + std::to_string(s.breaks[b].agents) + "}";
    out += "]}";
  }
  out += "],\n \"intervals\": [";
  const auto covers = plan::interval_covers(problem, shifts);
  for (std::size_t i = 0; i < covers.size(); ++i) {
    const auto& c = covers[i];
    out += std::string(i ? ",\n  " : "\n  ") + "{\"group\": " + json_string(group_name(problem, c.group));
    out += ", \"interval_start\": " +
           json_string(clock_text(r, problem.start + problem.interval * static_cast<double>(c.interval))) +
           ", \"required\": " + std::to_string(c.required) + ", \"rostered\": " + std::to_string(c.rostered) + "}";
  }
  out += "]}\n";
  o << out;
}

}  // namespace callsim::app
