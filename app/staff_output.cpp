#include "app/staff_output.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analysis/erlang_staffing.hpp"
#include "app/target_option.hpp"
#include "report/json_report.hpp"
#include "scenarios/clock_time.hpp"

namespace callsim::app {

namespace {

using report::json_number;
using report::json_string;

std::string fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "-";
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

bool is_fraction(const analysis::StaffingTarget& t) {
  const analysis::ErlangKpi* kpi = analysis::find_erlang_kpi(t.kpi);
  return kpi && kpi->unit == std::string_view("fraction");
}

/// "83.1 ± 2.4%" or "12.3 ± 1.1 s": a KPI's mean and its one-sided margin.
std::string kpi_cell(const analysis::StaffingTarget& t, const plan::TargetCheck& c) {
  if (c.n == 0) return "no calls";
  const double k = is_fraction(t) ? 100 : 1;
  const std::string unit = is_fraction(t) ? "%" : (t.kpi == "asa" || t.kpi == "awt" ? " s" : "");
  std::string text = fixed(k * c.mean, 1) + " ± " + fixed(k * c.half_width, 1) + unit;
  if (!c.meets) text += " MISS";
  return text;
}

std::string interval_label(const scenarios::LoadedScenario& scenario, std::size_t i, bool show_day) {
  const models::TimeSpec& time = scenario.spec.time;
  return scenarios::format_clock(
      time.clock_start.seconds() + time.warmup.seconds() + static_cast<double>(i) * time.interval.seconds(), show_day);
}

bool shows_day(const scenarios::LoadedScenario& scenario) {
  const models::TimeSpec& time = scenario.spec.time;
  return time.clock_start.seconds() + time.warmup.seconds() + time.duration.seconds() > 86400;
}

std::string pad(const std::string& text, std::size_t width, bool right) {
  if (text.size() >= width) return text;
  const std::string fill(width - text.size(), ' ');
  return right ? fill + text : text + fill;
}

}  // namespace

StaffTotals staff_totals(const scenarios::LoadedScenario& scenario, const plan::StaffingSearchResult& result,
                         const StaffOutputOptions& options) {
  const double length = scenario.spec.time.interval.seconds();
  StaffTotals t;
  t.agent_hours = result.plan.agent_hours(length);
  for (const int n : result.erlang_pooled) t.erlang_agent_hours += std::max(n, 0) * length / 3600;
  t.paid_hours = t.agent_hours / (1 - options.shrinkage);
  // Days the counted period touches (a 6-hour day is one day of one shift per agent).
  t.days = std::max(1.0, std::ceil(scenario.spec.time.duration.seconds() / 86400 - 1e-9));
  t.fte = t.paid_hours / (options.fte_hours * t.days);
  return t;
}

void print_staff_table(std::ostream& out, const scenarios::LoadedScenario& scenario,
                       const plan::StaffingSearchSettings& search, const plan::StaffingSearchResult& result,
                       const StaffOutputOptions& options) {
  const bool per_day = search.scope == plan::StaffingSearchSettings::Scope::DAY;
  const bool erlang = search.method == plan::StaffingSearchSettings::Method::ERLANG;
  std::string targets;
  for (const auto& t : search.targets) targets += (targets.empty() ? "" : ", ") + describe_target(t);
  out << scenario.spec.name << ": " << targets << (per_day ? " over the day" : " in every interval") << ", by "
      << (erlang ? "period-by-period Erlang" : "simulation") << " (" << fixed(100 * search.confidence, 0)
      << "% one-sided confidence, " << result.replications << " replications, seed " << search.seed << ")\n\n";

  const bool show_day = shows_day(scenario);
  const std::size_t groups = result.plan.groups;
  std::vector<std::string> header{"interval", "calls", "load", "Erlang"};
  for (const std::string& g : result.run.agent_groups) header.push_back(groups > 1 ? g : "agents");
  if (groups > 1) header.push_back("total");
  for (const auto& t : search.targets) header.push_back(t.kpi);
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < result.plan.intervals; ++i) {
    std::vector<std::string> row{interval_label(scenario, i, show_day), fixed(result.offered[i], 1),
                                 fixed(result.load[i], 1),
                                 result.erlang_pooled[i] < 0 ? "-" : std::to_string(result.erlang_pooled[i])};
    for (std::size_t g = 0; g < groups; ++g) row.push_back(std::to_string(result.plan.at(i, g)));
    if (groups > 1) row.push_back(std::to_string(result.plan.interval_total(i)));
    for (std::size_t t = 0; t < search.targets.size(); ++t)
      row.push_back(kpi_cell(search.targets[t], result.checks[t][i]));
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = header[c].size();
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text = " ";
    for (std::size_t c = 0; c < cells.size(); ++c) text += " " + pad(cells[c], width[c], c > 0);
    out << text << "\n";
  };
  line(header);
  for (const auto& row : rows) line(row);

