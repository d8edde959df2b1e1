#pragma once
/// \file
/// The clock time a scenario starts at, read without validating the rest of the file:
/// reports label intervals with clock times even when the scenario cannot be loaded any
/// more (a forecast CSV no longer beside it).

#include <optional>
#include <string>

namespace callsim::scenarios {

/// `time.start` of the first YAML document of `text`, seconds after midnight; 0 when the
/// document has no `time.start` (the loader's default); nullopt when the text is not YAML
/// or the value is not a time of day.
std::optional<double> peek_clock_start(const std::string& text);

}  // namespace callsim::scenarios
