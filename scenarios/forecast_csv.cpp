#include "scenarios/forecast_csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>

#include "scenarios/clock_time.hpp"
#include "scenarios/csv_cells.hpp"
#include "scenarios/limits.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/text_file.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios {

namespace {

using detail::split_cells;
using detail::trim;

constexpr std::string_view kTimeHelp =
    "expected HH:MM (e.g. 08:30), or D HH:MM for day D = 1..7 of a week (e.g. 2 08:30)";

// One line of the file with its 1-based number; blank lines are skipped by the caller.
struct Line {
  int number;
  std::string_view text;
};

std::vector<Line> non_blank_lines(std::string_view text) {
  // Excel's "CSV UTF-8" starts with a byte order mark, which would otherwise become part
  // of the first column's name.
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<Line> lines;
  int number = 0;
  while (!text.empty()) {
    ++number;
    const auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    if (line.ends_with('\r')) line.remove_suffix(1);  // files saved on Windows
    if (!trim(line).empty()) lines.push_back({number, line});
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  return lines;
}

std::string minutes(double seconds) {
  const double whole = std::round(seconds / 60);
  return std::to_string(static_cast<long long>(whole)) + " min";
}

}  // namespace

ForecastTable ForecastTable::parse(std::string_view text, const std::string& path, const TableKind& kind) {
  const std::string noun(kind.noun), column(kind.column), header_example(kind.header_example);
  const detail::Reporter reporter(path);
  ForecastTable table;
  table.path_ = path;
  const std::vector<Line> lines = non_blank_lines(text);
  if (lines.empty()) {
    reporter.fail(
        1, "the " + noun + " is empty; expected a header such as " + header_example + " and one row per interval");
  }

  // The header: interval_start, then one uniquely named column per call type.
  const Line& header = lines.front();
  table.header_line_ = header.number;
  std::vector<std::string> names = split_cells(header.text);
  if (names.size() < 2) {
    reporter.fail(header.number, "the header '" + std::string(trim(header.text)) + "' has no " + column +
                                     " columns; expected interval_start and one column per " + column +
                                     ", separated by commas, e.g. " + header_example);
  }
  if (names[0] != "interval_start") {
    reporter.fail(header.number, "the first column is '" + names[0] +
                                     "', expected 'interval_start'; the header is interval_start and one column per " +
                                     column + ", e.g. " + header_example);
  }
  std::map<std::string_view, std::size_t> column_of;
  for (std::size_t i = 1; i < names.size(); ++i) {
    if (names[i].empty()) {
      reporter.fail(header.number, "column " + std::to_string(i + 1) +
                                       " of the header has no name; name every column after interval_start by its " +
                                       column);
    }
    // A map, not a scan of the columns before: a header may have a million columns.
    const auto [first, added] = column_of.emplace(names[i], i);
    if (!added) {
      reporter.fail(header.number, "column '" + names[i] + "' appears twice (columns " +
                                       std::to_string(first->second + 1) + " and " + std::to_string(i + 1) +
                                       "); name each column once");
    }
  }
  table.columns_.assign(names.begin() + 1, names.end());
  if (lines.size() == 1) {
    reporter.fail(header.number, "the " + noun + " has a header but no rows; give one row per interval, e.g. 08:00," +
                                     std::string(table.columns_.size() == 1 ? kind.row_example : kind.row_example_two));
  }

  // The rows: a time and one volume per column; times uniform and increasing.
  std::vector<std::string> times;  // as written, for messages
  double previous = 0;
  for (std::size_t r = 1; r < lines.size(); ++r) {
    const Line& line = lines[r];
    std::vector<std::string> cells = split_cells(line.text);
    if (cells.size() != names.size()) {
      reporter.fail(line.number, "the row has " + std::to_string(cells.size()) + " values, the header " +
                                     std::to_string(names.size()) + " columns; give interval_start and one " +
                                     std::string(kind.value) + " per " + column + " column");
    }
    const std::string& time = cells[0];
    const auto of_day = parse_time_of_day(time);
    const auto of_week = of_day ? std::nullopt : parse_week_time(time);
    if (!of_day && !of_week) {
      reporter.fail(line.number, "interval_start '" + time + "' is not a time; " + std::string(kTimeHelp));
    }
    const bool weekly = of_week.has_value();
    const double start = weekly ? *of_week : *of_day;
    if (r == 1) {
      table.weekly_ = weekly;
      table.start_ = start;
    } else {
      const std::string before = "'" + times.back() + "' (line " + std::to_string(lines[r - 1].number) + ")";
      if (weekly != table.weekly_) {
        reporter.fail(line.number, "interval_start '" + time + (weekly ? "' has a day" : "' has no day") +
                                       ", unlike '" + times.front() + "' (line " + std::to_string(lines[1].number) +
                                       "); write every interval_start as HH:MM, or every one as D HH:MM");
      }
      if (start <= previous) {
        reporter.fail(line.number, "interval_start '" + time + "' does not come after " + before +
                                       "; give the rows in increasing time order, one per interval");
      }
      // Uniform intervals keep the rate a plain piecewise-constant function; a gap is most
      // often a forgotten row, which would otherwise silently stretch its neighbour.
      if (r == 2) {
        table.interval_ = start - previous;
      } else if (start - previous != table.interval_) {
        reporter.fail(line.number, "interval_start '" + time + "' is " + minutes(start - previous) + " after " +
                                       before + ", but the first interval is " + minutes(table.interval_) +
                                       " long; every interval must have the same length (give a missing "
                                       "interval a row with volume 0)");
      }
    }
    previous = start;
    times.push_back(time);
    cells.erase(cells.begin());
    table.cells_.push_back(std::move(cells));
    table.lines_.push_back(line.number);
  }
  if (table.cells_.size() == 1) {
    reporter.fail(lines[1].number,
                  "the " + noun + " has a single row; give at least two, so that the interval length is known");
  }
  return table;
}

ForecastTable ForecastTable::read(const std::string& path, const std::string& given_in, const TableKind& kind) {
  std::string error;
  const auto text = read_text_file(path, limits::kCsvBytes, std::string(kind.noun) + " file", error);
  if (!text) {
    throw ScenarioError("cannot read " + std::string(kind.noun) + " '" + path + "' (given in " + given_in +
                        "): " + error);
  }
  return parse(*text, path, kind);
}

std::vector<TableCell> ForecastTable::cells(const std::string& column) const {
  const auto found = std::find(columns_.begin(), columns_.end(), column);
  if (found == columns_.end()) {
    detail::Reporter(path_).fail(header_line_, "no column '" + column + "'" + detail::suggestion(column, columns_) +
                                                   "; columns are: " + detail::join(columns_));
  }
  const auto c = static_cast<std::size_t>(found - columns_.begin());
  std::vector<TableCell> out;
  out.reserve(cells_.size());
  for (std::size_t r = 0; r < cells_.size(); ++r) out.push_back({cells_[r][c], lines_[r]});
  return out;
}

std::vector<double> ForecastTable::volumes(const std::string& column) const {
  const detail::Reporter reporter(path_);
  std::vector<double> values;
  values.reserve(cells_.size());
  for (const auto& [text, line] : cells(column)) {
    if (text.empty()) {
      reporter.fail(line, "the volume of '" + column +
                              "' is empty; give the expected number of calls in the interval, e.g. 120 (0 "
                              "for none)");
    }
    double value = 0;
    // from_chars: locale-free, and "1 200" or "12k" are refused rather than misread.
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
      reporter.fail(line, "volume '" + std::string(text) + "' of '" + column +
                              "' is not a number; expected the expected number of calls in the interval, "
                              "e.g. 120 or 37.5");
    }
    if (value < 0) reporter.fail(line, "volume of '" + column + "' must not be negative, got " + std::string(text));
    values.push_back(value);
  }
  return values;
}

}  // namespace callsim::scenarios
