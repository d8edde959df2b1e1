#pragma once
/// \file
/// Reads a whole text file (a scenario, a forecast) for the loader, with the system's
/// reason when it cannot.

#include <optional>
#include <string>

namespace callsim::scenarios {

/// The bytes of the file at `path`; nullopt when it cannot be opened or read, with `error`
/// set to the system's reason ("No such file or directory", "Is a directory").
std::optional<std::string> read_text_file(const std::string& path, std::string& error);

}  // namespace callsim::scenarios
