// The writer and the reader of one public format, kept together so they cannot drift
// apart; docs/results-format.md is the contract they implement.

#include "analysis/results_store.hpp"

#include <H5Cpp.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <limits>
#include <set>
#include <sstream>
#include <string_view>
#include <system_error>
#include <vector>

namespace callsim::analysis {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kKpiNameBytes = 32;
constexpr std::size_t kUnitBytes = 16;
// Counts travel as float64 KPIs; every integer up to 2^53 is exact there.
constexpr std::uint64_t kMaxExactCount = std::uint64_t{1} << 53;
constexpr const char* kScenarioName = "scenario";

// A reason without the file name; the public functions add "cannot ... file 'x': ".
class Problem : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

std::string temp_path(const std::string& path) { return path + ".tmp-" + std::to_string(::getpid()); }

// H5::Exception only says which wrapper failed ("H5Fcreate failed"); the innermost entry
// of HDF5's error stack says why (e.g. "unable to lock file, errno = 11"). It is gone once
// the next HDF5 call runs (unwinding closes objects), so record it when HDF5 reports it.
// Installing this handler also silences HDF5's own printing, as dontPrint() would.
class ErrorRecorder {
 public:
  ErrorRecorder() {
    H5Eget_auto2(H5E_DEFAULT, &old_func_, &old_data_);
    H5Eset_auto2(H5E_DEFAULT, &ErrorRecorder::record, &innermost_);
  }
  ~ErrorRecorder() { H5Eset_auto2(H5E_DEFAULT, old_func_, old_data_); }
  ErrorRecorder(const ErrorRecorder&) = delete;
  ErrorRecorder& operator=(const ErrorRecorder&) = delete;

  std::string describe(const H5::Exception& e) const {
    std::string text = "HDF5 error in " + e.getFuncName() + ": " + e.getDetailMsg();
    if (!innermost_.empty()) text += " (" + innermost_ + ")";
    return text;
  }

 private:
  static herr_t record(hid_t stack, void* data) {
    H5Ewalk2(stack, H5E_WALK_DOWNWARD, &ErrorRecorder::keep_last, data);
    return 0;
  }
  static herr_t keep_last(unsigned, const H5E_error2_t* entry, void* data) {
    auto& out = *static_cast<std::string*>(data);
    out = std::string(entry->func_name ? entry->func_name : "?") + "(): " + (entry->desc ? entry->desc : "");
    return 0;
  }

  H5E_auto2_t old_func_ = nullptr;
  void* old_data_ = nullptr;
  std::string innermost_;
};

void h5_check(herr_t status, const char* what) {
  if (status < 0) throw H5::Exception(what, "failed");
}

// Creation and modification times would make two identical runs differ byte for byte.
template <class PropList>
void untimed(const PropList& plist) {
  h5_check(H5Pset_obj_track_times(plist.getId(), false), "H5Pset_obj_track_times");
}

// ---- compound rows: packed, built field by field ----------------------------------------

enum class Kind { kU32, kU64, kF64, kKpiName, kUnit };

std::size_t kind_size(Kind kind) {
  switch (kind) {
    case Kind::kU32: return 4;
    case Kind::kU64: return 8;
    case Kind::kF64: return 8;
    case Kind::kKpiName: return kKpiNameBytes;
    case Kind::kUnit: return kUnitBytes;
  }
  return 0;
}

H5::DataType h5_type(Kind kind, bool in_file) {
  switch (kind) {
    case Kind::kU32: return in_file ? H5::PredType::STD_U32LE : H5::PredType::NATIVE_UINT32;
    case Kind::kU64: return in_file ? H5::PredType::STD_U64LE : H5::PredType::NATIVE_UINT64;
    case Kind::kF64: return in_file ? H5::PredType::IEEE_F64LE : H5::PredType::NATIVE_DOUBLE;
    case Kind::kKpiName:
    case Kind::kUnit: {
      H5::StrType type(H5::PredType::C_S1, kind_size(kind));
      type.setStrpad(H5T_STR_NULLPAD);  // a name may use all bytes
      return type;
    }
  }
  return H5::PredType::NATIVE_UINT8;
}

/// Field names and kinds of one compound dataset, in file order, with no padding. The same
/// layout is the memory type, so HDF5 converts only byte order, and matches fields by name.
class RowLayout {
 public:
  struct Field {
    std::string name;
    Kind kind;
    std::size_t offset;
  };
  void add(std::string name, Kind kind) {
    fields_.push_back({std::move(name), kind, size_});
    size_ += kind_size(kind);
  }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] const std::vector<Field>& fields() const { return fields_; }
  [[nodiscard]] H5::CompType type(bool in_file) const {
    H5::CompType type(size_);
    for (const auto& f : fields_) type.insertMember(f.name, f.offset, h5_type(f.kind, in_file));
    return type;
  }

