#pragma once
/// \file
/// Per-interval call volume forecasts, as planners export them from a spreadsheet:
///
///     interval_start,retail,business
///     08:00,120,35.5
///     08:30,140,40
///
/// One column per call type (named as in the scenario), one row per interval of uniform
/// length, times as "HH:MM" (one day) or "D HH:MM" (day D = 1..7 of a week), values the
/// expected number of calls in the interval. Staffing plans share the layout, with one
/// column per agent group and agents on duty as values (TableKind names them in messages).
/// Read by hand: no CSV dependency, and every problem is a ScenarioError "FILE:LINE: what is
/// wrong; what is valid". See docs/scenario.md.

#include <string>
#include <string_view>
#include <vector>

namespace callsim::scenarios {

/// What a table of this layout holds, for its messages: call volumes (a forecast, the
/// default) or agents on duty (a staffing plan). The layout rules are the same.
struct TableKind {
  std::string_view noun = "forecast";     ///< "the forecast is empty"
  std::string_view column = "call type";  ///< "one column per call type"
  std::string_view value = "volume";      ///< "one volume per call type column"
  std::string_view header_example = "interval_start,retail,business";
  std::string_view row_example = "120";         ///< one value, as in "08:00,120"
  std::string_view row_example_two = "120,35";  ///< two values
};

/// The staffing plan kind: columns are agent groups, values agents on duty.
inline constexpr TableKind kStaffingTable{
    "staffing plan", "agent group", "agent count", "interval_start,agents,specialists", "12", "12,4"};

/// One cell of a column with the file line of its row, for messages.
struct TableCell {
  std::string_view text;
  int line;
};

/// A forecast file whose layout has been checked (header, times, row lengths); volumes are
/// converted and checked per column on request, so a column no call type uses may hold
/// anything (notes, totals).
class ForecastTable {
 public:
  /// Checks the layout of `text`; messages name the file `path`. Throws ScenarioError.
  static ForecastTable parse(std::string_view text, const std::string& path, const TableKind& kind = {});
  /// Reads the file at `path` and parses it. `given_in` ("scenario.yaml:12") says where the
  /// file was named, for "cannot read forecast 'x.csv' (given in scenario.yaml:12): REASON".
  static ForecastTable read(const std::string& path, const std::string& given_in, const TableKind& kind = {});

  /// The expected calls in each interval for the call type `column`, each >= 0. Throws
  /// ScenarioError for a missing column, an empty cell, a non-number or a negative volume.
  [[nodiscard]] std::vector<double> volumes(const std::string& column) const;

  /// The cells of `column` as text, one per row, for values other than volumes (agents on
  /// duty). Throws ScenarioError "FILE:LINE: no column ..." for a missing column.
  [[nodiscard]] std::vector<TableCell> cells(const std::string& column) const;

  [[nodiscard]] const std::string& path() const { return path_; }
  /// The call type columns (every header column after interval_start), in file order.
  [[nodiscard]] const std::vector<std::string>& columns() const { return columns_; }
  /// Whether times carry a day ("D HH:MM"), i.e. the forecast spans a week.
  [[nodiscard]] bool weekly() const { return weekly_; }
  /// The first interval's start, seconds after midnight of day 1.
  [[nodiscard]] double start() const { return start_; }
  /// The common length of the intervals, seconds (> 0).
  [[nodiscard]] double interval() const { return interval_; }
  /// The number of intervals (rows), at least 2.
  [[nodiscard]] std::size_t intervals() const { return cells_.size(); }
  /// The end of the last interval, seconds after midnight of day 1.
  [[nodiscard]] double end() const { return start_ + interval_ * static_cast<double>(cells_.size()); }

 private:
  ForecastTable() = default;

  std::string path_;
  std::vector<std::string> columns_;
  std::vector<std::vector<std::string>> cells_;  ///< [row][column], the volume cells as text
  std::vector<int> lines_;                       ///< the file line of each row, for messages
  int header_line_ = 1;
  bool weekly_ = false;
  double start_ = 0;
  double interval_ = 0;
};

}  // namespace callsim::scenarios
