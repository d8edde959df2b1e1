#include "store/hdf5_util.hpp"

#include <algorithm>
#include <charconv>

#include "store/output_lock.hpp"

namespace callsim::store::hdf5 {

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

// H5::Exception only says which wrapper failed ("H5Fcreate failed"); the innermost entry
// of HDF5's error stack says why (e.g. "unable to lock file, errno = 11"). It is gone once
// the next HDF5 call runs (unwinding closes objects), so record it when HDF5 reports it.
// Installing this handler also silences HDF5's own printing, as dontPrint() would.
ErrorRecorder::ErrorRecorder() {
  H5Eget_auto2(H5E_DEFAULT, &old_func_, &old_data_);
  H5Eset_auto2(H5E_DEFAULT, &ErrorRecorder::record, this);
}

ErrorRecorder::~ErrorRecorder() { H5Eset_auto2(H5E_DEFAULT, old_func_, old_data_); }

std::string ErrorRecorder::describe(const H5::Exception& e) const {
  if (errno_ != 0) return system_error_text(errno_);
  std::string text = "HDF5 error in " + e.getFuncName() + ": " + e.getDetailMsg();
  if (!innermost_.empty()) text += " (" + innermost_ + ")";
  // One line: HDF5's own texts may hold a newline (a ctime() date, for one).
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

herr_t ErrorRecorder::record(hid_t stack, void* data) {
  auto& self = *static_cast<ErrorRecorder*>(data);
  if (self.recorded_) return 0;  // the first failure is the cause; the rest follow from it
  H5Ewalk2(stack, H5E_WALK_DOWNWARD, &ErrorRecorder::keep_innermost, data);
  self.recorded_ = true;
  return 0;
}

herr_t ErrorRecorder::keep_innermost(unsigned, const H5E_error2_t* entry, void* data) {
  auto& self = *static_cast<ErrorRecorder*>(data);
  const std::string desc = entry->desc ? entry->desc : "";
  self.innermost_ = std::string(entry->func_name ? entry->func_name : "?") + "(): " + desc;
  // The file drivers write "..., errno = 28, error message = '...'" into the description.
  if (const auto at = desc.find("errno = "); at != std::string::npos && self.errno_ == 0) {
    int err = 0;
    const char* begin = desc.data() + at + 8;
    const auto [end, ec] = std::from_chars(begin, desc.data() + desc.size(), err);
    if (ec == std::errc() && end != begin && err > 0) self.errno_ = err;
  }
  return 0;
}

bool close_once(H5::IdComponent& object) noexcept {
  try {
    const hid_t id = object.getId();
    if (id < 0 || H5Iis_valid(id) <= 0) return true;
    // An extra reference makes the wrapper's own close a mere decrement (it then forgets
    // the id); the one real close is ours, and nothing closes the id again.
    if (H5Iinc_ref(id) < 0) {
      object.close();
      return true;
    }
    object.close();
    switch (H5Iget_type(id)) {
      case H5I_FILE: return H5Fclose(id) >= 0;
      case H5I_GROUP: return H5Gclose(id) >= 0;
      case H5I_DATASET: return H5Dclose(id) >= 0;
      default: return H5Idec_ref(id) >= 0;
    }
  } catch (...) {
    return false;
  }
}

void check(herr_t status, const char* what) {
  if (status < 0) throw H5::Exception(what, "failed");
}

H5::Group create_untimed_group(const H5::Group& parent, const std::string& name) {
  const H5::PropList gcpl(H5P_GROUP_CREATE);
  untimed(gcpl);
  const hid_t id = H5Gcreate2(parent.getId(), name.c_str(), H5P_DEFAULT, gcpl.getId(), H5P_DEFAULT);
  if (id < 0) throw H5::GroupIException("H5Gcreate2", "creating group " + in_quotes(name) + " failed");
  H5::Group group(id);  // takes a reference of its own
  H5Gclose(id);
  return group;
}

}  // namespace callsim::store::hdf5
