#include "report/worst_intervals.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "report/interval_figures.hpp"

namespace callsim::report {

std::vector<std::size_t> worst_intervals(const analysis::RunResult& run, std::size_t count) {
  const std::vector<Estimate> sl = interval_kpi(run, kpi_index("service_level"));
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < sl.size(); ++i)
    if (!std::isnan(sl[i].mean)) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return sl[a].mean < sl[b].mean; });
  if (order.size() > count) order.resize(count);
  return order;
}

void print_worst_intervals(std::ostream& out, const analysis::RunResult& run, const RunContext& context,
                           std::size_t count, const report::ConsoleStyle& style) {
  if (interval_count(run) < 2) return;
  const std::vector<std::size_t> worst = worst_intervals(run, count);
  if (worst.empty()) return;
  const auto sl = interval_kpi(run, kpi_index("service_level"));
  const auto asa = interval_kpi(run, kpi_index("asa"));
  const auto ab = interval_kpi(run, kpi_index("abandon_rate"));
  const auto offered = interval_kpi(run, kpi_index("offered"));
  out << "\n" << report::paint("worst intervals by service level:", "1", style) << "\n";
  for (std::size_t i : worst) {
    const std::string level =
        report::format_kpi_value(sl[i].mean, "fraction") + " +/- " + report::format_kpi_value(sl[i].ci95, "fraction");
    char line[160];
    std::snprintf(line, sizeof line, "  %-8s  service_level %-18s  asa %-9s  abandon_rate %-7s  offered %s",
                  interval_label(run, context, i).c_str(), level.c_str(),
                  report::format_kpi_value(asa[i].mean, "s").c_str(),
                  report::format_kpi_value(ab[i].mean, "fraction").c_str(),
                  report::format_kpi_value(offered[i].mean, "calls").c_str());
    out << (sl[i].mean < style.sl_target ? report::paint(line, "31", style) : std::string(line)) << "\n";
  }
}

}  // namespace callsim::report
