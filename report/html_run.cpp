#include "report/html_run.hpp"

#include <cmath>

#include "report/costs.hpp"
#include "report/forecast.hpp"
#include "report/interval_figures.hpp"
#include "report/number_format.hpp"
#include "report/staffing.hpp"
#include "report/svg_chart.hpp"

namespace callsim::report {

namespace {

using analysis::RunResult;

std::string pm(const Estimate& e, std::string_view unit, int digits = 1) {
  if (std::isnan(e.ci95)) return page_number(e.mean, unit, digits);
  return page_number(e.mean, unit, digits) + " <span class=\"pm\">&plusmn; " + page_number(e.ci95, unit, digits) +
         "</span>";
}

Estimate from_summary(const analysis::RunResult& run, std::string_view kpi) {
  for (const auto& s : run.summary)
    if (s.kpi == kpi) return Estimate{s.mean, s.ci95, s.n};
  return Estimate{};
}

/// "good" when the whole CI meets the target, "bad" when it all misses it, "warn" between.
/// `higher_is_better` says which side meets it.
std::string verdict(const Estimate& e, double target, bool higher_is_better) {
  if (std::isnan(e.mean)) return "";
  const double ci = std::isnan(e.ci95) ? 0 : e.ci95;
  const double worst = higher_is_better ? e.mean - ci : e.mean + ci;
  const double best = higher_is_better ? e.mean + ci : e.mean - ci;
  const auto meets = [&](double v) { return higher_is_better ? v >= target : v <= target; };
  return meets(worst) ? "good" : (meets(best) ? "warn" : "bad");
}

std::string tile(const std::string& kpi, const std::string& label, const std::string& value, const std::string& ci,
                 const std::string& cls) {
  return "<div class=\"kpi " + cls + "\" data-kpi=\"" + kpi + "\"><div class=\"label\">" + label +
         "</div><div class=\"value\">" + value + "</div><div class=\"ci\">" + ci + "</div></div>\n";
}

std::string ci_text(const Estimate& e, std::string_view unit) {
  return std::isnan(e.ci95) ? "95% CI n/a" : "&plusmn; " + page_number(e.ci95, unit) + " (95% CI)";
}

std::string section(const RunView& v, const std::string& name, const std::string& title, const std::string& body) {
  return "<section class=\"card\" id=\"r" + std::to_string(v.index) + "-" + name + "\">\n<h3>" + title + "</h3>\n" +
         body + "</section>\n";
}

std::vector<std::string> labels(const RunView& v) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < interval_count(*v.run); ++i) out.push_back(interval_label(*v.run, *v.context, i));
  return out;
}

ChartSeries series_of(const std::string& name, const std::vector<Estimate>& values, const std::string& cls) {
  ChartSeries s;
  s.name = name;
  s.css_class = cls;
  for (const Estimate& e : values) {
    s.values.push_back(e.mean);
    const double ci = std::isnan(e.ci95) ? 0 : e.ci95;
    s.low.push_back(std::isnan(e.mean) ? e.mean : std::max(0.0, e.mean - ci));
    s.high.push_back(e.mean + ci);
  }
  return s;
}

Chart chart(const RunView& v, const std::string& name, const std::string& title, const std::string& unit) {
  Chart c;
  c.id = "r" + std::to_string(v.index) + "-chart-" + name;
  c.title = title;
  c.unit = unit;
  c.x_labels = labels(v);
  return c;
}

