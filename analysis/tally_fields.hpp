#pragma once
/// \file
/// The raw fields of the tallies, written down once: for each, its name in results files,
/// the member holding it, whether it is a count or a sum of seconds, its unit and a line
/// saying what it is.
///
/// Everything that handles a tally field by field walks these tables instead of naming the
/// fields: adding up (KpiTally::operator+=, GroupTally::operator+=), the HDF5 layouts, the
/// writer and the reader (store/hdf5_result_rows.cpp), the MPI byte check
/// (run/replication_bytes.cpp), and the docs (tests/tally_fields_test.cpp checks that
/// docs/results-format.md lists every field with its unit).
///
/// Adding a raw field takes three edits: the member in KpiTally (analysis/kpi.hpp) or
/// GroupTally (analysis/run_result.hpp), its row at the end of its table below, made with
/// `appended` (files written before it lack it: readers take 0 for a count, NaN for a sum,
/// and the format_version stays), and its row in docs/results-format.md. Then fill it in
/// KpiCollector. A KPI computed from it is one more row in analysis/kpi.cpp.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "analysis/kpi.hpp"
#include "analysis/run_result.hpp"

namespace callsim::analysis {

/// What a raw field holds: a whole number of things, or a sum of durations.
enum class TallyFieldKind { COUNT, SECONDS };

/// One raw field of tally type `Tally`: exactly one of `count` and `seconds` is set.
template <class Tally>
struct TallyField {
  std::string_view name;  ///< column name in results files (and in the docs)
  TallyFieldKind kind;
  std::string_view unit;  ///< "calls", "s" or "agent-seconds"
  std::string_view description;
  std::uint64_t Tally::*count = nullptr;
  double Tally::*seconds = nullptr;
  /// Added after the results format_version of the day was published: files of that
  /// version written before it lack the column, and readers take 0 (count) or NaN (sum).
  bool appended = false;
};

enum class Appended { NO, YES };

template <class Tally>
constexpr TallyField<Tally> count_field(std::string_view name, std::string_view description,
                                        std::uint64_t Tally::*member, Appended appended = Appended::NO) {
  return {name, TallyFieldKind::COUNT, "calls", description, member, nullptr, appended == Appended::YES};
}

template <class Tally>
constexpr TallyField<Tally> seconds_field(std::string_view name, std::string_view unit, std::string_view description,
                                          double Tally::*member, Appended appended = Appended::NO) {
  return {name, TallyFieldKind::SECONDS, unit, description, nullptr, member, appended == Appended::YES};
}

using KpiField = TallyField<KpiTally>;
using GroupField = TallyField<GroupTally>;

/// KpiTally's raw fields, in file order (results files keep this order; append new ones).
inline constexpr std::array kKpiTallyFields{
    count_field<KpiTally>("offered", "calls that reached the queue (balked ones included)", &KpiTally::offered),
    count_field<KpiTally>("answered", "offered calls that reached an agent", &KpiTally::answered),
    count_field<KpiTally>("abandoned", "offered calls whose caller hung up while waiting (balks included)",
                          &KpiTally::abandoned),
    count_field<KpiTally>("balked", "offered calls that hung up at once on hearing the queue", &KpiTally::balked),
    count_field<KpiTally>("blocked", "calls refused with a busy signal: the queue was full", &KpiTally::blocked),
    count_field<KpiTally>("closed", "calls that arrived while the center was closed", &KpiTally::closed),
    count_field<KpiTally>("ivr_self_served", "calls that ended in the IVR, served there", &KpiTally::ivr_self_served),
    count_field<KpiTally>("ivr_hang_up", "calls that hung up in the IVR", &KpiTally::ivr_hang_up),
    count_field<KpiTally>("retrials", "offered calls that were a caller's second or later attempt",
                          &KpiTally::retrials),
    count_field<KpiTally>("answered_within", "answered calls that waited <= T", &KpiTally::answered_within),
    count_field<KpiTally>("abandoned_within", "abandoned calls that had waited <= T", &KpiTally::abandoned_within),
    count_field<KpiTally>("waited", "offered calls that waited more than 0 s", &KpiTally::waited),
    seconds_field<KpiTally>("wait_answered_sum", "s", "sum of the waits of answered calls", &KpiTally::wait_answered),
    seconds_field<KpiTally>("wait_all_sum", "s", "sum of the waits of answered, abandoned, timed-out and cleared calls",
                            &KpiTally::wait_all),
    seconds_field<KpiTally>("busy_time", "agent-seconds", "agent time in service within the period",
                            &KpiTally::busy_time),
    seconds_field<KpiTally>("staffed_time", "agent-seconds", "agent time staffed within the period",
                            &KpiTally::staffed_time),
    count_field<KpiTally>("callbacks", "offered calls whose caller accepted a callback and left the line",
                          &KpiTally::callbacks),
    count_field<KpiTally>("callbacks_made", "accepted callbacks an agent called back", &KpiTally::callbacks_made),
    count_field<KpiTally>("callbacks_made_within", "callbacks made within the callback threshold",
                          &KpiTally::callbacks_made_within),
    seconds_field<KpiTally>("callback_delay_sum", "s", "sum of (callback - call arrival) of callbacks made",
                            &KpiTally::callback_delay),
    seconds_field<KpiTally>("talk_time_sum", "s", "sum of talk times of calls answered by an agent, callbacks included",
                            &KpiTally::talk_time),
    seconds_field<KpiTally>("handle_time_sum", "s", "sum of handle times (talk + after-call work) of the same calls",
                            &KpiTally::handle_time),
    count_field<KpiTally>("answered_within_end_to_end",
                          "answered with the wait over all the caller's attempts <= threshold",
                          &KpiTally::answered_within_end_to_end, Appended::YES),
    seconds_field<KpiTally>("wait_answered_end_to_end_sum", "s",
                            "sum of the waits over all the caller's attempts of answered calls",
                            &KpiTally::wait_answered_end_to_end, Appended::YES),
    count_field<KpiTally>("timed_out", "offered calls sent elsewhere after waiting their type's max_queue_time",
                          &KpiTally::timed_out, Appended::YES),
    count_field<KpiTally>("cleared", "offered calls disconnected at closing time or with no agent for them on duty",
                          &KpiTally::cleared, Appended::YES),
};

/// GroupTally's raw fields, in file order.
inline constexpr std::array kGroupTallyFields{
    seconds_field<GroupTally>("staffed_time", "agent-seconds", "agent time the group was staffed",
                              &GroupTally::staffed_time),
    seconds_field<GroupTally>("busy_time", "agent-seconds", "agent time the group spent on calls",
                              &GroupTally::busy_time),
    count_field<GroupTally>("handled", "counted calls answered by the group", &GroupTally::handled),
    seconds_field<GroupTally>("handle_time", "s", "sum of those calls' talk + after-call work",
                              &GroupTally::handle_time),
};

constexpr std::span<const KpiField> kpi_tally_fields() { return kKpiTallyFields; }
constexpr std::span<const GroupField> group_tally_fields() { return kGroupTallyFields; }

/// Adds every field of `from` to `to`, field by field in table order.
template <class Tally>
void add_fields(Tally& to, const Tally& from, std::span<const TallyField<Tally>> fields) {
  for (const auto& f : fields) {
    if (f.count)
      to.*f.count += from.*f.count;
    else
      to.*f.seconds += from.*f.seconds;
  }
}

/// A raw field's value as a double (exact for counts below 2^53).
template <class Tally>
double field_value(const Tally& t, const TallyField<Tally>& f) {
  return f.count ? static_cast<double>(t.*f.count) : t.*f.seconds;
}

}  // namespace callsim::analysis
