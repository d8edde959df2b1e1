#include "app/backtest_html.hpp"

#include <cmath>
#include <cstdio>

#include "report/html_page.hpp"
#include "report/svg_chart.hpp"

namespace callsim::app {

namespace {

// A KPI's value in its unit: fractions as "54.4 %" (a level) or "7.3 pts" (an error).
std::string value_text(const std::string& unit, double v, const char* fraction_suffix) {
  if (std::isnan(v)) return "n/a";
  char text[64];
  if (unit == "fraction")
    std::snprintf(text, sizeof text, "%.1f %s", 100 * v, fraction_suffix);
  else
    std::snprintf(text, sizeof text, "%.1f", v);
  return text;
}

std::string cell(const std::string& unit, double v) { return value_text(unit, v, "pts"); }
std::string day_value(const std::string& unit, double v) { return value_text(unit, v, "%"); }

}  // namespace

std::string backtest_html(const std::string& scenario_name, const std::string& about, const fit::Backtest& backtest,
                          const std::vector<std::string>& x_labels) {
  using report::escape_html;
  std::string body = "<h1>Backtest of " + escape_html(scenario_name) + "</h1>\n<p>" + escape_html(about) + "</p>\n";
  body +=
      "<section class=\"card\"><h2>Accuracy per interval</h2><div class=\"scroll\"><table class=\"data\" "
      "id=\"accuracy\"><thead><tr><th>KPI</th><th>day observed</th><th>day simulated</th><th>intervals</th>"
      "<th>MAE</th><th>bias</th><th>coverage of the 95% band</th><th>MAE persistence</th><th>MAE Erlang A</th>"
      "<th>noise floor</th></tr></thead><tbody>\n";
  for (const auto& k : backtest.kpis) {
    char coverage[32];
    std::snprintf(coverage, sizeof coverage, "%.0f%%", 100 * k.coverage);
    body += "<tr data-kpi=\"" + escape_html(k.kpi) + "\"><td>" + escape_html(k.kpi) + "</td><td>" +
            day_value(k.unit, k.day.observed) + "</td><td>" + day_value(k.unit, k.day.simulated) + "</td><td>" +
            std::to_string(k.n) + "</td><td>" + cell(k.unit, k.mae) + "</td><td>" + cell(k.unit, k.bias) + "</td><td>" +
            (std::isnan(k.coverage) ? std::string("n/a") : std::string(coverage)) + "</td><td>" +
            cell(k.unit, k.mae_persistence) + "</td><td>" + cell(k.unit, k.mae_erlang) + "</td><td>" +
            cell(k.unit, k.noise_floor) + "</td></tr>\n";
  }
  body += "</tbody></table></div></section>\n<div class=\"grid\">\n";
  for (const auto& k : backtest.kpis) {
    report::Chart chart;
    chart.id = "bt-" + k.kpi;
    chart.title = k.kpi + ": observed and simulated per interval";
    chart.unit = k.unit == "fraction" ? "fraction" : (k.unit == "s" ? "s" : "calls");
    chart.x_labels = x_labels;
    if (k.unit == "fraction") chart.y_max = 1;
    report::ChartSeries simulated, observed, persistence, erlang;
    simulated.name = "simulated (95% band of the observed days' mean)";
    simulated.css_class = "s1";
    observed.name = "observed";
    observed.css_class = "s2";
    persistence.name = "persistence";
    persistence.css_class = "s3";
    persistence.dashed = true;
    erlang.name = "Erlang A";
    erlang.css_class = "s4";
    erlang.dashed = true;
    bool any_persistence = false, any_erlang = false;
    for (const auto& c : k.intervals) {
      simulated.values.push_back(c.simulated);
      simulated.low.push_back(c.low);
      simulated.high.push_back(c.high);
      observed.values.push_back(c.observed);
      persistence.values.push_back(c.persistence);
      erlang.values.push_back(c.erlang);
      any_persistence = any_persistence || !std::isnan(c.persistence);
      any_erlang = any_erlang || !std::isnan(c.erlang);
    }
    chart.series = {simulated, observed};
    if (any_persistence) chart.series.push_back(persistence);
    if (any_erlang) chart.series.push_back(erlang);
    body += "<section class=\"card\"><h2>" + escape_html(k.kpi) + "</h2>" + report::render_svg(chart) + "</section>\n";
  }
  body += "</div>\n";
  return report::html_page("Backtest of " + scenario_name, body);
}

}  // namespace callsim::app
