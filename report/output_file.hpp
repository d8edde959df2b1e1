#pragma once
/// \file
/// Writing a report file whole or not at all, one writer at a time.

#include <stdexcept>
#include <string>

namespace callsim::report {

/// A report could not be written; what() is one line naming the file and the reason
/// ("cannot write report file 'r.html': no space left on device").
class ReportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Another callsim process (or another writer in this one) is writing the same report;
/// what() is the whole sentence ("'r.html' is being written by another callsim process
/// (pid 1234); wait for it or choose another path for the report"). Bad input: exit 2.
class ReportBusyError : public ReportError {
 public:
  using ReportError::ReportError;
};

/// Writes `contents` to "path.tmp-<pid>", flushes it to disk and renames it to `path`, so a
/// reader never sees half a report and an older file stays until the new one is complete.
/// Holds the lock "path.lock" meanwhile (store/output_lock.hpp), which also removes the
/// temp files of writers that died (the output warning handler hears of each). Refuses a
/// `path` that is a directory or another file that is not a regular one (a device: renaming
/// over it would replace it). Throws ReportBusyError when another writer holds the lock,
/// ReportError otherwise; either way no temp file is left and `path` is as it was.
void write_file_atomically(const std::string& path, const std::string& contents);

/// Creates directory `dir` (and its parents) unless it exists. Throws ReportError when it
/// cannot, or when `dir` exists and is not a directory.
void ensure_directory(const std::string& dir);

}  // namespace callsim::report
