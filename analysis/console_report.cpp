#include "analysis/console_report.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "analysis/experiment.hpp"

namespace callsim::analysis {

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

bool table_shows_kpi(std::size_t k, double mean) { return k < 11 || mean != 0; }

namespace {

std::string with_ci(const KpiSummary& s, std::string_view unit) {
  return format_kpi_value(s.mean, unit) + " +/- " + format_kpi_value(s.ci95, unit);
}

}  // namespace

void print_breakdown(std::ostream& out, const RunResult& run) {
  char line[256];
  const std::size_t types = run.call_types.size();
  std::snprintf(line, sizeof line, "\n%-16s %12s %22s %22s %22s\n", "call type", "offered", "service_level", "asa",
                "abandon_rate");
  out << line;
  for (std::size_t k = 0; k < types; ++k) {
    const auto s = summarize_call_type(run.replications, k, types);
    // Indices follow kpi_definitions(): 0 offered, 3 service_level, 7 asa, 9 abandon_rate.
    std::snprintf(line, sizeof line, "%-16.16s %12s %22s %22s %22s\n", run.call_types[k].c_str(),
                  format_kpi_value(s[0].mean, "calls").c_str(), with_ci(s[3], "fraction").c_str(),
                  with_ci(s[7], "s").c_str(), with_ci(s[9], "fraction").c_str());
    out << line;
  }
  std::snprintf(line, sizeof line, "\n%-16s %22s %12s %22s\n", "agent group", "occupancy", "handled", "aht");
  out << line;
  for (std::size_t g = 0; g < run.agent_groups.size(); ++g) {
    const GroupSummary s = summarize_group(run.replications, g);
    std::snprintf(line, sizeof line, "%-16.16s %22s %12s %22s\n", run.agent_groups[g].c_str(),
                  with_ci(s.occupancy, "fraction").c_str(), format_kpi_value(s.handled.mean, "calls").c_str(),
                  with_ci(s.aht, "s").c_str());
    out << line;
  }
}

void print_summary_table(std::ostream& out, const RunResult& run, const std::vector<double>* exact,
                         std::string_view exact_label) {
  const auto definitions = kpi_definitions();
  char line[256];
  std::snprintf(line, sizeof line, "%-24s %14s   %-12s %6s", "KPI", "mean", "95% CI +/-", "n");
  out << line;
  if (exact) {
    std::snprintf(line, sizeof line, "   %14.*s", static_cast<int>(exact_label.size()), exact_label.data());
    out << line;
  }
  out << "\n";
  for (std::size_t k = 0; k < run.summary.size() && k < definitions.size(); ++k) {
    const KpiSummary& s = run.summary[k];
    const std::string_view unit = definitions[k].unit;
    if (!table_shows_kpi(k, s.mean)) continue;
    std::snprintf(line, sizeof line, "%-24s %14s   %-12s %6llu", s.kpi.c_str(), format_kpi_value(s.mean, unit).c_str(),
                  format_kpi_value(s.ci95, unit).c_str(), static_cast<unsigned long long>(s.n));
    out << line;
    if (exact && k < exact->size()) {
      std::snprintf(line, sizeof line, "   %14s", format_kpi_value((*exact)[k], unit).c_str());
      out << line;
    }
    out << "\n";
  }
}

}  // namespace callsim::analysis
