#include "analysis/console_report.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace callsim::analysis {

namespace {

std::string format_value(double v, std::string_view unit) {
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

}  // namespace

void print_summary_table(std::ostream& out, const RunResult& run) {
  const auto definitions = kpi_definitions();
  char line[256];
  std::snprintf(line, sizeof line, "%-24s %14s   %-14s %6s\n", "KPI", "mean", "95% CI +/-", "n");
  out << line;
  for (std::size_t k = 0; k < run.summary.size() && k < definitions.size(); ++k) {
    const KpiSummary& s = run.summary[k];
    // Counts are per replication (one counted period), so say so in the unit column.
    std::snprintf(line, sizeof line, "%-24s %14s   %-14s %6llu\n", s.kpi.c_str(),
                  format_value(s.mean, definitions[k].unit).c_str(), format_value(s.ci95, definitions[k].unit).c_str(),
                  static_cast<unsigned long long>(s.n));
    out << line;
  }
}

}  // namespace callsim::analysis
