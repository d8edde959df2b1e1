#pragma once
/// \file
/// Whether a file is a callsim results file, without reading it: for commands that must not
/// replace a file callsim did not write (an output named like someone's data needs --force).

#include <string>

namespace callsim::store {

/// True when `path` is a regular HDF5 file whose root has the attributes every callsim
/// results file has (`format_version` and `callsim_version`), whatever its version. Opens
/// the file read-only and reads nothing else (cheap for any size); never throws, never
/// prints HDF5's error stack. False for a missing, foreign or unreadable file.
bool is_results_file(const std::string& path) noexcept;

}  // namespace callsim::store
