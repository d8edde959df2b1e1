#include "analysis/erlang_reference.hpp"

#include <limits>

#include "models/call_type_means.hpp"

namespace callsim::analysis {

std::optional<ErlangResult> erlang_reference(const models::CenterSpec& spec) {
  // Anything beyond M/M/c(+M) makes the textbook figure a different model, not a reference.
  if (spec.call_types.size() != 1 || spec.agent_groups.size() != 1) return std::nullopt;
  if (spec.ivr || !spec.open_hours.empty() || spec.busyness_cv > 0 || spec.trunk_lines >= 0) return std::nullopt;
  const models::CallTypeSpec& type = spec.call_types.front();
  if (!type.arrivals.is_constant() || !type.trace.empty() || type.service.name() != "exponential") return std::nullopt;
  if (type.patience && type.patience->name() != "exponential") return std::nullopt;
  if (models::has_periods(type)) return std::nullopt;
  if (type.wrap_up || type.queue_capacity >= 0 || !type.balk_probability.empty() || type.retrial.probability > 0 ||
      type.max_queue_time < sim::Time::infinity()) {
    return std::nullopt;
  }
  const models::AgentGroupSpec& group = spec.agent_groups.front();
  if (!group.staffing.empty() || group.wrap_up || group.absenteeism > 0 || group.count < 1) return std::nullopt;
  for (double m : group.service_multipliers) {
    if (m != 1.0) return std::nullopt;
  }
  ErlangInput in;
  in.arrival_rate = type.arrivals.rates()[0];
  in.mean_service = type.service.mean();
  in.agents = spec.agent_groups.front().count;
  if (type.patience) in.mean_patience = type.patience->mean();
  in.threshold = models::service_level_threshold_of(spec, 0).seconds();
  try {
    return erlang(in);
  } catch (const std::exception&) {
    return std::nullopt;  // too large to compute exactly: show no reference rather than fail the run
  }
}

double erlang_kpi_value(const ErlangResult& exact, const models::CenterSpec& spec, std::string_view kpi) {
  const double offered =
      spec.call_types.front().arrivals.expected_events(spec.time.warmup, spec.time.warmup + spec.time.duration);
  if (kpi == "offered") return offered;
  if (kpi == "answered") return offered * (1 - exact.abandon_rate);
  if (kpi == "abandoned") return offered * exact.abandon_rate;
  if (kpi == "service_level") return exact.service_level;
  if (kpi == "service_level_answered") return exact.service_level_answered;
  if (kpi == "service_level_offered") return exact.service_level_offered;
  if (kpi == "p_wait") return exact.p_wait;
  if (kpi == "asa") return exact.asa;
  if (kpi == "awt") return exact.awt;
  if (kpi == "abandon_rate") return exact.abandon_rate;
  if (kpi == "occupancy") return exact.occupancy;
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace callsim::analysis
