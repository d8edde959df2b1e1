#include "app/option_values.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <system_error>

namespace callsim::app {

namespace {

std::string number_text(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

std::string real_range(double low, Bound low_bound, double high, Bound high_bound) {
  const bool open_high = std::isinf(high);
  if (low_bound == Bound::INCLUSIVE) {
    if (open_high) return "a number of at least " + number_text(low);
    return "a number from " + number_text(low) + " to " + (high_bound == Bound::EXCLUSIVE ? "below " : "") +
           number_text(high);
  }
  if (open_high) return "a number above " + number_text(low);
  return "a number above " + number_text(low) + " and " + (high_bound == Bound::EXCLUSIVE ? "below " : "at most ") +
         number_text(high);
}

[[noreturn]] void bad(std::string_view option, const std::string& text, const std::string& expected) {
  throw OptionError(std::string(option) + " '" + text + "' is not valid: expected " + expected);
}

}  // namespace

std::string whole_range(std::uint64_t low, std::uint64_t high) {
  return "from " + std::to_string(low) + " to " + std::to_string(high);
}

std::uint64_t parse_whole(std::string_view option, const std::string& text, std::uint64_t low, std::uint64_t high) {
  const std::string expected = "a whole number " + whole_range(low, high);
  // from_chars alone would accept nothing else, but say so for a leading '+' or '-' too:
  // "-1" must never become 2^64 - 1.
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) bad(option, text, expected);
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc{} || stop != end || value < low || value > high) bad(option, text, expected);
  return value;
}

double parse_real(std::string_view option, const std::string& text, double low, Bound low_bound, double high,
                  Bound high_bound) {
  const std::string expected = real_range(low, low_bound, high, high_bound);
  // Decimal notation only: from_chars would also take "nan", "inf" and hex digits.
  if (text.empty() || text.find_first_not_of("0123456789.eE+-") != std::string::npos) bad(option, text, expected);
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value, std::chars_format::general);
  if (error != std::errc{} || stop != end || !std::isfinite(value)) bad(option, text, expected);
  const bool low_ok = low_bound == Bound::INCLUSIVE ? value >= low : value > low;
  const bool high_ok = high_bound == Bound::INCLUSIVE ? value <= high : value < high;
  if (!low_ok || !high_ok) bad(option, text, expected);
  return value;
}

}  // namespace callsim::app
