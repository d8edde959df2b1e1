#pragma once
/// \file
/// The generic CSV call log (docs/log-format.md) as a CallLog, so that any ACD export can be
/// fitted once its columns are renamed: a header row naming the columns in any order
/// (required arrival, answer, end, outcome, call_type; optional queue_entry, agent,
/// priority; others ignored), comma-separated with double-quoted fields, times either ISO
/// 8601 local date-times or seconds after midnight of "day 1" (the first valid arrival
/// decides for the whole file).
///
/// A row that cannot be used is not an error: it is counted in `log.skipped` under its
/// reason with its line, and left out. Only a file that cannot be read as a log at all
/// throws: no header, a required column missing, a column named twice, a quote left open
/// at the end of the file, or no usable call.

#include <string>
#include <string_view>

#include "fit/call_log.hpp"

namespace callsim::fit {

/// Appends the calls of the CSV log `text` (read from `path`, named in messages) to `log`.
/// Throws LogError ("PATH:LINE: what is wrong; what is valid") for a file that is not a
/// log; `log` is then left as it was.
void read_csv_log(std::string_view text, const std::string& path, CallLog& log);

}  // namespace callsim::fit
