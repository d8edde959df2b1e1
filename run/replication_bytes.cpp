#include "run/replication_bytes.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

#include "analysis/tally_fields.hpp"

namespace callsim::run {

namespace {

using analysis::GroupTally;
using analysis::KpiTally;
using analysis::ReplicationResult;

// Plain structs of 8-byte fields, one per row of the tally tables: copied whole, no padding
// to leak or lose. A member that is not an 8-byte field of its table stops the build here.
static_assert(std::is_trivially_copyable_v<analysis::KpiTally> && std::is_trivially_copyable_v<analysis::GroupTally>);
static_assert(sizeof(analysis::KpiTally) == analysis::kpi_tally_fields().size() * 8,
              "KpiTally is not exactly the 8-byte fields of analysis::kKpiTallyFields");
static_assert(sizeof(analysis::GroupTally) == analysis::group_tally_fields().size() * 8,
              "GroupTally is not exactly the 8-byte fields of analysis::kGroupTallyFields");

template <class T>
void put(std::vector<std::byte>& out, const T& value) {
  const auto* p = reinterpret_cast<const std::byte*>(&value);
  out.insert(out.end(), p, p + sizeof value);
}

template <class T>
void put_vector(std::vector<std::byte>& out, const std::vector<T>& values) {
  put(out, std::uint64_t{values.size()});
  const auto* p = reinterpret_cast<const std::byte*>(values.data());
  out.insert(out.end(), p, p + values.size() * sizeof(T));
}

class Reader {
 public:
  Reader(std::span<const std::byte> bytes, std::size_t& at) : bytes_(bytes), at_(at) {}
  template <class T>
  T get() {
    T value;
    take(&value, sizeof value);
    return value;
  }
  template <class T>
  std::vector<T> get_vector() {
    const auto n = get<std::uint64_t>();
    if (n > (bytes_.size() - at_) / sizeof(T)) fail();
    std::vector<T> values(static_cast<std::size_t>(n));
    take(values.data(), values.size() * sizeof(T));
    return values;
  }

 private:
  void take(void* to, std::size_t n) {
    if (n > bytes_.size() - at_) fail();
    if (n == 0) return;  // an empty vector's data() may be null, which memcpy must not get
    std::memcpy(to, bytes_.data() + at_, n);
    at_ += n;
  }
  [[noreturn]] void fail() const {
    throw std::runtime_error("replication results from another MPI rank end early (" + std::to_string(bytes_.size()) +
                             " bytes)");
  }
  std::span<const std::byte> bytes_;
  std::size_t& at_;
};

}  // namespace

void append_replications(std::vector<std::byte>& out, std::span<const analysis::ReplicationResult> replications) {
  put(out, std::uint64_t{replications.size()});
  for (const analysis::ReplicationResult& r : replications) {
    put(out, r.total);
    put_vector(out, r.intervals);
    put_vector(out, r.interval_types);
    put_vector(out, r.groups);
    put_vector(out, r.interval_groups);
    put(out, r.calls_simulated);
  }
}

std::vector<analysis::ReplicationResult> read_replications(std::span<const std::byte> bytes, std::size_t& at) {
  Reader in(bytes, at);
  const auto count = in.get<std::uint64_t>();
  std::vector<analysis::ReplicationResult> replications;
  for (std::uint64_t i = 0; i < count; ++i) {
    analysis::ReplicationResult r;
    r.total = in.get<analysis::KpiTally>();
    r.intervals = in.get_vector<analysis::KpiTally>();
    r.interval_types = in.get_vector<analysis::KpiTally>();
    r.groups = in.get_vector<analysis::GroupTally>();
    r.interval_groups = in.get_vector<analysis::GroupTally>();
    r.calls_simulated = in.get<std::uint64_t>();
    replications.push_back(std::move(r));
  }
  return replications;
}

}  // namespace callsim::run
