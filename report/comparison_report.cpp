#include "report/comparison_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include "report/console_report.hpp"

namespace callsim::report {

namespace {

constexpr int kMinColumn = 22;

std::string signed_value(double v, std::string_view unit) { return (v > 0 ? "+" : "") + format_kpi_value(v, unit); }

/// "+1.23% +/- 0.45% *": the difference, its half-width, and the significance mark.
std::string difference_text(const analysis::PairedDifference& d, std::string_view unit) {
  return signed_value(d.mean, unit) + " +/- " + format_kpi_value(d.ci95, unit) + (d.significant ? " *" : "  ");
}

std::string diff_header(const analysis::VariantComparison& v) { return "diff " + v.variant; }

int width_of(const std::string& header) { return std::max(kMinColumn, static_cast<int>(header.size())); }

void cell(std::ostream& out, const std::string& text, int width) {
  char buf[512];
  std::snprintf(buf, sizeof buf, "  %*s", width, text.c_str());
  out << buf;
}

using analysis::kpi_index;

}  // namespace

void print_comparison_table(std::ostream& out, const std::vector<analysis::RunResult>& runs,
                            const analysis::Comparison& comparison) {
  const auto defs = analysis::kpi_definitions();
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-24s", "KPI");
  out << buf;
  for (const analysis::RunResult& run : runs) cell(out, run.name, width_of(run.name));
  for (const analysis::VariantComparison& v : comparison.variants) cell(out, diff_header(v), width_of(diff_header(v)));
  out << "\n";
  for (std::size_t k = 0; k < defs.size(); ++k) {
    bool shown = false;
    for (const analysis::RunResult& run : runs) shown = shown || table_shows_kpi(run.summary, k);
    if (!shown) continue;
    const std::string_view unit = defs[k].unit;
    std::snprintf(buf, sizeof buf, "%-24.*s", static_cast<int>(defs[k].name.size()), defs[k].name.data());
    out << buf;
    for (const analysis::RunResult& run : runs) {
      const std::string text = k < run.summary.size() ? format_kpi_value(run.summary[k].mean, unit) + " +/- " +
                                                            format_kpi_value(run.summary[k].ci95, unit)
                                                      : "n/a";
      cell(out, text, width_of(run.name));
    }
    for (const analysis::VariantComparison& v : comparison.variants)
      cell(out, k < v.day.size() ? difference_text(v.day[k], unit) : "n/a", width_of(diff_header(v)));
    out << "\n";
  }
  out << "Means +/- 95% CI half-widths over the replications; diff X = X minus the baseline '" << comparison.baseline
      << "', paired replication by replication (common random numbers), +/- its 95% CI half-width"
         " (percentage points for percentages); * = the CI excludes 0.\n";
}

void print_variant_table(std::ostream& out, const std::vector<analysis::RunResult>& runs,
                         const analysis::Comparison& comparison) {
  std::vector<std::size_t> columns;
  for (const char* name : {"service_level", "asa", "abandon_rate", "occupancy"}) columns.push_back(kpi_index(name));
  // Callbacks only when some variant makes them: most comparisons have none.
  const std::size_t callbacks = kpi_index("callbacks");
  for (const analysis::RunResult& run : runs)
    if (callbacks < run.summary.size() && run.summary[callbacks].mean > 0) {
      columns.push_back(callbacks);
      break;
    }
  const auto defs = analysis::kpi_definitions();
  std::size_t name_width = 8;
  for (const analysis::RunResult& run : runs) name_width = std::max(name_width, run.name.size());
  constexpr int kWidth = 30;
  char buf[512];
  std::snprintf(buf, sizeof buf, "%-*s", static_cast<int>(name_width), "variant");
  out << buf;
  const auto left = [&](const std::string& text) {
    std::snprintf(buf, sizeof buf, "  %-*s", kWidth, text.c_str());
    out << buf;
  };
  for (const std::size_t k : columns) left(std::string(defs[k].name));
  out << "\n";
  for (std::size_t r = 0; r < runs.size(); ++r) {
    std::snprintf(buf, sizeof buf, "%-*s", static_cast<int>(name_width), runs[r].name.c_str());
    out << buf;
    for (const std::size_t k : columns) {
      const std::string_view unit = defs[k].unit;
      std::string text = k < runs[r].summary.size() ? format_kpi_value(runs[r].summary[k].mean, unit) : "n/a";
      if (r > 0 && r - 1 < comparison.variants.size() && k < comparison.variants[r - 1].day.size()) {
        const analysis::PairedDifference& d = comparison.variants[r - 1].day[k];
        text += " (" + signed_value(d.mean, unit) + " +/- " + format_kpi_value(d.ci95, unit) + ")" +
                (d.significant ? "*" : " ");
      }
      left(text);
    }
    out << "\n";
  }
  out << "Each variant's mean over the replications and, in brackets, its difference to the baseline '"
      << comparison.baseline
      << "' with the paired 95% CI half-width (common random numbers; percentage points for percentages);"
         " * = the CI excludes 0.\n";
}

void print_interval_differences(std::ostream& out, const std::vector<analysis::RunResult>& runs,
                                const analysis::Comparison& comparison, double clock_start_seconds) {
  const std::size_t sl = kpi_index("service_level");
  const std::size_t kpis = analysis::kpi_definitions().size();
  if (comparison.variants.empty() || runs.empty()) return;
  const std::size_t intervals = comparison.variants[0].intervals.size() / kpis;
  if (intervals == 0) return;
  std::vector<std::size_t> flagged;
  for (std::size_t i = 0; i < intervals; ++i) {
    for (const analysis::VariantComparison& v : comparison.variants)
      if (i * kpis + sl < v.intervals.size() && v.intervals[i * kpis + sl].significant) {
        flagged.push_back(i);
        break;
      }
  }
  out << "\nservice level per interval: ";
  if (flagged.empty()) {
    out << "no variant differs significantly from the baseline in any of the " << intervals << " intervals\n";
    return;
  }
  out << "in " << flagged.size() << " of " << intervals
      << " intervals a variant differs significantly (95%; each interval is tested alone, so about 1 in 20"
         " would be flagged by chance even without a real difference)\n";
  char buf[128];
  std::snprintf(buf, sizeof buf, "%8s %10s", "interval", "start");
  out << buf;
  for (const analysis::VariantComparison& v : comparison.variants) cell(out, diff_header(v), width_of(diff_header(v)));
  out << "\n";
  for (const std::size_t i : flagged) {
    const double start =
        clock_start_seconds + runs[0].warmup_seconds + static_cast<double>(i) * runs[0].interval_seconds;
    const long minutes = std::lround(start / 60) % (24 * 60);  // clock time of day
    std::snprintf(buf, sizeof buf, "%8zu %7ld:%02ld", i, minutes / 60, minutes % 60);
    out << buf;
    for (const analysis::VariantComparison& v : comparison.variants)
      cell(out, difference_text(v.intervals[i * kpis + sl], "fraction"), width_of(diff_header(v)));
    out << "\n";
  }
  out << "(start: clock time of the interval's start)\n";
}

}  // namespace callsim::report
