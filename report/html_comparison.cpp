#include "report/html_comparison.hpp"

#include <cmath>

#include "report/interval_figures.hpp"
#include "report/number_format.hpp"
#include "report/svg_chart.hpp"
#include "store/results_file.hpp"

namespace callsim::report {

namespace {

// The KPIs a manager compares; the rest are in the CSV files.
constexpr const char* kShown[] = {"offered", "service_level", "asa", "awt", "abandon_rate", "occupancy", "p_wait"};

const analysis::KpiSummary* summary_of(const analysis::RunResult& run, std::string_view kpi) {
  for (const auto& s : run.summary)
    if (s.kpi == kpi) return &s;
  return nullptr;
}

const analysis::PairedDifference* difference_of(const analysis::VariantComparison& v, std::string_view kpi) {
  for (const auto& d : v.day)
    if (d.kpi == kpi) return &d;
  return nullptr;
}

std::string with_ci(double mean, double ci, const std::string& unit) {
  return page_number(mean, unit, 2) +
         (std::isnan(ci) ? "" : " <span class=\"pm\">&plusmn; " + page_number(ci, unit, 2) + "</span>");
}

const analysis::RunResult* run_named(const store::ResultsFile& file, const std::string& name) {
  for (const auto& run : file.runs)
    if (run.name == name) return &run;
  return nullptr;
}

}  // namespace

std::string html_comparison(const store::ResultsFile& file, const std::vector<RunContext>& contexts, double sl_target) {
  const analysis::Comparison& cmp = *file.comparison;
  const analysis::RunResult* base = run_named(file, cmp.baseline);
  if (!base) return "";
  std::string head = "<tr><th>KPI</th><th>" + escape_html(cmp.baseline) + " (baseline)</th>";
  for (const auto& v : cmp.variants) head += "<th>" + escape_html(v.variant) + "</th><th>difference</th>";
  std::string body = "<table class=\"data\"><thead>" + head + "</tr></thead><tbody>\n";
  for (const char* kpi : kShown) {
    const std::string unit(analysis::kpi_unit(kpi));
    const auto* b = summary_of(*base, kpi);
    if (!b) continue;
    body += "<tr data-kpi=\"" + std::string(kpi) + "\"><td>" + kpi + "</td><td>" + with_ci(b->mean, b->ci95, unit) +
            "</td>";
    for (const auto& v : cmp.variants) {
      const analysis::RunResult* run = run_named(file, v.variant);
      const auto* s = run ? summary_of(*run, kpi) : nullptr;
      const auto* d = difference_of(v, kpi);
      body += "<td>" + (s ? with_ci(s->mean, s->ci95, unit) : "n/a") + "</td>";
      if (!d) {
        body += "<td>n/a</td>";
        continue;
      }
      const std::string sign = d->mean > 0 ? "+" : "";
      body += std::string("<td class=\"") + (d->significant ? "sig" : "") + "\">" + sign +
              with_ci(d->mean, d->ci95, unit) + (d->significant ? " *" : "") + "</td>";
    }
    body += "</tr>\n";
  }
  body +=
      "</tbody></table>\n<p class=\"note\">Every variant ran on the same random numbers as the baseline "
      "(replication r of each saw the same callers); a difference is the mean of the per-replication differences "
      "with its paired 95% CI, marked * where that interval excludes 0.</p>\n";

  // One service-level line per variant, labelled with the baseline's clock.
  Chart c;
  c.id = "comparison-chart-service-level";
  c.title = "Service level per interval, every variant";
  c.unit = "fraction";
  c.y_max = 1;
  // A full-width card: a wide viewBox keeps the text at the size of the other charts'.
  c.width = 1240;
  c.height = 300;
  c.target = sl_target;
  c.target_label = "target " + page_number(sl_target, "fraction", 0);
  std::size_t base_index = 0;
  for (std::size_t r = 0; r < file.runs.size(); ++r)
    if (&file.runs[r] == base) base_index = r;
  for (std::size_t i = 0; i < interval_count(*base); ++i)
    c.x_labels.push_back(interval_label(*base, contexts[base_index], i));
  const char* classes[] = {"s1", "s2", "s3", "s4"};
  for (std::size_t r = 0; r < file.runs.size(); ++r) {
    ChartSeries s;
    s.name = file.runs[r].name;
    s.css_class = classes[r % 4];
    for (const Estimate& e : interval_kpi(file.runs[r], kpi_index("service_level"))) s.values.push_back(e.mean);
    c.series.push_back(s);
  }
  std::string significant;
  for (const auto& v : cmp.variants) {
    std::size_t count = 0;
    const std::size_t kpis = v.day.size();
    for (std::size_t cell = 0; kpis && cell < v.intervals.size(); ++cell)
      if (v.intervals[cell].kpi == "service_level" && v.intervals[cell].significant) ++count;
    significant += "<li>" + escape_html(v.variant) + ": the service level differs significantly from the baseline in " +
                   std::to_string(count) + " of " + std::to_string(kpis ? v.intervals.size() / kpis : 0) +
                   " intervals</li>";
  }
  return "<section class=\"card\" id=\"comparison\">\n<h3>Comparison: variants against the baseline '" +
         escape_html(cmp.baseline) + "'</h3>\n" + body +
         "</section>\n<section class=\"card\" id=\"comparison-service-level\">\n"
         "<h3>Service level per interval, every variant</h3>\n" +
         render_svg(c) + "<ul class=\"note\">" + significant + "</ul></section>\n";
}

}  // namespace callsim::report
