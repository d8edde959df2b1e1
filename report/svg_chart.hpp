#pragma once
/// \file
/// Small SVG charts drawn by our own code, for the HTML dashboard: lines with a CI band,
/// bars, a target line, axes with round ticks. Colours come from CSS classes the page
/// defines, so the same SVG prints in black and white with a print stylesheet. Every
/// drawn value has a hover tooltip (an SVG <title>), no script needed.

#include <optional>
#include <string>
#include <vector>

namespace callsim::report {

/// One series of a chart, one value per x position.
struct ChartSeries {
  enum class Style { LINE, BARS };
  std::string name;               ///< legend and tooltips
  std::vector<double> values;     ///< NaN: no value there (a gap)
  std::vector<double> low, high;  ///< optional CI band, the same length as values
  std::string css_class = "s1";   ///< colour class: s1..s4, forecast, required, ...
  Style style = Style::LINE;
  bool dashed = false;
  /// BARS: a class per bar overriding css_class (e.g. under/over-staffed); empty: none.
  std::vector<std::string> bar_classes;
  /// BARS: where each bar starts (stacked on another series); empty: at 0.
  std::vector<double> base;
};

struct Chart {
  std::string id;     ///< the <svg> element's id
  std::string title;  ///< accessible title of the SVG
  std::string unit;   ///< "fraction" (axis in %), "s", "calls", "agents", or ""
  std::vector<std::string> x_labels;
  std::vector<ChartSeries> series;
  std::optional<double> target;  ///< a horizontal reference line
  std::string target_label;
  std::optional<double> y_max;  ///< fixed top of the axis (e.g. 1 for fractions); else from the data
  int width = 680;              ///< viewBox size; the SVG scales to its container
  int height = 230;
};

/// The chart as an inline <svg> element with a legend. Points of LINE series are
/// <circle class="pt ..."> elements, one per defined value; bars are <rect class="bar ...">.
std::string render_svg(const Chart& chart);

/// Round axis ticks from 0 to at least `top` (> 0): 0, step, 2 step, ... with step 1, 2 or
/// 5 x 10^k, about `count` of them.
std::vector<double> axis_ticks(double top, int count = 5);

/// `text` with &, <, >, " and ' escaped for HTML and SVG.
std::string escape_html(const std::string& text);

}  // namespace callsim::report
