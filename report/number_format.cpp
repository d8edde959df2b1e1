#include "report/number_format.hpp"

#include <cmath>
#include <cstdio>

namespace callsim::report {

namespace {

// "1234567" -> "1,234,567"; a leading sign is kept out of the grouping.
std::string grouped(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, std::fabs(v));
  std::string text = buf;
  const std::size_t point = text.find('.');
  std::string whole = text.substr(0, point);
  for (int at = static_cast<int>(whole.size()) - 3; at > 0; at -= 3) whole.insert(static_cast<std::size_t>(at), ",");
  const bool negative = v < 0 && std::string(buf).find_first_not_of("0.") != std::string::npos;
  return (negative ? "-" : "") + whole + (point == std::string::npos ? "" : text.substr(point));
}

}  // namespace

std::string csv_number(double v) {
  if (std::isnan(v)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return buf;
}

std::string page_number(double v, std::string_view unit, int digits) {
  if (std::isnan(v)) return "n/a";
  char buf[64];
  if (unit == "fraction") {
    std::snprintf(buf, sizeof buf, "%.*f%%", digits, 100 * v);
  } else if (unit == "s") {
    std::snprintf(buf, sizeof buf, "%.*f s", digits, v);
  } else if (unit == "calls") {
    return grouped(v, std::fabs(v) < 100 ? 1 : 0);
  } else {
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  }
  return buf;
}

std::string money(double v, std::string_view currency) {
  if (std::isnan(v)) return "n/a";
  return grouped(v, std::fabs(v) < 100 ? 2 : 0) + (currency.empty() ? "" : " " + std::string(currency));
}

}  // namespace callsim::report
