#include "store/hdf5_call_table.hpp"

#include <algorithm>
#include <string>

#include "store/hdf5_names.hpp"
#include "store/hdf5_util.hpp"

namespace callsim::store::hdf5 {

namespace {

/// 1 + `index`, or 0 for run::kNoIndex.
std::uint64_t needed(std::uint32_t index) { return index == run::kNoIndex ? 0 : std::uint64_t{index} + 1; }

H5::DSetCreatPropList calls_creation(const RowLayout& layout) {
  if (H5Zfilter_avail(H5Z_FILTER_DEFLATE) <= 0 || H5Zfilter_avail(H5Z_FILTER_SHUFFLE) <= 0)
    throw Problem("this HDF5 library lacks the deflate or shuffle filter the per-call table needs");
  H5::DSetCreatPropList dcpl;
  untimed(dcpl);
  const hsize_t chunk = kCallChunkRows;
  dcpl.setChunk(1, &chunk);
  // Shuffle groups byte i of every row together: the near-constant high bytes of times,
  // the mostly-NaN and mostly-zero fields compress far better that way.
  dcpl.setShuffle();
  dcpl.setDeflate(kCallDeflateLevel);
  // A zero fill value, written into the unused tail of the last chunk: without one that
  // tail would hold whatever memory HDF5 had, and two identical runs' files would differ.
  const std::vector<std::byte> zero_row(layout.size(), std::byte{0});
  dcpl.setFillValue(layout.type(false), zero_row.data());
  return dcpl;
}

}  // namespace

RowLayout calls_layout() {
  RowLayout layout;
  layout.add("replication", Kind::U32);
  layout.add("call", Kind::U64);
  layout.add("call_type", Kind::U32);
  layout.add("attempt", Kind::U32);
  layout.add_enum("outcome", {run::kCallOutcomeNames.begin(), run::kCallOutcomeNames.end()});
  layout.add("counted", Kind::U8);
  for (const char* name : {"arrival", "queue_arrival", "answer", "end", "wait", "talk", "wrap_up"})
    layout.add(name, Kind::F64);
  layout.add("group", Kind::U32);
  layout.add("agent", Kind::U32);
  return layout;
}

void put_call(RowWriter& w, const run::CallRecord& c) {
  w.u32(c.replication);
  w.u64(c.call);
  w.u32(c.call_type);
  w.u32(c.attempt);
  w.u8(static_cast<std::uint8_t>(c.outcome));
  w.u8(c.counted ? 1 : 0);
  for (double v : {c.arrival, c.queue_arrival, c.answer, c.end, c.wait, c.talk, c.wrap_up}) w.f64(v);
  w.u32(c.group);
  w.u32(c.agent);
}

run::CallRecord get_call(RowReader& r) {
  run::CallRecord c;
  c.replication = r.u32();
  c.call = r.u64();
  c.call_type = r.u32();
  c.attempt = r.u32();
  c.outcome = static_cast<run::CallOutcome>(r.u8());  // HDF5 has mapped the file's enum by name
  c.counted = r.u8() != 0;
  for (double* v : {&c.arrival, &c.queue_arrival, &c.answer, &c.end, &c.wait, &c.talk, &c.wrap_up}) *v = r.f64();
  c.group = r.u32();
  c.agent = r.u32();
  return c;
}

CallTableWriter::CallTableWriter(const H5::H5File& file)
    : layout_(calls_layout()), memory_type_(layout_.type(false)), buffer_(kCallChunkRows * layout_.size()) {
  const hsize_t none = 0, unlimited = H5S_UNLIMITED;
  const H5::DataSpace space(1, &none, &unlimited);
  const H5::DSetCreatPropList dcpl = calls_creation(layout_);
  const hid_t id = H5Dcreate_anon(file.getId(), layout_.type(true).getId(), space.getId(), dcpl.getId(), H5P_DEFAULT);
  if (id < 0) throw H5::DataSetIException("H5Dcreate_anon", "creating the per-call table failed");
  dataset_ = H5::DataSet(id);  // takes a reference of its own
  H5Dclose(id);
}

void CallTableWriter::append(std::span<const run::CallRecord> rows) {
  for (const run::CallRecord& c : rows) {
    RowWriter w(buffer_.data() + buffered_ * layout_.size());
    put_call(w, c);
    replications_needed_ = std::max(replications_needed_, needed(c.replication));
    call_types_needed_ = std::max(call_types_needed_, needed(c.call_type));
    groups_needed_ = std::max(groups_needed_, needed(c.group));
    if (++buffered_ == kCallChunkRows) flush();
  }
}

void CallTableWriter::flush() {
  if (buffered_ == 0) return;
  const hsize_t count = buffered_, total = written_ + count;
  dataset_.extend(&total);
  // The dataspace changed with extend(): select in a fresh one.
  const H5::DataSpace file_space = dataset_.getSpace();
  file_space.selectHyperslab(H5S_SELECT_SET, &count, &written_);
  const H5::DataSpace memory_space(1, &count);
  dataset_.write(buffer_.data(), memory_type_, memory_space, file_space);
  written_ = total;
  buffered_ = 0;
}

bool CallTableWriter::close() noexcept { return close_once(dataset_); }

void CallTableWriter::finish(const H5::Group& group) {
  flush();
  check(H5Olink(dataset_.getId(), group.getId(), names::kCalls, H5P_DEFAULT, H5P_DEFAULT), "H5Olink");
}

}  // namespace callsim::store::hdf5
