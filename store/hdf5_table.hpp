#pragma once
/// \file
/// Compound ("table") datasets of the results store: a packed row layout built field by
/// field, cursors that fill and read packed rows, and whole-dataset write and read.
///
/// Rows are packed (no padding) and the same layout is the memory type, so HDF5 converts
/// only byte order, and matches fields by name when reading.

#include <H5Cpp.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace callsim::store::hdf5 {

/// What a field holds: little-endian numbers in the file, NUL-padded fixed-length text, or
/// an enum over uint8 (named values 0, 1, ...).
enum class Kind { U8, U32, U64, F64, TEXT, ENUM8 };

/// Field names and kinds of one compound dataset, in file order, with no padding.
class RowLayout {
 public:
  struct Field {
    std::string name;
    Kind kind;
    std::size_t offset;  ///< bytes from the start of the row
    std::size_t bytes;
    std::vector<std::string> labels;  ///< ENUM8: the name of value i at index i
    bool optional = false;            ///< added to the format later: older files may lack it
  };
  /// Appends a numeric field.
  void add(std::string name, Kind kind);
  /// Appends a numeric field that files written before it existed lack; read_table then
  /// leaves it 0 and lists it in Table::absent.
  void add_optional(std::string name, Kind kind);
  /// Appends a fixed-length text field of `bytes` bytes (a value may fill all of them).
  void add_text(std::string name, std::size_t bytes);
  /// Appends a uint8 enum field whose value i is named labels[i] (at most 256 labels).
  void add_enum(std::string name, std::vector<std::string> labels);
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] const std::vector<Field>& fields() const { return fields_; }
  /// The compound type: little-endian in the file, native in memory.
  [[nodiscard]] H5::CompType type(bool in_file) const;

 private:
  std::vector<Field> fields_;
  std::size_t size_ = 0;
};

/// Appends values to a packed row in layout order.
class RowWriter {
 public:
  explicit RowWriter(std::byte* row) : p_(row) {}
  void u8(std::uint8_t v) { put(v); }
  void u32(std::uint32_t v) { put(v); }
  void u64(std::uint64_t v) { put(v); }
  void f64(double v) { put(v); }
  /// `s` NUL-padded to `bytes`; the caller has checked that it fits.
  void text(std::string_view s, std::size_t bytes) {
    std::memset(p_, 0, bytes);
    std::memcpy(p_, s.data(), s.size());
    p_ += bytes;
  }

 private:
  template <class T>
  void put(T v) {
    std::memcpy(p_, &v, sizeof v);
    p_ += sizeof v;
  }
  std::byte* p_;
};

/// Takes values from a packed row in layout order.
class RowReader {
 public:
  explicit RowReader(const std::byte* row) : p_(row) {}
  std::uint8_t u8() { return get<std::uint8_t>(); }
  std::uint32_t u32() { return get<std::uint32_t>(); }
  std::uint64_t u64() { return get<std::uint64_t>(); }
  double f64() { return get<double>(); }
  /// A NUL-padded text field of `bytes` bytes, without the padding.
  std::string text(std::size_t bytes) {
    std::string s(reinterpret_cast<const char*>(p_), bytes);
    p_ += bytes;
    return s.substr(0, s.find('\0'));
  }

 private:
  template <class T>
  T get() {
    T v;
    std::memcpy(&v, p_, sizeof v);
    p_ += sizeof v;
    return v;
  }
  const std::byte* p_;
};

/// Packed rows of one dataset, in C order, and the dataset's dimensions.
struct Table {
  std::vector<hsize_t> dims;
  std::vector<std::byte> rows;
  std::vector<std::string> absent;  ///< optional fields of the layout the file did not have

  /// Rows of `layout.size()` bytes, all zero, for a dataset of dimensions `dims`.
  Table(std::vector<hsize_t> dims, const RowLayout& layout);
  Table() = default;
  /// Number of rows: the product of dims.
  [[nodiscard]] std::size_t count() const;
};

/// Bytes of a chunk of a table written by write_table (the per-call table has its own).
inline constexpr std::size_t kTableChunkBytes = 256 * 1024;
/// zlib level of the tables (after the shuffle filter).
inline constexpr int kTableDeflateLevel = 6;

/// Creates dataset `name` in `group` (untimed) and writes `table` to it: chunked (about
/// kTableChunkBytes a chunk), shuffled and deflated, unless it has no rows (then
/// contiguous: there is nothing to compress).
void write_table(const H5::Group& group, const char* name, const RowLayout& layout, const Table& table);

/// Reads the whole compound dataset `name` of `group`, which must have every field of
/// `layout` (by name; optional ones may be absent) and `rank` dimensions. `where` is the group's path for messages.
/// Throws hdf5::Problem otherwise.
Table read_table(const H5::Group& group, const std::string& where, const char* name, const RowLayout& layout, int rank);

/// Reads the 1-D compound dataset `name` of `group` (checked as read_table checks it) in
/// blocks of at most `block_rows` rows, in order, handing each to `consume`: memory holds
/// one block however long the dataset is.
void read_table_blocks(const H5::Group& group, const std::string& where, const char* name, const RowLayout& layout,
                       std::size_t block_rows, const std::function<void(const Table&)>& consume);

}  // namespace callsim::store::hdf5
