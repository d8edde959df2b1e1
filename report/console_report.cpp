#include "report/console_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include "run/experiment.hpp"

namespace callsim::report {

std::string format_kpi_value(double v, std::string_view unit) {
  if (std::isnan(v)) return "n/a";
  char buf[64];
  if (unit == "fraction") {
    std::snprintf(buf, sizeof buf, "%.2f%%", 100 * v);
  } else if (unit == "s") {
    std::snprintf(buf, sizeof buf, "%.2f s", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", v);
  }
  return buf;
}

bool table_shows_kpi(const std::vector<analysis::KpiSummary>& summary, std::size_t k) {
  if (k >= summary.size()) return false;
  if (k < 11) return true;
  const double mean = summary[k].mean;
  if (mean == 0 || std::isnan(mean)) return false;
  if (summary[k].kpi == "service_level_end_to_end" || summary[k].kpi == "asa_end_to_end") {
    const std::size_t retrials = analysis::kpi_index("retrials");
    return retrials < summary.size() && summary[retrials].mean > 0;
  }
  return true;
}

namespace {

std::string with_ci(const analysis::KpiSummary& s, std::string_view unit) {
  return format_kpi_value(s.mean, unit) + " +/- " + format_kpi_value(s.ci95, unit);
}

}  // namespace

void print_breakdown(std::ostream& out, const analysis::RunResult& run) {
  char line[256];
  const std::size_t types = run.call_types.size();
  std::snprintf(line, sizeof line, "\n%-16s %12s %22s %22s %22s\n", "call type", "offered", "service_level", "asa",
                "abandon_rate");
  out << line;
  for (std::size_t k = 0; k < types; ++k) {
    const auto s = analysis::summarize_call_type(run.replications, k, types);
    const auto of = [&](std::string_view kpi) -> const analysis::KpiSummary& { return s[analysis::kpi_index(kpi)]; };
    std::snprintf(line, sizeof line, "%-16.16s %12s %22s %22s %22s\n", run.call_types[k].c_str(),
                  format_kpi_value(of("offered").mean, "calls").c_str(),
                  with_ci(of("service_level"), "fraction").c_str(), with_ci(of("asa"), "s").c_str(),
                  with_ci(of("abandon_rate"), "fraction").c_str());
    out << line;
  }
  std::snprintf(line, sizeof line, "\n%-16s %22s %12s %22s\n", "agent group", "occupancy", "handled", "aht");
  out << line;
  for (std::size_t g = 0; g < run.agent_groups.size(); ++g) {
    const analysis::GroupSummary s = analysis::summarize_group(run.replications, g);
    std::snprintf(line, sizeof line, "%-16.16s %22s %12s %22s\n", run.agent_groups[g].c_str(),
                  with_ci(s.occupancy, "fraction").c_str(), format_kpi_value(s.handled.mean, "calls").c_str(),
                  with_ci(s.aht, "s").c_str());
    out << line;
  }
}

bool use_color(bool stdout_is_tty, const char* no_color) {
  return stdout_is_tty && (no_color == nullptr || no_color[0] == '\0');
}

std::string paint(const std::string& text, const char* code, const ConsoleStyle& style) {
  return style.color ? "\033[" + std::string(code) + "m" + text + "\033[0m" : text;
}

void print_summary_table(std::ostream& out, const analysis::RunResult& run, const std::vector<double>* exact,
                         std::string_view exact_label, const ConsoleStyle& style) {
  const auto definitions = analysis::kpi_definitions();
  struct Row {
    std::string kpi, mean, ci, n, exact;
    const char* color = nullptr;
  };
  std::vector<Row> rows;
  for (std::size_t k = 0; k < run.summary.size() && k < definitions.size(); ++k) {
    const analysis::KpiSummary& s = run.summary[k];
    const std::string_view unit = definitions[k].unit;
    if (!table_shows_kpi(run.summary, k)) continue;
    Row row{s.kpi, format_kpi_value(s.mean, unit), format_kpi_value(s.ci95, unit), std::to_string(s.n), "", nullptr};
    if (exact && k < exact->size()) row.exact = format_kpi_value((*exact)[k], unit);
    if (s.kpi == "service_level" && !std::isnan(s.mean)) {
      const double ci = std::isnan(s.ci95) ? 0 : s.ci95;
      row.color = s.mean - ci >= style.sl_target ? "32" : (s.mean + ci < style.sl_target ? "31" : "33");
    }
    rows.push_back(std::move(row));
  }
  Row head{"KPI", "mean", "+/- 95% CI", "n", exact ? std::string(exact_label) : "", nullptr};
  std::size_t w[5] = {head.kpi.size(), head.mean.size(), head.ci.size(), head.n.size(), head.exact.size()};
  for (const Row& r : rows) {
    w[0] = std::max(w[0], r.kpi.size());
    w[1] = std::max(w[1], r.mean.size());
    w[2] = std::max(w[2], r.ci.size());
    w[3] = std::max(w[3], r.n.size());
    w[4] = std::max(w[4], r.exact.size());
  }
  // Padding is computed on the plain text, then the colour codes wrap the padded cell, so
  // coloured and plain tables line up the same.
  const auto left = [](const std::string& t, std::size_t width) { return t + std::string(width - t.size(), ' '); };
  const auto right = [](const std::string& t, std::size_t width) { return std::string(width - t.size(), ' ') + t; };
  const auto line = [&](const Row& r, bool bold) {
    std::string text = left(r.kpi, w[0]) + "  ";
    const std::string mean = right(r.mean, w[1]);
    text += r.color ? paint(mean, r.color, style) : mean;
    text += "  " + right(r.ci, w[2]) + "  " + right(r.n, w[3]);
    if (exact) text += "  " + right(r.exact, w[4]);
    out << (bold ? paint(text, "1", style) : text) << "\n";
  };
  line(head, true);
  for (const Row& r : rows) line(r, false);
}

}  // namespace callsim::report
