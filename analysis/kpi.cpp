#include "analysis/kpi.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace callsim::analysis {

namespace {

double count(std::uint64_t n) { return static_cast<double>(n); }

// The service level's denominator: every offered call except those abandoned within T (and
// callbacks); a call sent elsewhere at max_queue_time, or cleared, was not answered in time either.
double service_level_calls(const KpiTally& t) {
  return count(t.answered + t.abandoned - t.abandoned_within + t.timed_out + t.cleared);
}

// Written once here; the README's KPI table repeats these definitions for people.
// New KPIs are appended (files keep this order); reports address KPIs by name (kpi()).
constexpr std::array<KpiDefinition, 25> kDefinitions{{
    {"offered", "calls", "calls that reached the queue", [](const KpiTally& t) { return count(t.offered); }},
    {"answered", "calls", "offered calls answered by an agent", [](const KpiTally& t) { return count(t.answered); }},
    {"abandoned", "calls", "offered calls whose caller hung up while waiting",
     [](const KpiTally& t) { return count(t.abandoned); }},
    {"service_level", "fraction", "answered within T / (answered + abandoned after T + timed out + cleared)",
     [](const KpiTally& t) { return kpi_ratio(count(t.answered_within), service_level_calls(t)); }},
    {"service_level_answered", "fraction", "answered within T / answered",
     [](const KpiTally& t) { return kpi_ratio(count(t.answered_within), count(t.answered)); }},
    {"service_level_offered", "fraction", "answered within T / offered",
     [](const KpiTally& t) { return kpi_ratio(count(t.answered_within), count(t.offered)); }},
    {"p_wait", "fraction", "offered calls that waited more than 0 s / offered",
     [](const KpiTally& t) { return kpi_ratio(count(t.waited), count(t.offered)); }},
    {"asa", "s", "average speed of answer: mean wait of answered calls",
     [](const KpiTally& t) { return kpi_ratio(t.wait_answered, count(t.answered)); }},
    {"awt", "s", "average waiting time of all offered calls, answered, abandoned, timed out or cleared",
     [](const KpiTally& t) {
       return kpi_ratio(t.wait_all, count(t.answered + t.abandoned + t.timed_out + t.cleared));
     }},
    {"abandon_rate", "fraction", "abandoned / offered",
     [](const KpiTally& t) { return kpi_ratio(count(t.abandoned), count(t.offered)); }},
    {"occupancy", "fraction", "agent time in service / agent time staffed",
     [](const KpiTally& t) { return kpi_ratio(t.busy_time, t.staffed_time); }},
    {"balked", "calls", "offered calls that hung up at once on hearing the queue (also in abandoned)",
     [](const KpiTally& t) { return count(t.balked); }},
    {"blocked", "calls",
     "calls refused with a busy signal because the queue or the trunk lines were full (not offered)",
     [](const KpiTally& t) { return count(t.blocked); }},
    {"closed", "calls", "calls that arrived while the center was closed (not offered)",
     [](const KpiTally& t) { return count(t.closed); }},
    {"ivr_self_served", "calls", "calls served by the IVR (not offered)",
     [](const KpiTally& t) { return count(t.ivr_self_served); }},
    {"ivr_hang_up", "calls", "calls that hung up in the IVR (not offered)",
     [](const KpiTally& t) { return count(t.ivr_hang_up); }},
    {"retrials", "calls", "offered calls that were a second or later attempt of a caller",
     [](const KpiTally& t) { return count(t.retrials); }},
    {"callbacks", "calls",
     "offered calls whose caller accepted a callback and left the line (neither answered nor abandoned)",
     [](const KpiTally& t) { return count(t.callbacks); }},
    {"callbacks_made", "calls", "callbacks made: accepted callbacks an agent called back",
     [](const KpiTally& t) { return count(t.callbacks_made); }},
    {"callback_delay", "s", "mean time from the call to its callback, over callbacks made",
     [](const KpiTally& t) { return kpi_ratio(t.callback_delay, count(t.callbacks_made)); }},
    {"callback_service_level", "fraction", "callbacks made within the callback threshold / callbacks made",
     [](const KpiTally& t) { return kpi_ratio(count(t.callbacks_made_within), count(t.callbacks_made)); }},
    {"service_level_end_to_end", "fraction",
     "answered within T of waiting over all the caller's attempts / (answered + abandoned after T + timed out + "
     "cleared)",
     [](const KpiTally& t) {
       // A file written before the end-to-end tallies reads their sum as NaN: the count's 0 is unknown too.
       if (std::isnan(t.wait_answered_end_to_end)) return std::numeric_limits<double>::quiet_NaN();
       return kpi_ratio(count(t.answered_within_end_to_end), service_level_calls(t));
     }},
    {"asa_end_to_end", "s", "mean wait of answered calls over all their caller's attempts",
     [](const KpiTally& t) { return kpi_ratio(t.wait_answered_end_to_end, count(t.answered)); }},
    {"timed_out", "calls", "offered calls sent elsewhere (voicemail) after waiting their type's max_queue_time",
     [](const KpiTally& t) { return count(t.timed_out); }},
    {"cleared", "calls", "offered calls disconnected at closing time or with no agent for them on duty",
     [](const KpiTally& t) { return count(t.cleared); }},
}};

}  // namespace

std::span<const KpiDefinition> kpi_definitions() { return kDefinitions; }

std::optional<std::size_t> find_kpi(std::string_view name) {
  for (std::size_t i = 0; i < kDefinitions.size(); ++i)
    if (kDefinitions[i].name == name) return i;
  return std::nullopt;
}

std::size_t kpi_index(std::string_view name) {
  if (const auto i = find_kpi(name)) return *i;
  throw std::logic_error("no KPI is named '" + std::string(name) + "'");
}

const KpiDefinition& kpi(std::string_view name) { return kDefinitions[kpi_index(name)]; }

std::string_view kpi_unit(std::string_view name) {
  const auto i = find_kpi(name);
  return i ? kDefinitions[*i].unit : std::string_view();
}

std::vector<double> compute_kpis(const KpiTally& tally) {
  std::vector<double> values;
  values.reserve(kDefinitions.size());
  for (const auto& def : kDefinitions) values.push_back(def.compute(tally));
  return values;
}

}  // namespace callsim::analysis
