#include "store/results_probe.hpp"

#include <H5Cpp.h>
#include <sys/stat.h>

#include "store/hdf5_util.hpp"

namespace callsim::store {

bool is_results_file(const std::string& path) noexcept {
  try {
    // A FIFO or device would block or stream without end; only a regular file is read.
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
    const hdf5::ErrorRecorder quiet;  // a foreign file is an answer, not an error to print
    if (H5Fis_hdf5(path.c_str()) <= 0) return false;
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file < 0) return false;
    const bool ours = H5Aexists(file, "format_version") > 0 && H5Aexists(file, "callsim_version") > 0;
    H5Fclose(file);
    return ours;
  } catch (...) {  // an allocation failing in the recorder: not provably ours
    return false;
  }
}

}  // namespace callsim::store
