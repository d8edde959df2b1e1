#pragma once
/// \file
/// The call logs a command reads (`fit`, `backtest`): each file read whole and parsed by
/// its format's reader into one fit::CallLog. Problems are BadInput naming the file (and
/// the line, from the reader), so the command exits 2.

#include <string>
#include <vector>

#include "fit/call_log.hpp"

namespace callsim::app {

/// The formats `--format` takes, for messages: "anonymous-bank or csv".
std::string log_formats();

/// Reads `paths` in `format` into one log. Throws BadInput for an unknown format, a file
/// that cannot be read, or a log the reader refuses.
fit::CallLog read_call_logs(const std::vector<std::string>& paths, const std::string& format,
                            const std::string& option = "LOG");

}  // namespace callsim::app
