#pragma once
/// \file
/// Writing and reading the results store's HDF5 attributes: UTF-8 strings, lists of them,
/// and scalar numbers. Readers throw hdf5::Problem naming the object and the attribute.

#include <H5Cpp.h>

#include <string>
#include <string_view>
#include <vector>

namespace callsim::store::hdf5 {

/// Variable-length UTF-8 string: what every text attribute and `/scenario` use.
H5::StrType text_type();

/// A scalar variable-length UTF-8 string attribute.
void put_text_attr(const H5::H5Object& obj, const char* name, const std::string& value);

/// A 1-D attribute of variable-length UTF-8 strings, in the given order; an empty list
/// gives a zero-length dataspace. Strings must not contain NUL bytes (HDF5 stores them as
/// C strings); the caller checks that.
void put_text_list_attr(const H5::H5Object& obj, const char* name, const std::vector<std::string>& values);

/// A scalar numeric attribute of type `file_type`, written from a `mem_type` value.
template <class T>
void put_number_attr(const H5::H5Object& obj, const char* name, const H5::PredType& file_type,
                     const H5::PredType& mem_type, T value) {
  obj.createAttribute(name, file_type, H5::DataSpace(H5S_SCALAR)).write(mem_type, &value);
}

/// Opens attribute `name` of `obj`; `where` names `obj` in the message if it is missing.
H5::Attribute open_attr(const H5::H5Object& obj, const std::string& where, const char* name);

/// A scalar string attribute (fixed or variable length).
std::string get_text_attr(const H5::H5Object& obj, const std::string& where, const char* name);

/// A 1-D attribute of variable-length strings, as written by put_text_list_attr.
std::vector<std::string> get_text_list_attr(const H5::H5Object& obj, const std::string& where, const char* name);

/// A scalar numeric attribute, converted by HDF5 to `mem_type`.
template <class T>
T get_number_attr(const H5::H5Object& obj, const std::string& where, const char* name, const H5::PredType& mem_type) {
  T value{};
  open_attr(obj, where, name).read(mem_type, &value);
  return value;
}

/// A 1-D float64 attribute (shape (0) when empty), and reading it back.
void put_f64_list_attr(const H5::H5Object& obj, const char* name, const std::vector<double>& values);
std::vector<double> get_f64_list_attr(const H5::H5Object& obj, const std::string& where, const char* name);

/// A scalar variable-length UTF-8 string dataset (untimed; `text` without NUL bytes).
void put_text_dataset(const H5::Group& group, const char* name, const std::string& text);
/// Reads what put_text_dataset wrote; `where` is the group's path for messages.
std::string get_text_dataset(const H5::Group& group, const std::string& where, const char* name);

/// A 1-D uint8 dataset holding `bytes` exactly (chunked and deflated unless empty).
void put_bytes_dataset(const H5::Group& group, const std::string& name, std::string_view bytes);
std::string get_bytes_dataset(const H5::Group& group, const std::string& where, const std::string& name);

}  // namespace callsim::store::hdf5
