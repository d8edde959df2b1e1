#include "scenarios/clock_time.hpp"

#include <cmath>
#include <cstdio>

#include "scenarios/csv_cells.hpp"

namespace callsim::scenarios {

namespace {

constexpr double kDay = 86400;

using detail::trim;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<double> parse_time_of_day(std::string_view text) {
  text = trim(text);
  // By hand rather than from_chars: "+8:00", "8:0" and "08:00:00" must all be refused, and
  // the digit counts are the format.
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3) return std::nullopt;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != colon && !is_digit(text[i])) return std::nullopt;
  }
  const int hours = colon == 1 ? text[0] - '0' : (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[colon + 1] - '0') * 10 + (text[colon + 2] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 3600.0 + minutes * 60.0;
}

std::optional<double> parse_week_time(std::string_view text) {
  text = trim(text);
  if (text.size() < 2 || !is_digit(text[0]) || detail::kCsvSpaces.find(text[1]) == std::string_view::npos)
    return std::nullopt;
  const int day = text[0] - '0';
  if (day < 1 || day > 7) return std::nullopt;
  const auto time = parse_time_of_day(text.substr(1));
  if (!time) return std::nullopt;
  return (day - 1) * kDay + *time;
}

std::optional<double> parse_clock(std::string_view text, bool end_of_day) {
  if (const auto time = parse_time_of_day(text)) return time;
  if (const auto time = parse_week_time(text)) return time;
  if (!end_of_day) return std::nullopt;
  // "24:00" is not a time of day (it is the next day's 00:00), but it is the natural way to
  // write the end of a period that runs to midnight.
  text = trim(text);
  if (text == "24:00") return kDay;
  if (text.size() >= 2 && text.ends_with("24:00")) {
    const auto start = parse_week_time(std::string(text.substr(0, text.size() - 5)) + "00:00");
    if (start) return *start + kDay;
  }
  return std::nullopt;
}

std::string csv_clock(double seconds, bool with_day) {
  const auto minutes = static_cast<long long>(std::llround(seconds / 60));
  char text[48];
  if (with_day) {
    std::snprintf(text, sizeof text, "%lld %02lld:%02lld", minutes / 1440 + 1, minutes % 1440 / 60, minutes % 60);
  } else {
    std::snprintf(text, sizeof text, "%02lld:%02lld", minutes / 60, minutes % 60);
  }
  return text;
}

std::string format_clock(double seconds, bool show_day) {
  const auto whole = static_cast<long long>(std::llround(seconds));
  long long day = 0;
  long long rest = whole;
  if (show_day) {
    day = whole / 86400;
    rest = whole % 86400;
  }
  char buffer[48];
  const long long hours = rest / 3600;
  const long long minutes = rest / 60 % 60;
  const long long secs = rest % 60;
  const int n = secs == 0 ? std::snprintf(buffer, sizeof buffer, "%02lld:%02lld", hours, minutes)
                          : std::snprintf(buffer, sizeof buffer, "%02lld:%02lld:%02lld", hours, minutes, secs);
  std::string out(buffer, static_cast<std::size_t>(n));
  return show_day ? "day " + std::to_string(day + 1) + " " + out : out;
}

}  // namespace callsim::scenarios
