#include "store/hdf5_attributes.hpp"

#include <algorithm>

#include "store/hdf5_util.hpp"

namespace callsim::store::hdf5 {

namespace {

/// Frees what HDF5 allocated for variable-length strings read into `buffer`, also when
/// copying them out throws.
class VlenBuffer {
 public:
  VlenBuffer(const H5::DataType& type, const H5::DataSpace& space, std::size_t count)
      : type_(type), space_(space), pointers_(count, nullptr) {}
  ~VlenBuffer() {
    if (!pointers_.empty()) H5Dvlen_reclaim(type_.getId(), space_.getId(), H5P_DEFAULT, pointers_.data());
  }
  VlenBuffer(const VlenBuffer&) = delete;
  VlenBuffer& operator=(const VlenBuffer&) = delete;
  [[nodiscard]] char** data() { return pointers_.data(); }
  [[nodiscard]] const std::vector<char*>& pointers() const { return pointers_; }

 private:
  const H5::DataType& type_;
  const H5::DataSpace& space_;
  std::vector<char*> pointers_;
};

}  // namespace

H5::StrType text_type() {
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);
  return type;
}

void put_text_attr(const H5::H5Object& obj, const char* name, const std::string& value) {
  const H5::StrType type = text_type();
  obj.createAttribute(name, type, H5::DataSpace(H5S_SCALAR)).write(type, value);
}

void put_text_list_attr(const H5::H5Object& obj, const char* name, const std::vector<std::string>& values) {
  const H5::StrType type = text_type();
  const hsize_t count = values.size();
  // A simple dataspace even when empty (not H5S_NULL): readers then get an empty array
  // rather than a special "empty" object.
  const H5::Attribute attr = obj.createAttribute(name, type, H5::DataSpace(1, &count));
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& v : values) pointers.push_back(v.c_str());
  if (!pointers.empty()) attr.write(type, pointers.data());
}

H5::Attribute open_attr(const H5::H5Object& obj, const std::string& where, const char* name) {
  if (!obj.attrExists(name)) throw Problem(where + " has no attribute " + in_quotes(name));
  return obj.openAttribute(name);
}

std::string get_text_attr(const H5::H5Object& obj, const std::string& where, const char* name) {
  const H5::Attribute attr = open_attr(obj, where, name);
  if (attr.getTypeClass() != H5T_STRING) throw Problem(where + " attribute " + in_quotes(name) + " is not a string");
  std::string value;
  attr.read(attr.getStrType(), value);
  return value;
}

std::vector<std::string> get_text_list_attr(const H5::H5Object& obj, const std::string& where, const char* name) {
  const H5::Attribute attr = open_attr(obj, where, name);
  const std::string what = where + " attribute " + in_quotes(name);
  // HDF5 does not convert fixed-length strings to variable-length ones.
  if (attr.getTypeClass() != H5T_STRING || !attr.getStrType().isVariableStr())
    throw Problem(what + " is not a list of variable-length strings");
  const H5::DataSpace space = attr.getSpace();
  if (space.getSimpleExtentType() != H5S_SIMPLE || space.getSimpleExtentNdims() != 1)
    throw Problem(what + " is not a one-dimensional list");
  const H5::StrType type = attr.getStrType();
  VlenBuffer buffer(type, space, static_cast<std::size_t>(space.getSimpleExtentNpoints()));
  if (buffer.pointers().empty()) return {};
  attr.read(type, buffer.data());
  std::vector<std::string> values;
  values.reserve(buffer.pointers().size());
  for (const char* p : buffer.pointers()) values.emplace_back(p ? p : "");
  return values;
}

}  // namespace callsim::store::hdf5

namespace callsim::store::hdf5 {

void put_f64_list_attr(const H5::H5Object& obj, const char* name, const std::vector<double>& values) {
  const hsize_t count = values.size();
  const H5::Attribute attr = obj.createAttribute(name, H5::PredType::IEEE_F64LE, H5::DataSpace(1, &count));
  if (!values.empty()) attr.write(H5::PredType::NATIVE_DOUBLE, values.data());
}

std::vector<double> get_f64_list_attr(const H5::H5Object& obj, const std::string& where, const char* name) {
  const H5::Attribute attr = open_attr(obj, where, name);
  const H5::DataSpace space = attr.getSpace();
  if (attr.getTypeClass() != H5T_FLOAT || space.getSimpleExtentType() != H5S_SIMPLE ||
      space.getSimpleExtentNdims() != 1)
    throw Problem(where + " attribute " + in_quotes(name) + " is not a one-dimensional list of numbers");
  std::vector<double> values(static_cast<std::size_t>(space.getSimpleExtentNpoints()));
  if (!values.empty()) attr.read(H5::PredType::NATIVE_DOUBLE, values.data());
  return values;
}

void put_text_dataset(const H5::Group& group, const char* name, const std::string& text) {
  H5::DSetCreatPropList dcpl;
  untimed(dcpl);
  const H5::StrType type = text_type();
  group.createDataSet(name, type, H5::DataSpace(H5S_SCALAR), dcpl).write(text, type);
}

std::string get_text_dataset(const H5::Group& group, const std::string& where, const char* name) {
  const std::string what = in_quotes(where + "/" + name);
  if (!group.nameExists(name) || group.childObjType(name) != H5O_TYPE_DATASET) throw Problem(what + " is missing");
  const H5::DataSet dataset = group.openDataSet(name);
  if (dataset.getTypeClass() != H5T_STRING) throw Problem(what + " is not a string");
  std::string text;
  dataset.read(text, dataset.getStrType());
  return text;
}

void put_bytes_dataset(const H5::Group& group, const std::string& name, std::string_view bytes) {
  H5::DSetCreatPropList dcpl;
  untimed(dcpl);
  const hsize_t count = bytes.size();
  if (count > 0) {
    const hsize_t chunk = std::min<hsize_t>(count, 1 << 20);
    dcpl.setChunk(1, &chunk);
    dcpl.setDeflate(6);
  }
  const H5::DataSet dataset = group.createDataSet(name, H5::PredType::STD_U8LE, H5::DataSpace(1, &count), dcpl);
  if (count > 0) dataset.write(bytes.data(), H5::PredType::NATIVE_UINT8);
}

std::string get_bytes_dataset(const H5::Group& group, const std::string& where, const std::string& name) {
  const std::string what = in_quotes(where + "/" + name);
  if (!group.nameExists(name) || group.childObjType(name) != H5O_TYPE_DATASET) throw Problem(what + " is missing");
  const H5::DataSet dataset = group.openDataSet(name);
  const H5::DataSpace space = dataset.getSpace();
  if (dataset.getTypeClass() != H5T_INTEGER || space.getSimpleExtentNdims() != 1)
    throw Problem(what + " is not a one-dimensional array of bytes");
  std::string bytes(static_cast<std::size_t>(space.getSimpleExtentNpoints()), '\0');
  if (!bytes.empty()) dataset.read(bytes.data(), H5::PredType::NATIVE_UINT8);
  return bytes;
}

}  // namespace callsim::store::hdf5
