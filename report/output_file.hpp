#pragma once
/// \file
/// Writing a report file whole or not at all.

#include <stdexcept>
#include <string>

namespace callsim::report {

/// A report could not be written; what() is a sentence naming the file.
class ReportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Writes `contents` to "path.tmp-<pid>" and renames it to `path`, so a reader never sees
/// half a report and an older file stays until the new one is complete. Throws ReportError.
void write_file_atomically(const std::string& path, const std::string& contents);

/// Creates directory `dir` (and its parents) unless it exists. Throws ReportError when it
/// cannot, or when `dir` exists and is not a directory.
void ensure_directory(const std::string& dir);

}  // namespace callsim::report
