#pragma once
/// \file
/// The row layouts of the results file's compound datasets (docs/results-format.md) and
/// how tallies become rows and back. Writer and reader share them, so the two directions
/// cannot drift apart; the tally fields come from analysis/tally_fields.hpp.
///
/// Format 4 tables are 1-D and long (one row per replication, interval, call type, ...)
/// with label columns: names as fixed-length text as wide as the longest name, interval
/// starts as a clock time. Format 3 tables (read only) are 2-D or 3-D with index columns
/// and hold the counts as float64 KPI fields.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/run_result.hpp"
#include "store/hdf5_table.hpp"

namespace callsim::store::hdf5 {

inline constexpr std::size_t kKpiNameBytes = 32;  ///< field `kpi` of summaries and differences
inline constexpr std::size_t kUnitBytes = 16;     ///< field `unit`
inline constexpr std::size_t kClockBytes = 12;    ///< field `clock`: "HH:MM:SS", HH may pass 24 on later days
inline constexpr std::size_t kSha256Bytes = 64;   ///< field `sha256`: lowercase hex
/// The tally fields appended to format 3 after it was published: format 3 files may lack
/// them (read_table tolerates their absence; they read as NaN).
inline constexpr const char* kTalkTimeField = "talk_time_sum";
inline constexpr const char* kHandleTimeField = "handle_time_sum";
/// The KPIs appended to the format after it was published: files written before lack
/// their columns (read_table tolerates it; the KPIs follow from the tally anyway).
inline constexpr std::array<std::string_view, 4> kAppendedKpis{"service_level_end_to_end", "asa_end_to_end",
                                                               "timed_out", "cleared"};
/// Format 3 stored counts as float64 KPI fields; every integer up to 2^53 is exact there.
inline constexpr std::uint64_t kMaxExactCount = std::uint64_t{1} << 53;

/// Bytes of a text label column holding `names`: the longest name, at least 1.
std::size_t label_bytes(const std::vector<std::string>& names);
/// `seconds` after midnight as "HH:MM:SS" (whole seconds, rounded down; hours go on past
/// 23 on the days after the first: "26:30:00" is 02:30 the next day).
std::string clock_text(double seconds);

// The tally tables. Format 4: `replication`, labels, the raw tally fields (counts uint64,
// sums float64), then the KPIs that are not raw fields (float64, for convenience).
/// `/<run>/replications` [R]: replication, calls_simulated, tally.
RowLayout replications_layout(int version);
/// `/<run>/intervals` [R x I]: replication, interval, interval_start, clock (4), tally.
RowLayout intervals_layout(int version);
/// `/<run>/interval_types` [R x I x K]: replication, interval, interval_start, clock and
/// call_type (name, 4; index, 3), tally.
RowLayout interval_types_layout(int version, std::size_t call_type_bytes);
/// `/<run>/groups` [R x G]: replication, group (name, 4; index, 3), the GroupTally fields,
/// occupancy, aht.
RowLayout groups_layout(int version, std::size_t group_bytes);
/// `/<run>/interval_groups` [R x I x G] (format 4 only): replication, interval, interval_start, clock, group
/// (name), the GroupTally fields, occupancy, aht.
RowLayout interval_groups_layout(std::size_t group_bytes);
/// `/<run>/summary` [S]: kpi, unit, mean, std, ci95, n.
RowLayout summary_layout();
/// `/<run>/interval_summary` [I x S] (format 4): interval, interval_start, clock, then the summary fields.
RowLayout interval_summary_layout();
/// `/comparison/day` [V x S]: variant (name, 4; index, 3), then the paired-difference fields.
RowLayout comparison_day_layout(int version, std::size_t variant_bytes);
/// `/comparison/intervals` [V x I x S]: variant, interval, interval_start, clock (4), then the paired-difference
/// fields.
RowLayout comparison_intervals_layout(int version, std::size_t variant_bytes);

/// Format 4 label columns after `replication`/`variant`: interval, interval_start, clock.
void put_interval_labels(RowWriter& w, std::size_t interval, double interval_start, double clock_start);

/// Writes the format 4 tally fields (raw fields, then the derived KPIs).
void put_tally(RowWriter& w, const analysis::KpiTally& t);
/// Reads a tally of format `version`; the fields in `absent` (Table::absent: appended to
/// the format after the file was written) are NaN for a sum, 0 for a count. Format 3:
/// throws hdf5::Problem, naming `where` (a row), if a count stored as a float64 KPI is not
/// a whole number of calls.
analysis::KpiTally get_tally(RowReader& r, int version, const std::string& where,
                             const std::vector<std::string>& absent = {});

/// Writes the GroupTally fields, occupancy, aht.
void put_group(RowWriter& w, const analysis::GroupTally& g);
/// Reads what put_group wrote; the two ratios are skipped (they follow from the rest).
analysis::GroupTally get_group(RowReader& r);

/// Writes kpi, unit, mean, std, ci95, n; the caller has checked that the name fits.
void put_summary(RowWriter& w, const analysis::KpiSummary& s);
analysis::KpiSummary get_summary(RowReader& r);

/// Writes kpi, unit, mean, std, ci95, n, significant (0 or 1); the caller has checked that
/// the KPI name fits kKpiNameBytes.
void put_difference(RowWriter& w, const analysis::PairedDifference& d);
/// Reads what put_difference wrote (the unit follows from the KPI name). Throws
/// hdf5::Problem, naming `where` (a row), if `significant` is neither 0 nor 1.
analysis::PairedDifference get_difference(RowReader& r, const std::string& where);

}  // namespace callsim::store::hdf5
