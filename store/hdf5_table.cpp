#include "store/hdf5_table.hpp"

#include <algorithm>
#include <stdexcept>

#include "store/hdf5_util.hpp"

namespace callsim::store::hdf5 {

namespace {

std::size_t number_bytes(Kind kind) {
  switch (kind) {
    case Kind::U8:
    case Kind::ENUM8: return 1;
    case Kind::U32: return 4;
    default: return 8;
  }
}

H5::DataType field_type(const RowLayout::Field& f, bool in_file) {
  switch (f.kind) {
    case Kind::U8: return in_file ? H5::PredType::STD_U8LE : H5::PredType::NATIVE_UINT8;
    case Kind::U32: return in_file ? H5::PredType::STD_U32LE : H5::PredType::NATIVE_UINT32;
    case Kind::U64: return in_file ? H5::PredType::STD_U64LE : H5::PredType::NATIVE_UINT64;
    case Kind::F64: return in_file ? H5::PredType::IEEE_F64LE : H5::PredType::NATIVE_DOUBLE;
    case Kind::TEXT: {
      H5::StrType type(H5::PredType::C_S1, f.bytes);
      type.setStrpad(H5T_STR_NULLPAD);  // a value may use all bytes, with no terminator
      return type;
    }
    case Kind::ENUM8: {
      // HDF5 converts enums by name, so reading checks the names as well as the values.
      H5::EnumType type(H5::IntType(in_file ? H5::PredType::STD_U8LE : H5::PredType::NATIVE_UINT8));
      for (std::size_t i = 0; i < f.labels.size(); ++i) {
        auto value = static_cast<std::uint8_t>(i);  // insert() takes a non-const pointer
        type.insert(f.labels[i], &value);
      }
      return type;
    }
  }
  return H5::PredType::NATIVE_UINT8;
}

}  // namespace

void RowLayout::add(std::string name, Kind kind) {
  fields_.push_back({std::move(name), kind, size_, number_bytes(kind), {}});
  size_ += fields_.back().bytes;
}

void RowLayout::add_optional(std::string name, Kind kind) {
  add(std::move(name), kind);
  fields_.back().optional = true;
}

void RowLayout::add_text(std::string name, std::size_t bytes) {
  fields_.push_back({std::move(name), Kind::TEXT, size_, bytes, {}});
  size_ += bytes;
}

void RowLayout::add_enum(std::string name, std::vector<std::string> labels) {
  if (labels.size() > 256) throw std::logic_error("RowLayout::add_enum: more than 256 labels for a uint8 enum");
  fields_.push_back({std::move(name), Kind::ENUM8, size_, 1, std::move(labels)});
  size_ += 1;
}

H5::CompType RowLayout::type(bool in_file) const {
  H5::CompType type(size_);
  for (const auto& f : fields_) type.insertMember(f.name, f.offset, field_type(f, in_file));
  return type;
}

Table::Table(std::vector<hsize_t> dims_in, const RowLayout& layout) : dims(std::move(dims_in)) {
  rows.assign(count() * layout.size(), std::byte{0});
}

std::size_t Table::count() const {
  std::size_t n = 1;
  for (hsize_t d : dims) n *= static_cast<std::size_t>(d);
  return n;
}

void write_table(const H5::Group& group, const char* name, const RowLayout& layout, const Table& table) {
  H5::DSetCreatPropList dcpl;
  untimed(dcpl);
  if (table.count() > 0) {
    // Chunks of about kTableChunkBytes along the first axis, whole along the others.
    std::vector<hsize_t> chunk = table.dims;
    const hsize_t per_row = layout.size() * (table.count() / table.dims[0]);
    chunk[0] = std::clamp<hsize_t>(kTableChunkBytes / std::max<hsize_t>(per_row, 1), 1, table.dims[0]);
    dcpl.setChunk(static_cast<int>(chunk.size()), chunk.data());
    dcpl.setShuffle();  // byte planes: the high bytes of counts and times repeat
    dcpl.setDeflate(kTableDeflateLevel);
  }
  const H5::DataSpace space(static_cast<int>(table.dims.size()), table.dims.data());
  const H5::DataSet dataset = group.createDataSet(name, layout.type(true), space, dcpl);
  if (!table.rows.empty()) dataset.write(table.rows.data(), layout.type(false));
}

namespace {

/// Opens compound dataset `name` of `group` and checks it has every field of `layout`
/// (optional ones may be missing: listed in `absent`) and `rank` dimensions; returns it
/// with its dimensions.
H5::DataSet open_table(const H5::Group& group, const std::string& where, const char* name, const RowLayout& layout,
                       int rank, std::vector<hsize_t>& dims, std::vector<std::string>& absent) {
  const std::string what = in_quotes(where + "/" + name);
  if (!group.nameExists(name)) throw Problem(what + " is missing");
  if (group.childObjType(name) != H5O_TYPE_DATASET) throw Problem(what + " is not a dataset");
  const H5::DataSet dataset = group.openDataSet(name);
  if (dataset.getTypeClass() != H5T_COMPOUND) throw Problem(what + " is not a compound dataset");
  const H5::CompType file_type = dataset.getCompType();
  // HDF5 would leave a memory field absent from the file untouched, i.e. silently zero:
  // acceptable only for a field newer than the file, which the caller is told about.
  for (const auto& f : layout.fields()) {
    if (H5Tget_member_index(file_type.getId(), f.name.c_str()) >= 0) continue;
    if (!f.optional) throw Problem(what + " has no field " + in_quotes(f.name));
    absent.push_back(f.name);
  }
  const H5::DataSpace space = dataset.getSpace();
  if (space.getSimpleExtentNdims() != rank)
    throw Problem(what + " has " + std::to_string(space.getSimpleExtentNdims()) + " dimensions, not " +
                  std::to_string(rank));
  dims.assign(static_cast<std::size_t>(rank), 0);
  space.getSimpleExtentDims(dims.data());
  return dataset;
}

}  // namespace

Table read_table(const H5::Group& group, const std::string& where, const char* name, const RowLayout& layout,
                 int rank) {
  std::vector<hsize_t> dims;
  std::vector<std::string> absent;
  const H5::DataSet dataset = open_table(group, where, name, layout, rank, dims, absent);
  Table table(std::move(dims), layout);
  table.absent = std::move(absent);
  if (!table.rows.empty()) dataset.read(table.rows.data(), layout.type(false));
  return table;
}

void read_table_blocks(const H5::Group& group, const std::string& where, const char* name, const RowLayout& layout,
                       std::size_t block_rows, const std::function<void(const Table&)>& consume) {
  std::vector<hsize_t> dims;
  std::vector<std::string> absent;
  const H5::DataSet dataset = open_table(group, where, name, layout, 1, dims, absent);
  const H5::CompType memory_type = layout.type(false);
  const H5::DataSpace file_space = dataset.getSpace();
  for (hsize_t start = 0; start < dims[0]; start += block_rows) {
    const hsize_t count = std::min<hsize_t>(block_rows, dims[0] - start);
    Table block({count}, layout);
    block.absent = absent;
    file_space.selectHyperslab(H5S_SELECT_SET, &count, &start);
    const H5::DataSpace memory_space(1, &count);
    dataset.read(block.rows.data(), memory_type, memory_space, file_space);
    consume(block);
  }
}

}  // namespace callsim::store::hdf5
