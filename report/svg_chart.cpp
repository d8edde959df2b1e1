#include "report/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report/number_format.hpp"

namespace callsim::report {

namespace {

// Plot area inside the viewBox: room for tick labels on the left and below.
constexpr double kLeft = 52, kRight = 12, kTop = 12, kBottom = 30;

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string tick_text(double v, const std::string& unit) {
  char buf[32];
  if (unit == "fraction") {
    std::snprintf(buf, sizeof buf, "%g%%", std::round(1000 * v) / 10);
  } else if (unit == "s") {
    std::snprintf(buf, sizeof buf, "%g s", v);
  } else {
    std::snprintf(buf, sizeof buf, "%g", v);
  }
  return buf;
}

std::string value_text(double v, const std::string& unit) {
  if (unit == "agents") return page_number(v, "", 1);
  return page_number(v, unit, 1);
}

double data_top(const Chart& chart) {
  double top = chart.target.value_or(0);
  for (const auto& s : chart.series) {
    for (std::size_t i = 0; i < s.values.size(); ++i)
      if (std::isfinite(s.values[i])) top = std::max(top, s.values[i] + (i < s.base.size() ? s.base[i] : 0));
    for (double v : s.high)
      if (std::isfinite(v)) top = std::max(top, v);
  }
  return top > 0 ? top : 1;
}

}  // namespace

std::string escape_html(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::vector<double> axis_ticks(double top, int count) {
  const double raw = top / std::max(1, count);
  const double magnitude = std::pow(10, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  std::vector<double> ticks;
  for (int i = 0;; ++i) {
    ticks.push_back(step * i);
    if (step * i >= top * (1 - 1e-9)) break;
  }
  return ticks;
}

std::string render_svg(const Chart& chart) {
  const std::size_t n = chart.x_labels.size();
  const double w = chart.width, h = chart.height;
  const double plot_w = w - kLeft - kRight, plot_h = h - kTop - kBottom;
  const std::vector<double> ticks = axis_ticks(chart.y_max.value_or(data_top(chart)));
  const double top = chart.y_max ? *chart.y_max : ticks.back();
  const double slot = n ? plot_w / static_cast<double>(n) : plot_w;
  const auto x = [&](std::size_t i) { return kLeft + slot * (static_cast<double>(i) + 0.5); };
  const auto y = [&](double v) { return kTop + plot_h * (1 - std::clamp(v / top, 0.0, 1.05)); };

  std::string svg = "<svg id=\"" + escape_html(chart.id) + "\" class=\"chart\" viewBox=\"0 0 " + num(w) + " " + num(h) +
                    "\" role=\"img\" aria-label=\"" + escape_html(chart.title) +
                    "\" xmlns=\"http://www.w3.org/2000/svg\">\n";
  svg += "<title>" + escape_html(chart.title) + "</title>\n";
  // Grid and y axis.
  for (double t : ticks) {
    if (t > top * 1.0001) continue;
    svg += "<line class=\"grid\" x1=\"" + num(kLeft) + "\" x2=\"" + num(w - kRight) + "\" y1=\"" + num(y(t)) +
           "\" y2=\"" + num(y(t)) + "\"/>";
    svg += "<text class=\"tick\" x=\"" + num(kLeft - 6) + "\" y=\"" + num(y(t) + 4) + "\" text-anchor=\"end\">" +
           tick_text(t, chart.unit) + "</text>\n";
  }
  // X labels: at most about ten, on round positions.
  const std::size_t every = std::max<std::size_t>(1, (n + 9) / 10);
  for (std::size_t i = 0; i < n; i += every) {
    svg += "<text class=\"tick\" x=\"" + num(x(i)) + "\" y=\"" + num(h - kBottom + 16) + "\" text-anchor=\"middle\">" +
           escape_html(chart.x_labels[i]) + "</text>";
  }
  svg += "\n<line class=\"axis\" x1=\"" + num(kLeft) + "\" x2=\"" + num(w - kRight) + "\" y1=\"" + num(y(0)) +
         "\" y2=\"" + num(y(0)) + "\"/>\n";

  for (const ChartSeries& s : chart.series) {
    const std::string cls = escape_html(s.css_class);
    if (s.style == ChartSeries::Style::BARS) {
      const double bar = std::max(1.0, slot * 0.72);
      for (std::size_t i = 0; i < s.values.size() && i < n; ++i) {
        if (!std::isfinite(s.values[i])) continue;
        const std::string bar_cls = i < s.bar_classes.size() && !s.bar_classes[i].empty() ? s.bar_classes[i] : cls;
        const double from = i < s.base.size() && std::isfinite(s.base[i]) ? s.base[i] : 0;
        svg += "<rect class=\"bar " + escape_html(bar_cls) + "\" x=\"" + num(x(i) - bar / 2) + "\" y=\"" +
               num(y(from + s.values[i])) + "\" width=\"" + num(bar) + "\" height=\"" +
               num(y(from) - y(from + s.values[i])) + "\"><title>" +
               escape_html(chart.x_labels[i] + " " + s.name + ": " + value_text(s.values[i], chart.unit)) +
               "</title></rect>";
      }
      svg += "\n";
      continue;
    }
    // The CI band: one polygon per run of defined values, upper edge forward, lower back.
    if (s.low.size() == s.values.size() && s.high.size() == s.values.size()) {
      std::size_t i = 0;
      while (i < n && i < s.values.size()) {
        if (!std::isfinite(s.low[i]) || !std::isfinite(s.high[i])) {
          ++i;
          continue;
        }
        std::size_t j = i;
        while (j < s.values.size() && j < n && std::isfinite(s.low[j]) && std::isfinite(s.high[j])) ++j;
        std::string points;
        for (std::size_t k = i; k < j; ++k) points += num(x(k)) + "," + num(y(s.high[k])) + " ";
        for (std::size_t k = j; k-- > i;) points += num(x(k)) + "," + num(y(s.low[k])) + " ";
        svg += "<polygon class=\"band " + cls + "\" points=\"" + points + "\"/>\n";
        i = j;
      }
    }
    std::string path;
    bool pen_down = false;
    for (std::size_t i = 0; i < s.values.size() && i < n; ++i) {
      if (!std::isfinite(s.values[i])) {
        pen_down = false;
        continue;
      }
      path += (pen_down ? "L" : "M") + num(x(i)) + " " + num(y(s.values[i])) + " ";
      pen_down = true;
    }
    svg += "<path class=\"line " + cls + (s.dashed ? " dashed" : "") + "\" d=\"" + path + "\"/>\n";
    for (std::size_t i = 0; i < s.values.size() && i < n; ++i) {
      if (!std::isfinite(s.values[i])) continue;
      std::string tip = chart.x_labels[i] + " " + s.name + ": " + value_text(s.values[i], chart.unit);
      if (i < s.high.size() && std::isfinite(s.high[i]))
        tip += " (95% CI " + value_text(s.low[i], chart.unit) + " to " + value_text(s.high[i], chart.unit) + ")";
      svg += "<circle class=\"pt " + cls + "\" cx=\"" + num(x(i)) + "\" cy=\"" + num(y(s.values[i])) +
             "\" r=\"2.6\"><title>" + escape_html(tip) + "</title></circle>";
    }
    svg += "\n";
  }
  if (chart.target) {
    svg += "<line class=\"target\" x1=\"" + num(kLeft) + "\" x2=\"" + num(w - kRight) + "\" y1=\"" +
           num(y(*chart.target)) + "\" y2=\"" + num(y(*chart.target)) + "\"><title>" + escape_html(chart.target_label) +
           "</title></line>";
    svg += "<text class=\"target-label\" x=\"" + num(w - kRight - 4) + "\" y=\"" + num(y(*chart.target) - 5) +
           "\" text-anchor=\"end\">" + escape_html(chart.target_label) + "</text>\n";
  }
  svg += "</svg>\n";

  std::string legend = "<div class=\"legend\">";
  for (const ChartSeries& s : chart.series) {
    legend += "<span><i class=\"key " + escape_html(s.css_class) + (s.dashed ? " dashed" : "") +
              (s.style == ChartSeries::Style::BARS ? " box" : "") + "\"></i>" + escape_html(s.name) + "</span>";
  }
  if (chart.target) legend += "<span><i class=\"key target\"></i>" + escape_html(chart.target_label) + "</span>";
  legend += "</div>\n";
  return svg + legend;
}

}  // namespace callsim::report
