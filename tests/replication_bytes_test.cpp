// Replication results as bytes between MPI ranks, and how replications are cut into
// blocks (run/): both must be exact without MPI being built.

#include "run/replication_bytes.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "run/distributed_experiment.hpp"

using namespace callsim;

namespace {

analysis::KpiTally tally(double k) {
  analysis::KpiTally t;
  t.offered = static_cast<std::uint64_t>(100 + k);
  t.answered = static_cast<std::uint64_t>(90 + k);
  t.abandoned = 10;
  t.answered_within = 70;
  t.retrials = 3;
  t.callbacks_made_within = 2;
  t.wait_answered = 1234.5678 + k / 3;
  t.wait_all = std::numeric_limits<double>::quiet_NaN();  // carried bit for bit, NaN too
  t.busy_time = 1e-300 * k;
  t.staffed_time = 7200.0 / 7;
  t.callback_delay = -0.0;
  return t;
}

analysis::ReplicationResult replication(int r, std::size_t intervals, std::size_t types, std::size_t groups) {
  analysis::ReplicationResult result;
  for (std::size_t i = 0; i < intervals; ++i) {
    result.intervals.push_back(tally(r * 10.0 + static_cast<double>(i)));
    for (std::size_t k = 0; k < types; ++k) result.interval_types.push_back(tally(r + 0.1 * static_cast<double>(k)));
  }
  for (std::size_t g = 0; g < groups; ++g)
    result.groups.push_back({3600.0 * static_cast<double>(g), 1000.0 / 3, 17 + g, 12.5});
  for (std::size_t cell = 0; cell < intervals * groups; ++cell)
    result.interval_groups.push_back({1800.0 / 7 * static_cast<double>(cell), 100.0 / 3, 5 + cell, -0.0});
  result.total = tally(r);
  result.calls_simulated = 12345 + static_cast<std::uint64_t>(r);
  return result;
}

// n == 0 first: an empty vector's data() may be null, which memcmp must not get.
bool same_bytes(const void* a, const void* b, std::size_t n) { return n == 0 || std::memcmp(a, b, n) == 0; }

}  // namespace

TEST_CASE("replication bytes: results round-trip bit for bit", "[parallel]") {
  const std::vector<analysis::ReplicationResult> sent = {replication(0, 3, 2, 2), replication(1, 3, 2, 2),
                                                         replication(2, 0, 0, 0)};
  std::vector<std::byte> bytes;
  run::append_replications(bytes, sent);
  run::append_replications(bytes, {});  // a rank with nothing to send
  std::size_t at = 0;
  const auto got = run::read_replications(bytes, at);
  CHECK(run::read_replications(bytes, at).empty());
  CHECK(at == bytes.size());
  REQUIRE(got.size() == sent.size());
  for (std::size_t r = 0; r < sent.size(); ++r) {
    CHECK(same_bytes(&got[r].total, &sent[r].total, sizeof(analysis::KpiTally)));
    REQUIRE(got[r].intervals.size() == sent[r].intervals.size());
    REQUIRE(got[r].interval_types.size() == sent[r].interval_types.size());
    REQUIRE(got[r].groups.size() == sent[r].groups.size());
    REQUIRE(got[r].interval_groups.size() == sent[r].interval_groups.size());
    CHECK(same_bytes(got[r].intervals.data(), sent[r].intervals.data(),
                     sent[r].intervals.size() * sizeof(analysis::KpiTally)));
    CHECK(same_bytes(got[r].interval_types.data(), sent[r].interval_types.data(),
                     sent[r].interval_types.size() * sizeof(analysis::KpiTally)));
    CHECK(
        same_bytes(got[r].groups.data(), sent[r].groups.data(), sent[r].groups.size() * sizeof(analysis::GroupTally)));
    CHECK(same_bytes(got[r].interval_groups.data(), sent[r].interval_groups.data(),
                     sent[r].interval_groups.size() * sizeof(analysis::GroupTally)));
    CHECK(got[r].calls_simulated == sent[r].calls_simulated);
  }
  CHECK(std::isnan(got[0].total.wait_all));
}

TEST_CASE("replication bytes: a truncated message is refused", "[parallel]") {
  std::vector<std::byte> bytes;
  run::append_replications(bytes, std::vector<analysis::ReplicationResult>{replication(0, 4, 3, 2)});
  for (std::size_t cut : {std::size_t{0}, std::size_t{5}, bytes.size() / 2, bytes.size() - 1}) {
    const std::vector<std::byte> part(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(cut));
    std::size_t at = 0;
    CHECK_THROWS_AS(run::read_replications(part, at), std::runtime_error);
  }
}

TEST_CASE("replication blocks: contiguous in rank order and the first ranks take the remainder", "[parallel]") {
  CHECK(run::block_of(10, 0, 4).begin == 0);
  CHECK(run::block_of(10, 0, 4).size() == 3);
  CHECK(run::block_of(10, 1, 4).begin == 3);
  CHECK(run::block_of(10, 1, 4).size() == 3);
  CHECK(run::block_of(10, 2, 4).begin == 6);
  CHECK(run::block_of(10, 3, 4).begin == 8);
  CHECK(run::block_of(10, 3, 4).end == 10);
  CHECK(run::block_of(7, 0, 1).size() == 7);
  for (std::uint64_t count : {0u, 1u, 2u, 5u, 99u, 1000u}) {
    for (int ranks : {1, 2, 3, 7, 16}) {
      std::uint64_t next = 0;
      for (int r = 0; r < ranks; ++r) {
        const auto b = run::block_of(count, r, ranks);
        CHECK(b.begin == next);
        CHECK(b.size() >= count / static_cast<std::uint64_t>(ranks));
        CHECK(b.size() <= count / static_cast<std::uint64_t>(ranks) + 1);
        next = b.end;
      }
      CHECK(next == count);
    }
  }
}