  out << "\n  the day:";
  for (std::size_t t = 0; t < search.targets.size(); ++t)
    out << " " << search.targets[t].kpi << " " << kpi_cell(search.targets[t], result.checks[t].back());
  const StaffTotals totals = staff_totals(scenario, result, options);
  out << "\n  agent-hours on duty: " << fixed(totals.agent_hours, 1) << " (pooled Erlang requirement "
      << fixed(totals.erlang_agent_hours, 1) << ")\n";
  out << "  paid hours after " << fixed(100 * options.shrinkage, 0) << "% shrinkage: " << fixed(totals.paid_hours, 1)
      << " = " << fixed(totals.fte, 1) << " FTE of " << fixed(options.fte_hours, 1) << " h a day\n";
  if (!result.met) {
    out << "  NOT MET in " << result.missed.size() << " interval(s):";
    for (std::size_t k = 0; k < result.missed.size() && k < 10; ++k)
      out << " " << interval_label(scenario, result.missed[k], show_day);
    out << (result.missed.size() > 10 ? " ..." : "") << "\n";
  }
  if (!result.settled)
    out << "  the search stopped at --max-evaluations: the staffing meets the targets, with perhaps more agents "
           "than needed\n";
  out << "  " << result.evaluations << " simulation(s), " << fixed(static_cast<double>(result.calls_simulated) / 1e6, 2)
      << " M calls, " << fixed(options.seconds, 1) << " s on " << options.threads << " thread(s)\n";
  if (!options.out_path.empty())
    out << "  wrote " << options.out_path << ": give each agent group `staffing: " << options.out_path
        << "` (and no count or shifts) to run it\n";
}

void print_staff_json(std::ostream& out, const scenarios::LoadedScenario& scenario,
                      const plan::StaffingSearchSettings& search, const plan::StaffingSearchResult& result,
                      const StaffOutputOptions& options) {
  const bool show_day = shows_day(scenario);
  auto checks_json = [&](std::size_t i) {
    std::string text = "{";
    for (std::size_t t = 0; t < search.targets.size(); ++t) {
      const plan::TargetCheck& c = result.checks[t][i];
      text += std::string(t ? ", " : "") + json_string(search.targets[t].kpi) +
              ": {\"mean\": " + json_number(c.n ? c.mean : std::nan("")) +
              ", \"margin\": " + json_number(c.half_width) +
              ", \"bound\": " + json_number(c.n ? c.bound(search.targets[t].direction) : std::nan("")) +
              ", \"n\": " + std::to_string(c.n) + ", \"meets\": " + (c.meets ? "true" : "false") + "}";
    }
    return text + "}";
  };
  out << "{\"scenario\": " << json_string(scenario.spec.name) << ", \"method\": "
      << json_string(search.method == plan::StaffingSearchSettings::Method::ERLANG ? "erlang" : "simulation")
      << ", \"per\": " << json_string(search.scope == plan::StaffingSearchSettings::Scope::DAY ? "day" : "interval")
      << ", \"confidence\": " << json_number(search.confidence) << ", \"replications\": " << result.replications
      << ", \"seed\": " << search.seed << ", \"targets\": [";
  for (std::size_t t = 0; t < search.targets.size(); ++t) {
    const auto& target = search.targets[t];
    out << (t ? ", " : "") << "{\"kpi\": " << json_string(target.kpi) << ", \"direction\": "
        << json_string(target.direction == analysis::StaffingTarget::Direction::AT_LEAST ? "at_least" : "at_most")
        << ", \"value\": " << json_number(target.value) << "}";
  }
  out << "], \"groups\": [";
  for (std::size_t g = 0; g < result.run.agent_groups.size(); ++g)
    out << (g ? ", " : "") << json_string(result.run.agent_groups[g]);
  out << "], \"intervals\": [";
  for (std::size_t i = 0; i < result.plan.intervals; ++i) {
    out << (i ? ", " : "") << "{\"start\": " << json_string(interval_label(scenario, i, show_day))
        << ", \"offered\": " << json_number(result.offered[i]) << ", \"load\": " << json_number(result.load[i])
        << ", \"erlang\": "
        << (result.erlang_pooled[i] < 0 ? std::string("null") : std::to_string(result.erlang_pooled[i]))
        << ", \"erlang_groups\": [";
    for (std::size_t g = 0; g < result.erlang.groups; ++g) out << (g ? ", " : "") << result.erlang.at(i, g);
    out << "], \"agents\": [";
    for (std::size_t g = 0; g < result.plan.groups; ++g) out << (g ? ", " : "") << result.plan.at(i, g);
    out << "], \"kpis\": " << checks_json(i) << "}";
  }
  const StaffTotals totals = staff_totals(scenario, result, options);
  out << "], \"day\": " << checks_json(result.plan.intervals)
      << ", \"agent_hours\": " << json_number(totals.agent_hours)
      << ", \"erlang_agent_hours\": " << json_number(totals.erlang_agent_hours)
      << ", \"shrinkage\": " << json_number(options.shrinkage) << ", \"paid_hours\": " << json_number(totals.paid_hours)
      << ", \"fte_hours\": " << json_number(options.fte_hours) << ", \"fte\": " << json_number(totals.fte)
      << ", \"met\": " << (result.met ? "true" : "false") << ", \"settled\": " << (result.settled ? "true" : "false")
      << ", \"missed\": [";
  for (std::size_t k = 0; k < result.missed.size(); ++k)
    out << (k ? ", " : "") << json_string(interval_label(scenario, result.missed[k], show_day));
  out << "], \"evaluations\": " << result.evaluations << ", \"calls_simulated\": " << result.calls_simulated
      << ", \"seconds\": " << json_number(options.seconds)
      << ", \"out\": " << (options.out_path.empty() ? std::string("null") : json_string(options.out_path)) << "}\n";
}

}  // namespace callsim::app
