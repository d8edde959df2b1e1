#pragma once
/// \file
/// Replication results as bytes, to send them between MPI ranks: every field copied as
/// it is in memory (the ranks of one job run the same binary on the same architecture),
/// so the receiver gets bit-identical doubles and the results file the same bytes.

#include <cstddef>
#include <span>
#include <stdexcept>
#include <vector>

#include "analysis/run_result.hpp"

namespace callsim::run {

/// Appends `replications` to `out`: their count, then each one's total, intervals,
/// interval_types, groups, interval_groups and calls_simulated.
void append_replications(std::vector<std::byte>& out, std::span<const analysis::ReplicationResult> replications);

/// Reads what append_replications wrote, starting at `at` (moved past it). Throws
/// std::runtime_error if the bytes end early.
std::vector<analysis::ReplicationResult> read_replications(std::span<const std::byte> bytes, std::size_t& at);

}  // namespace callsim::run
