#include "app/run_size.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "analysis/kpi.hpp"
#include "run/call_records.hpp"
#include "store/hdf5_result_rows.hpp"
#include "store/results_store.hpp"

namespace callsim::app {

namespace {

/// The process before any run: code, libraries, HDF5's caches (measured: about 16 MB).
constexpr double kProcessBytes = 32e6;

/// Expected arrivals of one replication: each call type's rate (or trace) and the IVR's,
/// over [0, end), the horizon in which arrivals come.
double expected_calls(const models::CenterSpec& spec) {
  const sim::Time end = spec.time.warmup + spec.time.duration;
  double calls = 0;
  for (const models::CallTypeSpec& type : spec.call_types) {
    if (!type.trace.empty()) {
      calls += static_cast<double>(
          std::count_if(type.trace.begin(), type.trace.end(), [&](sim::Time t) { return t < end; }));
    } else {
      calls += type.arrivals.expected_events(sim::Time(0), end);
    }
  }
  if (spec.ivr) calls += spec.ivr->arrivals.expected_events(sim::Time(0), end);
  return calls;
}

double expected_ivr_events(const models::CenterSpec& spec) {
  if (!spec.ivr) return 0;
  const sim::Time end = spec.time.warmup + spec.time.duration;
  // A walk visits a few nodes; the node count is a generous stand-in for the mean path.
  return spec.ivr->arrivals.expected_events(sim::Time(0), end) * static_cast<double>(spec.ivr->nodes.size());
}

/// The interval count the KPI collector allocates: ceil(duration / interval).
double interval_count(const models::CenterSpec& spec) {
  const double interval = spec.time.interval.seconds();
  if (!(interval > 0)) return 0;
  return std::ceil(spec.time.duration.seconds() / interval);
}

/// One kept replication's bytes: its analysis::ReplicationResult and the vectors it owns.
double replication_bytes(const models::CenterSpec& spec) {
  const double intervals = interval_count(spec);
  const double types = static_cast<double>(spec.call_types.size());
  const double groups = static_cast<double>(spec.agent_groups.size());
  return static_cast<double>(sizeof(analysis::ReplicationResult)) +
         intervals * (1 + types) * static_cast<double>(sizeof(analysis::KpiTally)) +
         groups * (1 + intervals) * static_cast<double>(sizeof(analysis::GroupTally));
}

/// The most a rate reaches, events per second.
double peak_rate(const sim::PiecewiseRate& rate) {
  return rate.rates().empty() ? 0 : *std::max_element(rate.rates().begin(), rate.rates().end());
}

/// How many calls may be in the system at once in one replication, roughly, by Little's
/// law on the whole center at its peak rate: with patience, rate x (service + patience);
/// without, a stable center holds rate x service x 10 (generous waits), and one offered
/// more than its agents can serve piles the excess up over the whole horizon. Never more
/// than the replication's calls.
double calls_in_system(const models::CenterSpec& spec, double calls) {
  const double horizon = (spec.time.warmup + spec.time.duration).seconds();
  double rate = 0, work = 0, patience = 0;
  bool everyone_abandons = !spec.call_types.empty();
  for (const models::CallTypeSpec& type : spec.call_types) {
    const double r = type.trace.empty() ? peak_rate(type.arrivals)
                                        : (horizon > 0 ? static_cast<double>(type.trace.size()) / horizon : 0);
    const double handle = type.service.mean() + (type.wrap_up ? type.wrap_up->mean() : 0);
    rate += r;
    work += r * handle;
    if (type.patience) {
      patience = std::max(patience, type.patience->mean());
    } else {
      everyone_abandons = false;
    }
  }
  if (spec.ivr && !spec.call_types.empty()) {
    // IVR calls join the types in unknown shares: count them at the types' mean work.
    const double r = peak_rate(spec.ivr->arrivals);
    work += rate > 0 ? r * work / rate : 0;
    rate += r;
  }
  if (!(rate > 0)) return 0;
  double agents = 0;
  for (const models::AgentGroupSpec& group : spec.agent_groups) {
    double most = group.count;
    for (const models::StaffingStep& step : group.staffing) most = std::max(most, static_cast<double>(step.agents));
    agents += most;
  }
  const double handle = work / rate;
  double in_system = 0;
  if (everyone_abandons) {
    in_system = rate * (handle + patience);
  } else if (work <= agents) {
    in_system = 10 * work + agents;
  } else {
    in_system = (rate - (handle > 0 ? agents / handle : 0)) * horizon + agents;
  }
  // Trunk lines cap the calls in the system (callbacks awaiting their call aside).
  if (spec.trunk_lines >= 0) in_system = std::min(in_system, static_cast<double>(spec.trunk_lines));
  return std::min(in_system, calls);
}

}  // namespace

RunSize estimate_run_size(const std::vector<const models::CenterSpec*>& variants, const RunSizeOptions& options) {
  RunSize size;
  size.variants = static_cast<double>(variants.size());
  const double reps = static_cast<double>(options.replications);
  const double in_flight = std::min(reps, static_cast<double>(std::max(1u, options.threads)));
  const double kpis = static_cast<double>(analysis::kpi_definitions().size());
  // Rows as written, before compression (the file is smaller: an upper bound), names of 16 bytes.
  constexpr int kVersion = store::kResultsFormatVersion;
  constexpr std::size_t kName = 16;
  const double rep_row = static_cast<double>(store::hdf5::replications_layout(kVersion).size());
  const double interval_row = static_cast<double>(store::hdf5::intervals_layout(kVersion).size());
  const double type_row = static_cast<double>(store::hdf5::interval_types_layout(kVersion, kName).size());
  const double group_row = static_cast<double>(store::hdf5::groups_layout(kVersion, kName).size());
  const double interval_group_row = static_cast<double>(store::hdf5::interval_groups_layout(kName).size());
  const double summary_row = static_cast<double>(store::hdf5::summary_layout().size());
  const double day_row = static_cast<double>(store::hdf5::comparison_day_layout(kVersion, kName).size());
  const double difference_row = static_cast<double>(store::hdf5::comparison_intervals_layout(kVersion, kName).size());

  double kept = 0, largest_tables = 0, largest_calls = 0;
  for (const models::CenterSpec* spec : variants) {
    const double calls = expected_calls(*spec);
    const double intervals = interval_count(*spec);
    const double types = static_cast<double>(spec->call_types.size());
    const double groups = static_cast<double>(spec->agent_groups.size());
    size.calls += calls * reps;
    size.events += (calls * kEventsPerCall + expected_ivr_events(*spec)) * reps;
    size.calls_per_replication = std::max(size.calls_per_replication, calls);
    if (intervals * (1 + types) >= size.tallies_per_replication) {
      size.intervals = intervals;
      size.call_types = types;
      size.tallies_per_replication = intervals * (1 + types);
    }
    size.tally_bytes += reps * intervals * (1 + types) * static_cast<double>(sizeof(analysis::KpiTally));
    kept += reps * replication_bytes(*spec);
    largest_calls = std::max(largest_calls, calls);
    size.calls_in_system = std::max(size.calls_in_system, calls_in_system(*spec, calls));
    // The writer builds each table whole in memory, one after the other: the largest
    // (interval, call type or group) ones are counted together, an upper bound.
    const double tables = reps * intervals * (interval_row + types * type_row + groups * interval_group_row);
    largest_tables = std::max(largest_tables, tables);
    size.file_bytes += reps * (rep_row + groups * group_row) + tables + kpis * summary_row;
  }
  // compare hands the file writer a copy of its runs; a resumed run copies the file's.
  double memory = kept * (options.comparison ? 2 : 1);
  if (options.comparison) size.tally_bytes *= 2;
  if (!variants.empty() && options.held_replications > 0)
    memory += static_cast<double>(options.held_replications) * replication_bytes(*variants[0]);
  // The runner's result slots (std::optional<analysis::ReplicationResult>, one per replication)
  // live beside the run's vector while the tallies move over.
  memory += reps * static_cast<double>(sizeof(std::optional<analysis::ReplicationResult>));
  // Every replication running holds its calls in the system (queues, agents, the event
  // calendar): variants run one after the other.
  size.running = in_flight;
  size.system_bytes = in_flight * size.calls_in_system * kBytesPerCallInSystem;
  memory += size.system_bytes;
  // Replications in flight become the kept ones (their tallies move), so they add
  // nothing; the file's tables are built whole while every replication is still held.
  memory += largest_tables;
  if (options.comparison && variants.size() > 1) {
    const double others = static_cast<double>(variants.size() - 1);
    memory +=
        others * size.intervals * kpis * (static_cast<double>(sizeof(analysis::PairedDifference)) + difference_row);
    size.file_bytes += others * kpis * (day_row + size.intervals * difference_row);
  }
  if (options.record_calls) {
    memory += (2 * in_flight + 1) * largest_calls * static_cast<double>(sizeof(run::CallRecord));
    size.file_bytes += size.calls * kCallRowFileBytes;
  }
  size.memory_bytes = memory + kProcessBytes;
  size.file_bytes += 64 * 1024;  // superblock, groups, attributes, the scenario text
  return size;
}

}  // namespace callsim::app
