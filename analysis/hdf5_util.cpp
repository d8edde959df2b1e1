#include "analysis/hdf5_util.hpp"

namespace callsim::analysis::hdf5 {

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

// H5::Exception only says which wrapper failed ("H5Fcreate failed"); the innermost entry
// of HDF5's error stack says why (e.g. "unable to lock file, errno = 11"). It is gone once
// the next HDF5 call runs (unwinding closes objects), so record it when HDF5 reports it.
// Installing this handler also silences HDF5's own printing, as dontPrint() would.
ErrorRecorder::ErrorRecorder() {
  H5Eget_auto2(H5E_DEFAULT, &old_func_, &old_data_);
  H5Eset_auto2(H5E_DEFAULT, &ErrorRecorder::record, &innermost_);
}

ErrorRecorder::~ErrorRecorder() { H5Eset_auto2(H5E_DEFAULT, old_func_, old_data_); }

std::string ErrorRecorder::describe(const H5::Exception& e) const {
  std::string text = "HDF5 error in " + e.getFuncName() + ": " + e.getDetailMsg();
  if (!innermost_.empty()) text += " (" + innermost_ + ")";
  return text;
}

herr_t ErrorRecorder::record(hid_t stack, void* data) {
  H5Ewalk2(stack, H5E_WALK_DOWNWARD, &ErrorRecorder::keep_last, data);
  return 0;
}

herr_t ErrorRecorder::keep_last(unsigned, const H5E_error2_t* entry, void* data) {
  auto& out = *static_cast<std::string*>(data);
  out = std::string(entry->func_name ? entry->func_name : "?") + "(): " + (entry->desc ? entry->desc : "");
  return 0;
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

}  // namespace callsim::analysis::hdf5
