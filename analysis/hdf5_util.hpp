#pragma once
/// \file
/// Small HDF5 helpers of the results store: error reporting, untimed objects, groups.
/// Internal to analysis/results_*.cpp; not part of the public API (see results_store.hpp).

#include <H5Cpp.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace callsim::analysis::hdf5 {

/// A reason without the file name; the public functions add "cannot ... file 'x': ".
class Problem : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// `s` between single quotes, the way messages name files, runs and fields.
std::string in_quotes(std::string_view s);

/// Records the innermost entry of HDF5's error stack while it is alive, so a message can
/// say why HDF5 failed, not only which wrapper did. Also silences HDF5's own printing;
/// the caller's error handler is restored on destruction. Not thread-safe (neither is HDF5).
class ErrorRecorder {
 public:
  ErrorRecorder();
  ~ErrorRecorder();
  ErrorRecorder(const ErrorRecorder&) = delete;
  ErrorRecorder& operator=(const ErrorRecorder&) = delete;

  /// "HDF5 error in <function>: <detail> (<innermost reason>)".
  [[nodiscard]] std::string describe(const H5::Exception& e) const;

 private:
  static herr_t record(hid_t stack, void* data);
  static herr_t keep_last(unsigned, const H5E_error2_t* entry, void* data);

  H5E_auto2_t old_func_ = nullptr;
  void* old_data_ = nullptr;
  std::string innermost_;
};

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

}  // namespace callsim::analysis::hdf5
