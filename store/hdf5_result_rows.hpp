#pragma once
/// \file
/// The row layouts of the results file's compound datasets (docs/results-format.md) and
/// how tallies become rows and back. Writer and reader share them, so the two directions
/// cannot drift apart.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "store/hdf5_table.hpp"
#include "analysis/run_result.hpp"

namespace callsim::store::hdf5 {

inline constexpr std::size_t kKpiNameBytes = 32;  ///< `summary` field `kpi`
inline constexpr std::size_t kUnitBytes = 16;     ///< `summary` field `unit`
/// The tally fields added after format_version 3 was published (analysis::KpiTally::talk_time and
/// handle_time); read_table tolerates their absence.
inline constexpr const char* kTalkTimeField = "talk_time_sum";
inline constexpr const char* kHandleTimeField = "handle_time_sum";
/// Counts travel as float64 KPI fields; every integer up to 2^53 is exact there.
inline constexpr std::uint64_t kMaxExactCount = std::uint64_t{1} << 53;

/// `/<run>/replications`: replication, calls_simulated, then the tally fields.
RowLayout replications_layout();
/// `/<run>/intervals`: replication, interval, interval_start, then the tally fields.
RowLayout intervals_layout();
/// `/<run>/interval_types`: replication, interval, call_type, interval_start, then the tally fields.
RowLayout interval_types_layout();
/// `/<run>/groups`: replication, group, then the analysis::GroupTally fields and their two ratios.
RowLayout groups_layout();
/// `/<run>/summary`: kpi, unit, mean, std, ci95, n.
RowLayout summary_layout();
/// `/comparison/day`: variant, then the paired-difference fields.
RowLayout comparison_day_layout();
/// `/comparison/intervals`: variant, interval, interval_start, then the paired-difference fields.
RowLayout comparison_intervals_layout();

/// Writes the tally fields: every KPI in analysis::kpi_definitions() order, then the raw counts and sums.
void put_tally(RowWriter& w, const analysis::KpiTally& t);
/// Reads what put_tally wrote. Throws hdf5::Problem, naming `where` (a row), if a count
/// stored as a float64 KPI is not a whole number of calls. Without `has_talk_time` (an
/// older file), talk_time and handle_time are NaN.
analysis::KpiTally get_tally(RowReader& r, const std::string& where, bool has_talk_time = true);
/// Whether a tally table read by read_table has the fields talk_time_sum and handle_time_sum.
bool has_talk_time(const Table& table);

/// Writes staffed_time, busy_time, handled, handle_time, occupancy, aht.
void put_group(RowWriter& w, const analysis::GroupTally& g);
/// Reads what put_group wrote; the two ratios are skipped (they follow from the rest).
analysis::GroupTally get_group(RowReader& r);

/// Writes kpi, unit, mean, std, ci95, n, significant (0 or 1); the caller has checked that
/// the KPI name fits kKpiNameBytes.
void put_difference(RowWriter& w, const analysis::PairedDifference& d);
/// Reads what put_difference wrote (the unit follows from the KPI name). Throws
/// hdf5::Problem, naming `where` (a row), if `significant` is neither 0 nor 1.
analysis::PairedDifference get_difference(RowReader& r, const std::string& where);

/// The unit of KPI `kpi` as stored in `summary` ("" if it is not a KPI).
std::string unit_of(std::string_view kpi);

}  // namespace callsim::store::hdf5
