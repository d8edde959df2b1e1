#include "report/interval_figures.hpp"

#include <stdexcept>
#include <string>

namespace callsim::report {

using analysis::KpiTally;
using analysis::ReplicationResult;
using analysis::RunResult;

double tally_aht(const analysis::KpiTally& t) {
  // Callbacks made are handled by agents too; the group tallies count them the same way.
  return analysis::kpi_ratio(t.handle_time, static_cast<double>(t.answered + t.callbacks_made));
}

double tally_agents(const analysis::KpiTally& t, double interval_seconds) {
  return analysis::kpi_ratio(t.staffed_time, interval_seconds);
}

std::size_t interval_count(const analysis::RunResult& run) {
  return run.replications.empty() ? 0 : run.replications[0].intervals.size();
}

std::vector<Estimate> interval_kpi(const analysis::RunResult& run, std::size_t kpi) {
  const auto compute = analysis::kpi_definitions()[kpi].compute;
  return interval_values(run, [&](const analysis::KpiTally& t) { return compute(t); });
}

Estimate interval_type_kpi(const analysis::RunResult& run, std::size_t interval, std::size_t type, std::size_t kpi) {
  const auto compute = analysis::kpi_definitions()[kpi].compute;
  const std::size_t types = run.call_types.size();
  return estimate_over(
      run, [&](const analysis::ReplicationResult& r) { return compute(r.interval_types[interval * types + type]); });
}

namespace {

// A type's day tally: the sum of its interval tallies (what analysis::summarize_call_type adds too).
analysis::KpiTally type_total(const analysis::ReplicationResult& r, std::size_t type, std::size_t types) {
  analysis::KpiTally total;
  for (std::size_t cell = type; cell < r.interval_types.size(); cell += types) total += r.interval_types[cell];
  return total;
}

}  // namespace

Estimate type_kpi(const analysis::RunResult& run, std::size_t type, std::size_t kpi) {
  const auto compute = analysis::kpi_definitions()[kpi].compute;
  return estimate_over(
      run, [&](const analysis::ReplicationResult& r) { return compute(type_total(r, type, run.call_types.size())); });
}

Estimate type_aht(const analysis::RunResult& run, std::size_t type) {
  return estimate_over(
      run, [&](const analysis::ReplicationResult& r) { return tally_aht(type_total(r, type, run.call_types.size())); });
}

}  // namespace callsim::report
