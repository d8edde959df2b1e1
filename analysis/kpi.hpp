#pragma once
/// \file
/// KPI tallies and the KPI definitions of ARCHITECTURE.md, in one table.
///
/// A KpiTally holds counts and sums for a set of calls (a replication, or one interval of
/// it); every KPI is a function of a tally, so per-interval and per-day figures are derived
/// the same way and intervals add up to the day exactly.

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace callsim::analysis {

/// Counts and sums over the calls that *arrived* in a period (per-interval figures belong to
/// the arrival interval), plus agent time spent in the period.
struct KpiTally {
  std::uint64_t offered = 0;           ///< calls that reached the queue (balked ones included)
  std::uint64_t answered = 0;          ///< offered calls that reached an agent
  std::uint64_t abandoned = 0;         ///< offered calls whose caller hung up while waiting (balks included)
  std::uint64_t balked = 0;            ///< offered calls that hung up at once on hearing the queue
  std::uint64_t blocked = 0;           ///< calls refused with a busy signal: the queue or the trunk lines were full
  std::uint64_t closed = 0;            ///< calls that arrived while the center was closed
  std::uint64_t ivr_self_served = 0;   ///< calls that ended in the IVR, served there
  std::uint64_t ivr_hang_up = 0;       ///< calls that hung up in the IVR
  std::uint64_t retrials = 0;          ///< offered calls that were a caller's second or later attempt
  std::uint64_t answered_within = 0;   ///< answered with wait <= threshold
  std::uint64_t abandoned_within = 0;  ///< abandoned with wait <= threshold
  std::uint64_t waited = 0;            ///< offered calls that waited more than 0 s
  double wait_answered = 0;            ///< sum of waits of answered calls, s
  double wait_all = 0;                 ///< sum of waits of answered, abandoned, timed-out and cleared calls, s
  double busy_time = 0;                ///< agent-seconds in service within the period
  double staffed_time = 0;             ///< agent-seconds staffed within the period
  std::uint64_t callbacks = 0;         ///< offered calls whose caller accepted a callback and left the line
  std::uint64_t callbacks_made = 0;    ///< of those, called back by an agent
  std::uint64_t callbacks_made_within = 0;  ///< called back within the callback threshold of the call
  double callback_delay = 0;                ///< sum of (callback - call arrival) of callbacks made, s
  /// Sum of talk times (without after-call work) of calls answered by an agent, callbacks
  /// made included, s: with wait_all it gives the time callers hold a line (trunk minutes).
  /// NaN when read from a file written before the field existed.
  double talk_time = 0;
  /// Sum of handle times (talk + after-call work) of the same calls, s: the AHT numerator
  /// per interval and call type (GroupTally has it per group). NaN as talk_time.
  double handle_time = 0;
  /// Answered calls whose wait summed over the caller's attempts (the earlier ones that
  /// abandoned, and this one) is within the threshold: the end-to-end service level's
  /// numerator. Equal to answered_within without retrials. 0 in files written before it.
  std::uint64_t answered_within_end_to_end = 0;
  /// Sum over answered calls of that total wait, s. NaN in files written before it.
  double wait_answered_end_to_end = 0;
  /// Offered calls sent elsewhere (voicemail, a message) after waiting their type's
  /// max_queue_time: neither answered nor abandoned. 0 in files written before it.
  std::uint64_t timed_out = 0;
  /// Offered calls disconnected while waiting, or on arrival: their type clears its queue
  /// at closing time and when no agent for it is on duty. 0 in files written before it.
  std::uint64_t cleared = 0;

  /// Adds every raw field (analysis/tally_fields.hpp).
  KpiTally& operator+=(const KpiTally& o);
};

/// num / den, or NaN ("not defined") when there is nothing to divide by: the rule every
/// KPI, group figure and stored ratio follows.
inline double kpi_ratio(double num, double den) {
  return den > 0 ? num / den : std::numeric_limits<double>::quiet_NaN();
}

/// One KPI: its name in files and reports, unit, definition, and how to compute it.
/// A KPI whose denominator is 0 is NaN ("not defined"), never 0.
struct KpiDefinition {
  std::string_view name;
  std::string_view unit;
  std::string_view definition;
  double (*compute)(const KpiTally&);
};

/// Every KPI, in the fixed order used by files, JSON and reports.
std::span<const KpiDefinition> kpi_definitions();

/// The KPI vector of a tally, in kpi_definitions() order.
std::vector<double> compute_kpis(const KpiTally& tally);

/// The index in kpi_definitions() of the KPI named `name`, or nullopt if there is none.
std::optional<std::size_t> find_kpi(std::string_view name);
/// The KPI named `name`: reports and files address KPIs by name, never by position.
/// Throws std::logic_error if there is no such KPI (a programming error).
const KpiDefinition& kpi(std::string_view name);
/// kpi(name)'s index in kpi_definitions().
std::size_t kpi_index(std::string_view name);
/// The unit of the KPI named `name`, or "" if there is no such KPI (a summary row of
/// something else: no unit known).
std::string_view kpi_unit(std::string_view name);

}  // namespace callsim::analysis