std::string headline(const RunView& v, const std::optional<CostSummary>& costs, const models::CostSpec* prices) {
  const analysis::RunResult& run = *v.run;
  const Estimate sl = from_summary(run, "service_level");
  const Estimate asa = from_summary(run, "asa");
  const Estimate ab = from_summary(run, "abandon_rate");
  const Estimate occ = from_summary(run, "occupancy");
  const Estimate offered = from_summary(run, "offered");
  const Estimate answered = from_summary(run, "answered");
  const Estimate aht = estimate_over(run, [](const auto& r) { return tally_aht(r.total); });
  std::string body = "<div class=\"kpis\">\n";
  body += tile("service_level", "Service level", page_number(sl.mean, "fraction"),
               ci_text(sl, "fraction") + " &middot; target " + page_number(v.sl_target, "fraction", 0),
               verdict(sl, v.sl_target, true));
  body += tile("asa", "ASA", page_number(asa.mean, "s"), ci_text(asa, "s"), "");
  body += tile("abandon_rate", "Abandoned", page_number(ab.mean, "fraction"), ci_text(ab, "fraction"), "");
  body += tile("occupancy", "Occupancy", page_number(occ.mean, "fraction"), ci_text(occ, "fraction"), "");
  body += tile("offered", "Offered calls", page_number(offered.mean, "calls"), ci_text(offered, "calls"), "");
  body += tile("answered", "Answered", page_number(answered.mean, "calls"), ci_text(answered, "calls"), "");
  body += tile("aht", "AHT", page_number(aht.mean, "s"), ci_text(aht, "s"), "");
  if (costs) {
    const std::string unit = prices->currency.empty() ? "" : " <small>" + escape_html(prices->currency) + "</small>";
    body += tile("net", "Net result", money(costs->net.mean, "") + unit,
                 std::isnan(costs->net.ci95) ? "" : "&plusmn; " + money(costs->net.ci95, prices->currency), "");
    if (prices->sla) {
      const Proportion& p = costs->miss;
      body += tile("p_contract_missed", "P(contract missed)", page_number(p.p, "fraction", 0),
                   "95% CI " + page_number(p.low, "fraction", 0) + " to " + page_number(p.high, "fraction", 0),
                   p.high < 0.05 ? "good" : (p.low > 0.5 ? "bad" : "warn"));
    }
  }
  body += "</div>\n<p class=\"note\">Means over " + std::to_string(run.replications.size()) +
          " replications with 95% confidence intervals. Service-level target " +
          page_number(v.sl_target, "fraction", 0) + " (" + v.sl_target_source + "), threshold " +
          page_number(run.service_level_threshold, "s", 0) +
          ". Green: the whole interval meets the target; amber: "
          "the interval straddles it; red: it misses.</p>\n";
  return section(v, "headline", "Headline KPIs", body);
}

std::string service_level_section(const RunView& v) {
  Chart c = chart(v, "service-level", "Service level per interval", "fraction");
  c.series.push_back(series_of("service level (95% CI band)", interval_kpi(*v.run, kpi_index("service_level")), "s1"));
  c.target = v.sl_target;
  c.target_label = "target " + page_number(v.sl_target, "fraction", 0);
  c.y_max = 1;
  return section(v, "service-level", "Service level per interval", render_svg(c));
}

std::string kpi_chart_section(const RunView& v, const std::string& name, const std::string& title,
                              const std::string& kpi, const std::string& legend, const std::string& unit,
                              const std::string& cls) {
  Chart c = chart(v, name, title, unit);
  // Three of these share a row: a narrower viewBox keeps their text as large as the others'.
  c.width = 440;
  c.height = 200;
  c.series.push_back(series_of(legend, interval_kpi(*v.run, kpi_index(kpi)), cls));
  if (unit == "fraction" && kpi == "occupancy") c.y_max = 1;
  return section(v, name, title, render_svg(c));
}

std::string volume_section(const RunView& v) {
  Chart c = chart(v, "volume", "Offered calls per interval against the forecast", "calls");
  c.series.push_back(series_of("offered (simulated)", interval_kpi(*v.run, kpi_index("offered")), "s1"));
  std::string note;
  if (v.context->inputs) {
    const Forecast f = forecast(*v.context->inputs);
    ChartSeries s;
    s.name = f.what;
    s.values = f.calls;
    s.css_class = "forecast";
    s.dashed = true;
    c.series.push_back(s);
    note =
        "<p class=\"note\">Offered calls reached a queue; the forecast counts expected arrivals, some of which "
        "end closed, blocked or in the IVR instead.</p>\n";
  } else {
    note = "<p class=\"warning\">No forecast line: " + escape_html(v.context->problem) + ".</p>\n";
  }
  return section(v, "volume", "Offered volume against forecast", render_svg(c) + note);
}

