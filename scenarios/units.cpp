#include "scenarios/units.hpp"

#include <charconv>
#include <cmath>
#include <string_view>

namespace callsim::scenarios {

namespace {

constexpr std::string_view kSpaces = " \t";

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(kSpaces);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpaces);
  return text.substr(first, last - first + 1);
}

// Reads the leading number of `text` and leaves the rest (spaces skipped) in `rest`.
// from_chars because it ignores the locale and never accepts hex or a leading '+' by
// surprise; it does accept "inf" and "nan", which no planner means, so those are refused.
std::optional<double> leading_number(std::string_view text, std::string_view& rest) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || !std::isfinite(value)) return std::nullopt;
  rest = text.substr(static_cast<std::size_t>(end - text.data()));
  const auto unit_start = rest.find_first_not_of(kSpaces);
  rest = unit_start == std::string_view::npos ? std::string_view{} : rest.substr(unit_start);
  return value;
}

// Seconds in one `unit`, or 0 for an unknown unit. Only the four units the help text
// promises: accepting "hr" or "sec" here would make a file valid that the docs call wrong.
double seconds_per(std::string_view unit) {
  if (unit == "s") return 1;
  if (unit == "min") return 60;
  if (unit == "h") return 3600;
  if (unit == "d") return 86400;
  return 0;
}

std::optional<double> finite(double value) {
  if (!std::isfinite(value)) return std::nullopt;  // e.g. 1e308d overflows
  return value;
}

}  // namespace

std::optional<double> parse_duration(std::string_view text) {
  std::string_view unit;
  const auto number = leading_number(trim(text), unit);
  if (!number) return std::nullopt;
  const double scale = seconds_per(unit);
  if (scale == 0) return std::nullopt;
  return finite(*number * scale);
}

std::optional<double> parse_rate(std::string_view text) {
  std::string_view rest;
  const auto number = leading_number(trim(text), rest);
  if (!number || rest.empty() || rest.front() != '/') return std::nullopt;
  const double scale = seconds_per(trim(rest.substr(1)));
  if (scale == 0) return std::nullopt;
  return finite(*number / scale);
}

}  // namespace callsim::scenarios
