#pragma once
/// \file
/// `/<run>/calls`, the optional per-call table (docs/results-format.md): its row layout,
/// and its writer, which appends rows to a chunked, compressed, extendible dataset a
/// chunk at a time. Writer and reader share the layout.

#include <H5Cpp.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "run/call_records.hpp"
#include "store/hdf5_table.hpp"

namespace callsim::store::hdf5 {

/// Rows per chunk of `calls`: 1.4 MB uncompressed, about what HDF5's default 1 MiB chunk
/// cache and common readers handle well. 4096 or 65536 rows change the size by ~1%.
inline constexpr std::size_t kCallChunkRows = 16384;
/// zlib level of `calls` (after the shuffle filter). The times' mantissas are random, so
/// levels 4 and 6 save only 1.5-2% of the size for 20-45% more writing time (the
/// measurements are in docs/results-format.md); writing is the --calls run's bottleneck.
inline constexpr int kCallDeflateLevel = 1;

/// The fields of `calls`, in file order.
RowLayout calls_layout();
void put_call(RowWriter& w, const run::CallRecord& c);
/// Reads what put_call wrote.
run::CallRecord get_call(RowReader& r);

/// Writes one run's `calls`. The dataset is created anonymous (HDF5 gives it no name)
/// and linked as `calls` into the run's group at the end, once the run groups exist in
/// their order. Rows are buffered and written a whole chunk at a time, so each chunk is
/// compressed and written once; memory holds at most one chunk of rows.
class CallTableWriter {
 public:
  explicit CallTableWriter(const H5::H5File& file);

  /// Appends `rows` after those already given.
  void append(std::span<const run::CallRecord> rows);
  /// Writes the rows still buffered and names the dataset `calls` in `group`.
  void finish(const H5::Group& group);
  /// Closes the dataset exactly once (hdf5::close_once); false when closing failed. The
  /// writer is unusable afterwards. Never throws.
  bool close() noexcept;

  /// 1 + the largest index the rows used (0 if none), for the checks against the run:
  /// a run needs at least that many replications, call types and agent groups.
  [[nodiscard]] std::uint64_t replications_needed() const { return replications_needed_; }
  [[nodiscard]] std::uint64_t call_types_needed() const { return call_types_needed_; }
  [[nodiscard]] std::uint64_t groups_needed() const { return groups_needed_; }

 private:
  /// Writes the buffered rows at the end of the dataset.
  void flush();

  RowLayout layout_;
  H5::CompType memory_type_;
  H5::DataSet dataset_;
  std::vector<std::byte> buffer_;  ///< packed rows not yet written
  std::size_t buffered_ = 0;       ///< rows in buffer_
  hsize_t written_ = 0;            ///< rows in the dataset
  std::uint64_t replications_needed_ = 0, call_types_needed_ = 0, groups_needed_ = 0;
};

}  // namespace callsim::store::hdf5