std::string staffing_section(const RunView& v, const Staffing& st) {
  Chart c = chart(v, "staffing", "Agents present against agents required", "agents");
  ChartSeries present;
  present.name = "present (simulated)";
  present.style = ChartSeries::Style::BARS;
  present.css_class = "present";
  ChartSeries required;
  required.name = "required";
  required.css_class = "required";
  std::string under, over, erlang_only;
  const auto sl = interval_kpi(*v.run, kpi_index("service_level"));
  for (std::size_t i = 0; i < st.present.size(); ++i) {
    const double p = st.present[i].mean, r = st.required[i];
    present.values.push_back(p);
    required.values.push_back(r);
    std::string cls;
    // Coloured by the simulated result; Erlang's pooled figure is the reference line.
    switch (staffing_verdict(p, r, i < sl.size() ? sl[i].mean : NAN, v.sl_target)) {
      case StaffingVerdict::UNDER:
        cls = "under";
        under += (under.empty() ? "" : ", ") + c.x_labels[i];
        break;
      case StaffingVerdict::OVER:
        cls = "over";
        over += (over.empty() ? "" : ", ") + c.x_labels[i];
        break;
      case StaffingVerdict::ON_TARGET:
        if (!std::isnan(r) && p < r - 0.5) erlang_only += (erlang_only.empty() ? "" : ", ") + c.x_labels[i];
        break;
    }
    present.bar_classes.push_back(cls);
  }
  c.series = {present, required};
  if (!st.rostered.empty()) {
    ChartSeries rostered;
    rostered.name = "rostered";
    rostered.css_class = "rostered";
    rostered.dashed = true;
    rostered.values = st.rostered;
    c.series.push_back(rostered);
  }
  std::string body = render_svg(c);
  body +=
      "<div class=\"legend\"><span><i class=\"key box under\" style=\"background:#e8743b\"></i>under-staffed (the "
      "simulated service level misses the target)</span>"
      "<span><i class=\"key box over\" style=\"background:#7dcea0\"></i>over-staffed (meets it with more than 15% "
      "+ 1 agent above required)</span></div>\n";
  body += "<p class=\"note\">Present: staffed agent time / interval length (breaks excluded). " +
          escape_html(st.method) + "</p>\n";
  if (!st.rostered.empty()) {
    body +=
        "<p class=\"note\">Rostered: agents on shift, breaks included, before shrinkage (groups without "
        "shifts: their agents on duty).";
    if (st.roster_cost) body += " The roster costs " + escape_html(page_number(*st.roster_cost, "", 0)) + ".";
    body += "</p>\n";
  }
  body += under.empty() ? "<p class=\"note\">No under-staffed interval.</p>\n"
                        : "<p class=\"warning\">Under-staffed: " + escape_html(under) + "</p>\n";
  if (!over.empty()) body += "<p class=\"note\">Over-staffed: " + escape_html(over) + "</p>\n";
  if (!erlang_only.empty())
    body +=
        "<p class=\"note\">Below the Erlang figure but meeting the target in simulation: " + escape_html(erlang_only) +
        "</p>\n";
  return section(v, "staffing", "Staffing present against required", body);
}

std::string waits_section(const RunView& v) {
  Chart c;
  c.id = "r" + std::to_string(v.index) + "-chart-wait-distribution";
  c.title = "Waiting-time distribution";
  c.unit = "fraction";
  c.x_labels = v.waits.bins;
  ChartSeries answered;
  answered.name = "answered";
  answered.style = ChartSeries::Style::BARS;
  answered.css_class = "answered";
  answered.values = v.waits.answered;
  ChartSeries abandoned;
  abandoned.name = "abandoned";
  abandoned.style = ChartSeries::Style::BARS;
  abandoned.css_class = "abandoned";
  abandoned.values = v.waits.abandoned;
  abandoned.base = v.waits.answered;
  c.series = {answered, abandoned};
  return section(v, "wait-distribution", "Waiting-time distribution (share of queued calls)",
                 render_svg(c) + "<p class=\"note\">" + escape_html(v.waits.source) + "</p>\n");
}

std::string call_types_section(const RunView& v) {
  const analysis::RunResult& run = *v.run;
  std::string body =
      "<table class=\"data\"><thead><tr><th>call type</th><th>offered</th><th>service level</th>"
      "<th>ASA</th><th>abandoned</th><th>AHT</th></tr></thead><tbody>\n";
  for (std::size_t k = 0; k < run.call_types.size(); ++k) {
    const Estimate sl = type_kpi(run, k, kpi_index("service_level"));
    body += "<tr><td>" + escape_html(run.call_types[k]) + "</td><td>" +
            pm(type_kpi(run, k, kpi_index("offered")), "calls") + "</td><td class=\"" +
            (verdict(sl, v.sl_target, true) == "bad" ? "bad" : "") + "\">" + pm(sl, "fraction") + "</td><td>" +
            pm(type_kpi(run, k, kpi_index("asa")), "s") + "</td><td>" +
            pm(type_kpi(run, k, kpi_index("abandon_rate")), "fraction") + "</td><td>" + pm(type_aht(run, k), "s") +
            "</td></tr>\n";
  }
  return section(v, "call-types", "Per call type", "<div class=\"scroll\">" + body + "</tbody></table></div>\n");
}