 private:
  std::vector<Field> fields_;
  std::size_t size_ = 0;
};

/// Appends values to a packed row in layout order.
class RowWriter {
 public:
  explicit RowWriter(std::byte* row) : p_(row) {}
  void u32(std::uint32_t v) { put(v); }
  void u64(std::uint64_t v) { put(v); }
  void f64(double v) { put(v); }
  void str(std::string_view s, std::size_t bytes) {
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
  std::uint32_t u32() { return get<std::uint32_t>(); }
  std::uint64_t u64() { return get<std::uint64_t>(); }
  double f64() { return get<double>(); }
  std::string str(std::size_t bytes) {
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

void add_tally_fields(RowLayout& layout) {
  for (const auto& def : kpi_definitions()) layout.add(std::string(def.name), Kind::kF64);
  for (const char* name : {"answered_within", "abandoned_within", "waited"}) layout.add(name, Kind::kU64);
  for (const char* name : {"wait_answered_sum", "wait_all_sum", "busy_time", "staffed_time"})
    layout.add(name, Kind::kF64);
}

RowLayout replications_layout() {
  RowLayout layout;
  layout.add("replication", Kind::kU32);
  layout.add("calls_simulated", Kind::kU64);
  add_tally_fields(layout);
  return layout;
}

RowLayout intervals_layout() {
  RowLayout layout;
  layout.add("replication", Kind::kU32);
  layout.add("interval", Kind::kU32);
  layout.add("interval_start", Kind::kF64);
  add_tally_fields(layout);
  return layout;
}

RowLayout summary_layout() {
  RowLayout layout;
  layout.add("kpi", Kind::kKpiName);
  layout.add("unit", Kind::kUnit);
  for (const char* name : {"mean", "std", "ci95"}) layout.add(name, Kind::kF64);
  layout.add("n", Kind::kU64);
  return layout;
}

void put_tally(RowWriter& w, const KpiTally& t) {
  for (double kpi : compute_kpis(t)) w.f64(kpi);
  w.u64(t.answered_within);
  w.u64(t.abandoned_within);
  w.u64(t.waited);
  w.f64(t.wait_answered);
  w.f64(t.wait_all);
  w.f64(t.busy_time);
  w.f64(t.staffed_time);
}

std::size_t kpi_index(std::string_view name) {
  const auto defs = kpi_definitions();
  for (std::size_t i = 0; i < defs.size(); ++i)
    if (defs[i].name == name) return i;
  throw std::logic_error("results store: KPI '" + std::string(name) + "' is not defined");
}

std::uint64_t exact_count(double value, std::string_view field, const std::string& where) {
  if (!(value >= 0) || value > static_cast<double>(kMaxExactCount) || std::floor(value) != value) {
    std::ostringstream msg;
    msg << where << " field " << in_quotes(field) << " holds " << value << ", not a whole number of calls";
    throw Problem(msg.str());
  }
  return static_cast<std::uint64_t>(value);
}

KpiTally get_tally(RowReader& r, const std::string& where) {
  std::vector<double> kpis(kpi_definitions().size());
  for (double& kpi : kpis) kpi = r.f64();
  KpiTally t;
  t.offered = exact_count(kpis[kpi_index("offered")], "offered", where);
  t.answered = exact_count(kpis[kpi_index("answered")], "answered", where);
  t.abandoned = exact_count(kpis[kpi_index("abandoned")], "abandoned", where);
  t.answered_within = r.u64();
  t.abandoned_within = r.u64();
  t.waited = r.u64();
  t.wait_answered = r.f64();
  t.wait_all = r.f64();
  t.busy_time = r.f64();
  t.staffed_time = r.f64();
  return t;
}

// ---- attributes ---------------------------------------------------------------------------

H5::StrType text_type() {
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);
  return type;
}

void put_attr(const H5::H5Object& obj, const char* name, const std::string& value) {
  const H5::StrType type = text_type();
  obj.createAttribute(name, type, H5::DataSpace(H5S_SCALAR)).write(type, value);
}

template <class T>
void put_attr(const H5::H5Object& obj, const char* name, const H5::PredType& file_type,
              const H5::PredType& mem_type, T value) {
  obj.createAttribute(name, file_type, H5::DataSpace(H5S_SCALAR)).write(mem_type, &value);
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

template <class T>
T get_number_attr(const H5::H5Object& obj, const std::string& where, const char* name,
                  const H5::PredType& mem_type) {
  T value{};
  open_attr(obj, where, name).read(mem_type, &value);
  return value;
}

// ---- datasets -----------------------------------------------------------------------------

void write_table(const H5::Group& group, const char* name, const RowLayout& layout,
                 const std::vector<hsize_t>& dims, const std::vector<std::byte>& rows) {
  H5::DSetCreatPropList dcpl;
  untimed(dcpl);
  const H5::DataSpace space(static_cast<int>(dims.size()), dims.data());
  const H5::DataSet dataset = group.createDataSet(name, layout.type(true), space, dcpl);
  if (!rows.empty()) dataset.write(rows.data(), layout.type(false));
}

struct Table {
  std::vector<hsize_t> dims;
  std::vector<std::byte> rows;
};

Table read_table(const H5::Group& group, const std::string& where, const char* name,
                 const RowLayout& layout, int rank) {
  const std::string what = in_quotes(where + "/" + name);
  if (!group.nameExists(name)) throw Problem(what + " is missing");
  const H5::DataSet dataset = group.openDataSet(name);
  if (dataset.getTypeClass() != H5T_COMPOUND) throw Problem(what + " is not a compound dataset");
  const H5::CompType file_type = dataset.getCompType();
  // HDF5 would leave a memory field absent from the file untouched, i.e. silently zero.
  for (const auto& f : layout.fields())
    if (H5Tget_member_index(file_type.getId(), f.name.c_str()) < 0)
      throw Problem(what + " has no field " + in_quotes(f.name));
  const H5::DataSpace space = dataset.getSpace();
  if (space.getSimpleExtentNdims() != rank)
    throw Problem(what + " has " + std::to_string(space.getSimpleExtentNdims()) + " dimensions, not " +
                  std::to_string(rank));
  Table table;
  table.dims.resize(static_cast<std::size_t>(rank));
  space.getSimpleExtentDims(table.dims.data());
  std::size_t count = 1;
  for (hsize_t d : table.dims) count *= d;
  table.rows.resize(count * layout.size());
  if (count > 0) dataset.read(table.rows.data(), layout.type(false));
  return table;
}

// ---- writing ------------------------------------------------------------------------------

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

void check_run(const RunResult& run, std::set<std::string>& names) {
  if (run.name.empty() || run.name == "." || run.name == kScenarioName || run.name.find('/') != std::string::npos)
    throw Problem("run name " + in_quotes(run.name) +
                  " is not allowed (it must be non-empty, must not contain '/', and must not be '.' or 'scenario')");
  if (!names.insert(run.name).second) throw Problem("two runs are named " + in_quotes(run.name));
  const std::string where = "in run " + in_quotes(run.name) + ", ";
  if (run.replications.size() > std::numeric_limits<std::uint32_t>::max())
    throw Problem(where + "there are more replications than the uint32 field 'replication' holds");
  for (std::size_t r = 0; r < run.replications.size(); ++r) {
    const auto& rep = run.replications[r];
    if (rep.intervals.size() != run.replications[0].intervals.size())
      throw Problem(where + "replication " + std::to_string(r) + " has " + std::to_string(rep.intervals.size()) +
                    " intervals but replication 0 has " + std::to_string(run.replications[0].intervals.size()));
    if (rep.intervals.size() > std::numeric_limits<std::uint32_t>::max())
      throw Problem(where + "there are more intervals than the uint32 field 'interval' holds");
    auto check_counts = [&](const KpiTally& t) {
      if (t.offered > kMaxExactCount || t.answered > kMaxExactCount || t.abandoned > kMaxExactCount)
        throw Problem(where + "replication " + std::to_string(r) +
                      " counts more than 2^53 calls, which a float64 KPI cannot hold exactly");
    };
    check_counts(rep.total);
    for (const auto& t : rep.intervals) check_counts(t);
  }
  for (const auto& s : run.summary)
    if (s.kpi.size() > kKpiNameBytes)
      throw Problem(where + "summary KPI name " + in_quotes(s.kpi) + " is longer than 32 bytes");
}

std::string unit_of(std::string_view kpi) {
  for (const auto& def : kpi_definitions())
    if (def.name == kpi) return std::string(def.unit.substr(0, kUnitBytes));
  return "";  // a summary row of something that is not a KPI: no unit known
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

void write_run(const H5::H5File& file, const RunResult& run) {
  const H5::Group group = create_untimed_group(file, run.name);
  const hsize_t reps = run.replications.size();
  const hsize_t intervals = reps > 0 ? run.replications[0].intervals.size() : 0;
  put_attr(group, "interval_seconds", H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE, run.interval_seconds);
  put_attr(group, "warmup_seconds", H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE, run.warmup_seconds);
  put_attr(group, "service_level_threshold", H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE,
           run.service_level_threshold);
  put_attr(group, "replications", H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64, std::uint64_t{reps});

  const RowLayout rep_layout = replications_layout();
  std::vector<std::byte> rows(reps * rep_layout.size());
  for (std::size_t r = 0; r < reps; ++r) {
    RowWriter w(rows.data() + r * rep_layout.size());
    w.u32(static_cast<std::uint32_t>(r));
    w.u64(run.replications[r].calls_simulated);
    put_tally(w, run.replications[r].total);
  }
  write_table(group, "replications", rep_layout, {reps}, rows);

  const RowLayout iv_layout = intervals_layout();
  rows.assign(reps * intervals * iv_layout.size(), std::byte{0});
  for (std::size_t r = 0; r < reps; ++r) {
    for (std::size_t i = 0; i < intervals; ++i) {
      RowWriter w(rows.data() + (r * intervals + i) * iv_layout.size());
      w.u32(static_cast<std::uint32_t>(r));
      w.u32(static_cast<std::uint32_t>(i));
      w.f64(run.warmup_seconds + static_cast<double>(i) * run.interval_seconds);
      put_tally(w, run.replications[r].intervals[i]);
    }
  }
  write_table(group, "intervals", iv_layout, {reps, intervals}, rows);

  const RowLayout sum_layout = summary_layout();
  rows.assign(run.summary.size() * sum_layout.size(), std::byte{0});
  for (std::size_t k = 0; k < run.summary.size(); ++k) {
    const KpiSummary& s = run.summary[k];
    RowWriter w(rows.data() + k * sum_layout.size());
    w.str(s.kpi, kKpiNameBytes);
    w.str(unit_of(s.kpi), kUnitBytes);
    w.f64(s.mean);
    w.f64(s.std_dev);
    w.f64(s.ci95);
    w.u64(s.n);
  }
  write_table(group, "summary", sum_layout, {run.summary.size()}, rows);
}

void write_file(const std::string& file_path, const ResultsFile& contents) {
  const H5::FileCreatPropList fcpl;
  untimed(fcpl);  // the root group
  // Runs are groups under "/": track their order so readers get them back as written.
  h5_check(H5Pset_link_creation_order(fcpl.getId(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
           "H5Pset_link_creation_order");
  H5::H5File file(file_path, H5F_ACC_TRUNC, fcpl);
  const std::uint64_t first_reps = contents.runs.empty() ? 0 : contents.runs[0].replications.size();
  put_attr(file, "format_version", H5::PredType::STD_I32LE, H5::PredType::NATIVE_INT, kResultsFormatVersion);
  put_attr(file, "callsim_version", contents.callsim_version);
  put_attr(file, "created", utc_now());
  put_attr(file, "seed", H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64, contents.seed);
  put_attr(file, "replications", H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64, first_reps);
  put_attr(file, "command_line", contents.command_line);
  {
    H5::DSetCreatPropList dcpl;
    untimed(dcpl);
    const H5::StrType type = text_type();
    const H5::DataSet scenario = file.createDataSet(kScenarioName, type, H5::DataSpace(H5S_SCALAR), dcpl);
    scenario.write(contents.scenario_text, type);
    put_attr(scenario, "path", contents.scenario_path);
  }
  std::set<std::string> names;
  for (const auto& run : contents.runs) {
    check_run(run, names);
    write_run(file, run);
  }
  file.close();  // flush now: a failure here must still abort the rename
}

// Without this, a crash soon after the rename can leave an empty file under the new name.
void sync_to_disk(const std::string& file_path) {
  const int fd = ::open(file_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Problem("reopening " + in_quotes(file_path) + " failed (" + errno_text(errno) + ")");
  const int status = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (status != 0) throw Problem("flushing " + in_quotes(file_path) + " to disk failed (" + errno_text(err) + ")");
}

// ---- reading ------------------------------------------------------------------------------

RunResult read_run(const H5::Group& group, const std::string& name) {
  const std::string where = in_quotes("/" + name);
  RunResult run;
  run.name = name;
  run.interval_seconds = get_number_attr<double>(group, where, "interval_seconds", H5::PredType::NATIVE_DOUBLE);
  run.warmup_seconds = get_number_attr<double>(group, where, "warmup_seconds", H5::PredType::NATIVE_DOUBLE);
  run.service_level_threshold =
      get_number_attr<double>(group, where, "service_level_threshold", H5::PredType::NATIVE_DOUBLE);

  const RowLayout rep_layout = replications_layout();
  const Table reps = read_table(group, "/" + name, "replications", rep_layout, 1);
  run.replications.resize(reps.dims[0]);
  for (std::size_t r = 0; r < run.replications.size(); ++r) {
    const std::string row = "row " + std::to_string(r) + " of " + in_quotes("/" + name + "/replications");
    RowReader rd(reps.rows.data() + r * rep_layout.size());
    if (rd.u32() != r) throw Problem(row + " is not replication " + std::to_string(r));
    run.replications[r].calls_simulated = rd.u64();
    run.replications[r].total = get_tally(rd, row);
  }

  const RowLayout iv_layout = intervals_layout();
  const Table ivs = read_table(group, "/" + name, "intervals", iv_layout, 2);
  if (ivs.dims[0] != reps.dims[0])
    throw Problem(in_quotes("/" + name + "/intervals") + " has " + std::to_string(ivs.dims[0]) + " replications, " +
                  in_quotes("/" + name + "/replications") + " has " + std::to_string(reps.dims[0]));
  for (std::size_t r = 0; r < run.replications.size(); ++r) {
    auto& intervals = run.replications[r].intervals;
    intervals.resize(ivs.dims[1]);
    for (std::size_t i = 0; i < intervals.size(); ++i) {
      const std::string row = "row [" + std::to_string(r) + ", " + std::to_string(i) + "] of " +
                              in_quotes("/" + name + "/intervals");
      RowReader rd(ivs.rows.data() + (r * intervals.size() + i) * iv_layout.size());
      if (rd.u32() != r || rd.u32() != i) throw Problem(row + " has the wrong replication or interval number");
      rd.f64();  // interval_start: derived from the run's attributes
      intervals[i] = get_tally(rd, row);
    }
  }

  const RowLayout sum_layout = summary_layout();
  const Table summary = read_table(group, "/" + name, "summary", sum_layout, 1);
  run.summary.resize(summary.dims[0]);
  for (std::size_t k = 0; k < run.summary.size(); ++k) {
    RowReader rd(summary.rows.data() + k * sum_layout.size());
    KpiSummary& s = run.summary[k];
    s.kpi = rd.str(kKpiNameBytes);
    rd.str(kUnitBytes);  // the unit follows from the KPI name
    s.mean = rd.f64();
    s.std_dev = rd.f64();
    s.ci95 = rd.f64();
    s.n = rd.u64();
  }
  return run;
}

// Asks the root group itself: a reopened file's creation property list reports 0 here.
bool tracks_creation_order(const H5::Group& group) {
  const hid_t gcpl = H5Gget_create_plist(group.getId());
  h5_check(gcpl < 0 ? -1 : 0, "H5Gget_create_plist");
  unsigned flags = 0;
  const herr_t status = H5Pget_link_creation_order(gcpl, &flags);
  H5Pclose(gcpl);
  h5_check(status, "H5Pget_link_creation_order");
  return (flags & H5P_CRT_ORDER_TRACKED) != 0;
}

std::vector<std::string> run_names(const H5::H5File& file) {
  const H5_index_t index = tracks_creation_order(file.openGroup("/")) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  H5G_info_t info;
  h5_check(H5Gget_info(file.getId(), &info), "H5Gget_info");
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t length = H5Lget_name_by_idx(file.getId(), ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    h5_check(length < 0 ? -1 : 0, "H5Lget_name_by_idx");
    std::vector<char> name(static_cast<std::size_t>(length) + 1);
    h5_check(H5Lget_name_by_idx(file.getId(), ".", index, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT) < 0
                 ? -1
                 : 0,
             "H5Lget_name_by_idx");
    const std::string n(name.data());
    if (file.childObjType(n) == H5O_TYPE_GROUP) names.push_back(n);
  }
  return names;
}

ResultsFile read_file(const H5::H5File& file) {
  const std::string root = "'/'";
  const int version = get_number_attr<int>(file, root, "format_version", H5::PredType::NATIVE_INT);
  if (version != kResultsFormatVersion)
    throw Problem("its format_version is " + std::to_string(version) + "; this callsim reads version " +
                  std::to_string(kResultsFormatVersion));
  ResultsFile contents;
  contents.callsim_version = get_text_attr(file, root, "callsim_version");
  contents.command_line = get_text_attr(file, root, "command_line");
  contents.seed = get_number_attr<std::uint64_t>(file, root, "seed", H5::PredType::NATIVE_UINT64);
  if (!file.nameExists(kScenarioName)) throw Problem("'/scenario' is missing");
  const H5::DataSet scenario = file.openDataSet(kScenarioName);
  if (scenario.getTypeClass() != H5T_STRING) throw Problem("'/scenario' is not a string");
  scenario.read(contents.scenario_text, scenario.getStrType());
  contents.scenario_path = get_text_attr(scenario, "'/scenario'", "path");
  for (const auto& name : run_names(file)) contents.runs.push_back(read_run(file.openGroup(name), name));
  return contents;
}

}  // namespace

void check_writable(const std::string& path) {
  if (path.empty()) throw ResultsStoreError("cannot write results file: the path is empty");
  const std::string prefix = "cannot write results file " + in_quotes(path) + ": ";
  const fs::path file_path(path);
  const fs::path dir = file_path.has_parent_path() ? file_path.parent_path() : fs::path(".");
  std::error_code ec;
  const fs::file_status dir_status = fs::status(dir, ec);
  if (!fs::exists(dir_status))
    throw ResultsStoreError(prefix + "directory " + in_quotes(dir.string()) + " does not exist");
  if (!fs::is_directory(dir_status)) throw ResultsStoreError(prefix + in_quotes(dir.string()) + " is not a directory");
  if (fs::is_directory(fs::status(file_path, ec))) throw ResultsStoreError(prefix + "it is a directory");
  // access() says yes to root on a read-only mount; creating a file is the real test.
  const std::string probe = temp_path(path);
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    throw ResultsStoreError(prefix + "cannot create a file in directory " + in_quotes(dir.string()) + " (" +
                            errno_text(errno) + ")");
  ::close(fd);
  ::unlink(probe.c_str());
}

void write_results_file(const std::string& path, const ResultsFile& contents) {
  check_writable(path);
  const std::string prefix = "cannot write results file " + in_quotes(path) + ": ";
  const std::string temp = temp_path(path);
  const auto remove_temp = [&] {
    std::error_code ec;
    if (!fs::is_directory(temp, ec)) fs::remove(temp, ec);
  };
  ErrorRecorder errors;  // not const: HDF5 writes into it
  try {
    write_file(temp, contents);
    sync_to_disk(temp);
    std::error_code ec;
    fs::rename(temp, path, ec);
    if (ec) throw Problem("renaming " + in_quotes(temp) + " to it failed (" + ec.message() + ")");
  } catch (const Problem& e) {
    remove_temp();
    throw ResultsStoreError(prefix + e.what());
  } catch (const H5::Exception& e) {
    remove_temp();
    throw ResultsStoreError(prefix + errors.describe(e));
  } catch (...) {
    remove_temp();
    throw;
  }
}

ResultsFile read_results_file(const std::string& path) {
  const std::string prefix = "cannot read results file " + in_quotes(path) + ": ";
  std::error_code ec;
  if (!fs::exists(path, ec)) throw ResultsStoreError(prefix + "no such file");
  if (!fs::is_regular_file(path, ec)) throw ResultsStoreError(prefix + "it is not a regular file");
  ErrorRecorder errors;  // not const: HDF5 writes into it
  try {
    if (!H5::H5File::isHdf5(path)) throw Problem("it is not an HDF5 file");
    const H5::H5File file(path, H5F_ACC_RDONLY);
    return read_file(file);
  } catch (const Problem& e) {
    throw ResultsStoreError(prefix + e.what());
  } catch (const H5::Exception& e) {
    throw ResultsStoreError(prefix + errors.describe(e));
  }
}

}  // namespace callsim::analysis
