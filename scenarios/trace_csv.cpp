#include "scenarios/trace_csv.hpp"

#include "scenarios/csv_cells.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios {

namespace {

using detail::split_cells;
using detail::trim;

constexpr std::string_view kTimeHelp =
    "expected HH:MM:SS (e.g. 08:30:15), HH:MM, or D HH:MM:SS for day D (e.g. 2 08:30:15)";
constexpr std::string_view kHeaderHelp =
    "expected 'time' (one call per row) or 'time,call_type' (one file for several call types)";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Exactly two digits at `at`, at most `max`; -1 otherwise.
int two_digits(std::string_view text, std::size_t at, int max) {
  if (at + 2 > text.size() || !is_digit(text[at]) || !is_digit(text[at + 1])) return -1;
  const int value = (text[at] - '0') * 10 + (text[at + 1] - '0');
  return value <= max ? value : -1;
}

}  // namespace

std::optional<double> parse_trace_time(std::string_view text) {
  text = trim(text);
  // By hand: the digit counts are the format, and "+8:00" or "8:0" must be refused.
  double day_start = 0;
  const auto space = text.find_first_of(detail::kCsvSpaces);
  if (space != std::string_view::npos) {
    const std::string_view day = text.substr(0, space);
    if (day.empty() || day.size() > 4) return std::nullopt;
    int number = 0;
    for (const char c : day) {
      if (!is_digit(c)) return std::nullopt;
      number = number * 10 + (c - '0');
    }
    if (number < 1) return std::nullopt;
    day_start = (number - 1) * 86400.0;
    text = trim(text.substr(space));
  }
  const auto colon = text.find(':');
  if (colon != 1 && colon != 2) return std::nullopt;
  if (!is_digit(text[0]) || (colon == 2 && !is_digit(text[1]))) return std::nullopt;
  const int hours = colon == 1 ? text[0] - '0' : (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = two_digits(text, colon + 1, 59);
  if (hours > 23 || minutes < 0) return std::nullopt;
  double seconds = 0;
  std::size_t end = colon + 3;
  if (end < text.size()) {
    if (text[end] != ':') return std::nullopt;
    const int whole = two_digits(text, end + 1, 59);
    if (whole < 0) return std::nullopt;
    seconds = whole;
    end += 3;
    // Fractions of a second, as switches with finer clocks log them.
    if (end < text.size()) {
      if (text[end] != '.' || end + 1 == text.size()) return std::nullopt;
      double scale = 0.1;
      for (std::size_t i = end + 1; i < text.size(); ++i, scale /= 10) {
        if (!is_digit(text[i])) return std::nullopt;
        seconds += (text[i] - '0') * scale;
      }
    }
  }
  return day_start + hours * 3600.0 + minutes * 60.0 + seconds;
}

TraceCsv parse_trace_csv(std::string_view text, const std::string& path) {
  const detail::Reporter reporter(path);
  TraceCsv trace;
  trace.path = path;
  // Excel's "CSV UTF-8" starts with a byte order mark.
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  int number = 0;
  std::size_t columns = 0;  // 0 until the header is read
  int header_line = 1;
  while (!text.empty()) {
    ++number;
    const auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);  // files saved on Windows
    if (trim(line).empty()) continue;
    std::vector<std::string> cells = split_cells(line);
    if (columns == 0) {
      const bool plain = cells.size() == 1 && cells[0] == "time";
      const bool typed = cells.size() == 2 && cells[0] == "time" && cells[1] == "call_type";
      if (!plain && !typed) {
        reporter.fail(
            number, "the header '" + std::string(trim(line)) + "' is not that of a trace; " + std::string(kHeaderHelp));
      }
      columns = cells.size();
      header_line = number;
      trace.has_call_type = typed;
      continue;
    }
    if (cells.size() != columns) {
      reporter.fail(number, "the row has " + std::to_string(cells.size()) + (cells.size() == 1 ? " value" : " values") +
                                ", the header " + std::to_string(columns) + (columns == 1 ? " column" : " columns") +
                                "; give " + (columns == 1 ? "one time per row" : "time,call_type on every row"));
    }
    const auto clock = parse_trace_time(cells[0]);
    if (!clock) reporter.fail(number, "time '" + cells[0] + "' is not a clock time; " + std::string(kTimeHelp));
    if (columns == 2 && cells[1].empty()) {
      reporter.fail(number, "the call_type is empty; name the call type of every call, e.g. 07:00:12,retail");
    }
    trace.calls.push_back({*clock, columns == 2 ? std::move(cells[1]) : std::string(), number});
  }
  if (columns == 0) {
    reporter.fail(1,
                  "the trace is empty; expected a header, 'time' or 'time,call_type', and one row per call, "
                  "e.g. 07:00:12");
  }
  if (trace.calls.empty()) {
    reporter.fail(header_line, "the trace has a header but no rows; give one row per call, e.g. " +
                                   std::string(trace.has_call_type ? "07:00:12,retail" : "07:00:12"));
  }
  return trace;
}

}  // namespace callsim::scenarios