std::string agent_groups_section(const RunView& v) {
  const analysis::RunResult& run = *v.run;
  std::string body =
      "<table class=\"data\"><thead><tr><th>agent group</th><th>staffed hours</th><th>handle hours</th>"
      "<th>occupancy</th><th>calls handled</th><th>calls / hour</th><th>AHT</th></tr></thead><tbody>\n";
  for (std::size_t g = 0; g < run.agent_groups.size(); ++g) {
    const auto of = [&](auto value) {
      return estimate_over(run, [&](const analysis::ReplicationResult& r) { return value(r.groups[g]); });
    };
    body +=
        "<tr><td>" + escape_html(run.agent_groups[g]) + "</td><td>" +
        pm(of([](const auto& t) { return t.staffed_time / 3600; }), "") + "</td><td>" +
        pm(of([](const auto& t) { return t.busy_time / 3600; }), "") + "</td><td>" +
        pm(of([](const auto& t) { return t.occupancy(); }), "fraction") + "</td><td>" +
        pm(of([](const auto& t) { return static_cast<double>(t.handled); }), "calls") + "</td><td>" +
        pm(of([](const auto& t) { return analysis::kpi_ratio(static_cast<double>(t.handled), t.staffed_time / 3600); }),
           "") +
        "</td><td>" + pm(of([](const auto& t) { return t.aht(); }), "s") + "</td></tr>\n";
  }
  return section(v, "agent-groups", "Per agent group", "<div class=\"scroll\">" + body + "</tbody></table></div>\n");
}

std::string costs_section(const RunView& v, const CostSummary& c, const models::CostSpec& prices) {
  const std::string& cur = prices.currency;
  const auto row = [&](const std::string& what, const Estimate& e, const std::string& how) {
    return "<tr><td>" + what + "</td><td>" + money(e.mean, cur) + "</td><td>" +
           (std::isnan(e.ci95) ? "n/a" : "&plusmn; " + money(e.ci95, cur)) + "</td><td class=\"basis\">" + how +
           "</td></tr>\n";
  };
  char buf[160];
  std::string body =
      "<table class=\"data narrow\"><thead><tr><th>item</th><th>mean</th><th>95% CI</th>"
      "<th class=\"basis\">basis</th></tr>"
      "</thead><tbody>\n";
  std::snprintf(buf, sizeof buf, "%.1f paid agent hours", c.paid_hours.mean);
  body += row("labour", c.labour, buf);
  std::snprintf(buf, sizeof buf, "%.0f trunk minutes x %g", c.trunk_minutes.mean, prices.trunk_minute);
  body += row("trunk", c.trunk, buf);
  std::snprintf(buf, sizeof buf, "%g per handled call, %g per paid hour", prices.revenue_per_call,
                prices.revenue_per_hour);
  body += row("revenue", c.revenue, buf);
  std::string penalty_basis = "no service-level contract";
  if (prices.sla) {
    std::snprintf(buf, sizeof buf, "%.2f %s missed on average x %g", c.periods_missed.mean,
                  prices.sla->per == models::SlaContract::Per::DAY ? "days" : "intervals", prices.sla->penalty);
    penalty_basis = buf;
  }
  body += row("SLA penalties", c.penalty, penalty_basis);
  body += row("<b>net result</b>", c.net, "revenue - labour - trunk - penalties");
  body += "</tbody></table>\n";
  if (prices.sla) {
    const Proportion& p = c.miss;
    body += "<p>Probability of missing the contract (service level below " +
            page_number(prices.sla->target, "fraction", 0) +
            (prices.sla->per == models::SlaContract::Per::DAY ? " over the day" : " in at least one interval") +
            "): <b>" + page_number(p.p, "fraction", 1) + "</b> (" + std::to_string(p.k) + " of " + std::to_string(p.n) +
            " replications; Wilson 95% interval " + page_number(p.low, "fraction", 1) + " to " +
            page_number(p.high, "fraction", 1) + ").</p>\n";
  }
  if (std::isnan(c.trunk_minutes.mean))
    body +=
        "<p class=\"warning\">The results file has no talk times (written by an older callsim): trunk cost and "
        "net result are unknown.</p>\n";
  return section(v, "costs", "Costs, revenue and penalties" + (cur.empty() ? "" : " (" + escape_html(cur) + ")"), body);
}

