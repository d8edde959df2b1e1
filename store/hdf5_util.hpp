#pragma once
/// \file
/// Small HDF5 helpers of the results store: error reporting, untimed objects, groups.
/// Internal to store/results_*.cpp; not part of the public API (see results_store.hpp).

#include <H5Cpp.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace callsim::store::hdf5 {

/// A reason without the file name; the public functions add "cannot ... file 'x': ".
class Problem : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// `s` between single quotes, the way messages name files, runs and fields.
std::string in_quotes(std::string_view s);

/// Records why HDF5 failed while it is alive: the innermost entry of HDF5's error stack at
/// the first failure (later ones, such as objects failing to close while the stack unwinds,
/// are consequences) and the operating system's errno if HDF5 gave one ("errno = 28").
/// Also silences HDF5's own printing; the caller's error handler is restored on
/// destruction. Not thread-safe (neither is HDF5).
class ErrorRecorder {
 public:
  ErrorRecorder();
  ~ErrorRecorder();
  ErrorRecorder(const ErrorRecorder&) = delete;
  ErrorRecorder& operator=(const ErrorRecorder&) = delete;

  /// One line: the system's reason when HDF5 failed on a system call ("no space left on
  /// device"), else "HDF5 error in <function>: <detail> (<innermost reason>)".
  [[nodiscard]] std::string describe(const H5::Exception& e) const;
  /// The errno of the first failed system call HDF5 reported, 0 if none.
  [[nodiscard]] int os_errno() const { return errno_; }

 private:
  static herr_t record(hid_t stack, void* data);
  static herr_t keep_innermost(unsigned, const H5E_error2_t* entry, void* data);

  H5E_auto2_t old_func_ = nullptr;
  void* old_data_ = nullptr;
  bool recorded_ = false;  ///< a failure was recorded: keep it
  std::string innermost_;  ///< of the failure being recorded, then of the first one
  int errno_ = 0;
};

/// Closes `object` (a file, group or dataset) with exactly one close of its id, and makes
/// the object forget the id, whatever happens. HDF5 1.10 can leave a file half destroyed
/// when closing it fails (a full disk), and the C++ wrappers close it again in their
/// destructor, which then crashes. Returns false when the close failed (HDF5 reports why to
/// the error handler, an ErrorRecorder). Never throws.
bool close_once(H5::IdComponent& object) noexcept;

/// Throws H5::Exception("<what> failed") when a C API call returned a negative status.
void check(herr_t status, const char* what);

/// Turns off creation and modification times, which would make two identical runs'
/// files differ byte for byte.
template <class PropList>
void untimed(const PropList& plist) {
  check(H5Pset_obj_track_times(plist.getId(), false), "H5Pset_obj_track_times");
}

/// Creates group `name` under `parent` without timestamps (the C++ API cannot pass a
/// group creation property list in HDF5 1.10).
H5::Group create_untimed_group(const H5::Group& parent, const std::string& name);

}  // namespace callsim::store::hdf5
