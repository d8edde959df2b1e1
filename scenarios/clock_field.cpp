#include "scenarios/clock_field.hpp"

#include "scenarios/clock_time.hpp"

namespace callsim::scenarios::detail {

namespace {

constexpr double kDay = 86400;
constexpr double kWeek = 7 * kDay;

constexpr std::string_view kClockHelp =
    "HH:MM (e.g. 07:00), or D HH:MM for day D = 1..7 counted from the day of time.start (e.g. 2 06:00 for 06:00 "
    "the next day)";

}  // namespace

double read_clock(const Reporter& reporter, const Entry& entry, std::string_view path, ClockRole role) {
  const std::string text = read_scalar(reporter, entry, path, role == ClockRole::END ? "15:30" : "07:00");
  const auto seconds = parse_clock(text, role == ClockRole::END);
  if (!seconds) {
    reporter.fail(entry.line(), std::string(path) + " '" + text + "' is not a clock time; expected " +
                                    std::string(kClockHelp) + (role == ClockRole::END ? "; 24:00 for midnight" : ""));
  }
  return *seconds;
}

std::string clock_text(double clock_seconds) { return format_clock(clock_seconds, clock_seconds > kDay); }

std::string next_day_hint(double start, double end, std::string_view key) {
  const double next = end + kDay;
  if (end >= start || next <= start || next > kWeek) return "";
  const auto day = static_cast<long long>(next / kDay);  // counted from 0
  return " (a period past midnight ends on the next day: " + std::string(key) + ": " + std::to_string(day + 1) + " " +
         format_clock(next - kDay * static_cast<double>(day), false) + ")";
}

}  // namespace callsim::scenarios::detail