std::string intervals_section(const RunView& v, const Staffing& st) {
  const analysis::RunResult& run = *v.run;
  const auto offered = interval_kpi(run, kpi_index("offered"));
  const auto sl = interval_kpi(run, kpi_index("service_level"));
  const auto asa = interval_kpi(run, kpi_index("asa"));
  const auto ab = interval_kpi(run, kpi_index("abandon_rate"));
  const auto occ = interval_kpi(run, kpi_index("occupancy"));
  const auto labels_ = labels(v);
  std::string body =
      "<table class=\"data\"><thead><tr><th>interval</th><th>offered</th><th>service level</th>"
      "<th>ASA</th><th>abandoned</th><th>occupancy</th>" +
      std::string(st.rostered.empty() ? "" : "<th>rostered</th>") +
      "<th>agents present</th><th>required</th></tr></thead><tbody>\n";
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    const std::string sl_cls = verdict(sl[i], v.sl_target, true) == "bad" ? "bad" : "";
    const bool under =
        staffing_verdict(st.present[i].mean, st.required[i], sl[i].mean, v.sl_target) == StaffingVerdict::UNDER;
    body += "<tr><td>" + labels_[i] + "</td><td>" + pm(offered[i], "calls") + "</td><td class=\"" + sl_cls + "\">" +
            pm(sl[i], "fraction") + "</td><td>" + pm(asa[i], "s") + "</td><td>" + pm(ab[i], "fraction") + "</td><td>" +
            pm(occ[i], "fraction") + "</td>" +
            (st.rostered.empty() ? "" : "<td>" + page_number(st.rostered[i], "", 1) + "</td>") + "<td class=\"" +
            (under ? "bad" : "") + "\">" + page_number(st.present[i].mean, "", 1) + "</td><td>" +
            page_number(st.required[i], "", 0) + "</td></tr>\n";
  }
  return section(v, "intervals", "Interval report", body + "</tbody></table>\n");
}

}  // namespace

std::string html_run_sections(const RunView& v) {
  const run::RunInputs* inputs = v.context->inputs ? &*v.context->inputs : nullptr;
  const models::CostSpec* prices = inputs && inputs->costs ? &*inputs->costs : nullptr;
  std::optional<CostSummary> costs;
  if (prices) costs = summarize_costs(*v.run, *prices);
  const Staffing st = staffing(*v.run, inputs, v.sl_target, v.shrinkage);

  std::string out = headline(v, costs, prices);
  out += "<div class=\"grid\">\n" + service_level_section(v) + volume_section(v) + "</div>\n";
  out += "<div class=\"grid3\">\n" +
         kpi_chart_section(v, "asa", "ASA per interval", "asa", "ASA (95% CI band)", "s", "s1") +
         kpi_chart_section(v, "abandonment", "Abandonment per interval", "abandon_rate", "abandoned / offered",
                           "fraction", "s2") +
         kpi_chart_section(v, "occupancy", "Occupancy per interval", "occupancy", "busy / staffed time", "fraction",
                           "s3") +
         "</div>\n";
  out += "<div class=\"grid\">\n" + staffing_section(v, st) + waits_section(v) + "</div>\n";
  out += "<div class=\"grid\">\n" + call_types_section(v) + agent_groups_section(v) + "</div>\n";
  if (costs) out += costs_section(v, *costs, *prices);
  out += intervals_section(v, st);
  if (!v.context->problem.empty())
    out += section(v, "notes", "Notes",
                   "<p class=\"warning\">" + escape_html(v.context->problem) +
                       ": the forecast line is left out, required staffing uses the simulated "
                       "AHT and Erlang C, and costs are not shown.</p>\n");
  return out;
}

}  // namespace callsim::report
