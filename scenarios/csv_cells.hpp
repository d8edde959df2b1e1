#pragma once
/// \file
/// The cell rules every CSV callsim reads follows (forecasts, traces) and the clock times
/// in them: comma-separated cells, spaces and tabs around them ignored, a plain pair of
/// quotes removed as spreadsheets export them. Internal to scenarios/.

#include <string>
#include <string_view>
#include <vector>

namespace callsim::scenarios::detail {

/// Spaces and tabs: what `trim` removes.
inline constexpr std::string_view kCsvSpaces = " \t";

/// `text` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);

/// Comma-separated cells, trimmed, a plain pair of quotes removed ("retail" -> retail).
/// Quoted commas are not supported: no call type name, time or volume needs one.
std::vector<std::string> split_cells(std::string_view line);

}  // namespace callsim::scenarios::detail
