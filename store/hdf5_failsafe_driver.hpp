#pragma once
/// \file
/// The HDF5 file driver the results writer uses: POSIX I/O like HDF5's default ("sec2"),
/// writing the same bytes, except that a failed write (a full disk) is never reported to
/// HDF5. HDF5 1.10 copes badly with write errors: an object whose close fails stays half
/// destroyed, the C++ wrappers close it again in their destructors (printing to stderr),
/// and the library's exit handler crashes on it. So the driver records the errno for the
/// writer, keeps what HDF5 writes from then on in memory (an anonymous memfd, so HDF5 reads
/// back what it wrote and carries on consistently), and the writer, which checks after each
/// of its steps, gives up the file: closing then succeeds, and the temp file is removed.
/// Internal to store/results_*.cpp.

#include <H5Cpp.h>

namespace callsim::store::hdf5 {

/// Sets `fapl` to the fail-safe driver; the errno of the first failed write or truncation
/// of files opened with it goes to `*error` (which must outlive them; 0 until then).
void use_failsafe_driver(const H5::FileAccPropList& fapl, int* error);

}  // namespace callsim::store::hdf5
