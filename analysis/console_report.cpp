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
    std::snprintf(line, sizeof line, "%-24s %14s   %-12s %6llu", s.kpi.c_str(), format_value(s.mean, unit).c_str(),
                  format_value(s.ci95, unit).c_str(), static_cast<unsigned long long>(s.n));
    out << line;
    if (exact && k < exact->size()) {
      std::snprintf(line, sizeof line, "   %14s", format_value((*exact)[k], unit).c_str());
      out << line;
    }
    out << "\n";
  }
}

}  // namespace callsim::analysis
