#include "fit/fitted_center.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "fit/patience_fit.hpp"
#include "scenarios/limits.hpp"

namespace callsim::fit {

namespace {

// One group is "agents"; several are named by their skills ("retail+english"), or by the
// main type and how many more when that is long.
std::string pool_name(const CallLog& log, const AgentPool& pool, std::size_t pools) {
  if (pools == 1) return "agents";
  std::string name = log.call_types[pool.main_type];
  for (const auto t : pool.skills)
    if (t != pool.main_type) name += "+" + log.call_types[t];
  if (name.size() > 60) name = log.call_types[pool.main_type] + "+" + std::to_string(pool.skills.size() - 1) + "_more";
  return name;
}

// Each call type's after-call gaps (of every group), each to the agent's next answer, as
// kEmpiricalPoints midpoint quantiles: gaps are spiky (a few seconds of ACD delay, a long tail
// of pauses), so no family is fitted. A censored gap (the queue emptied before the next
// answer) counts in full: the censoring is informative (long pauses are the ones another
// agent cuts short), so treating it as independent (Kaplan-Meier on the part seen for sure)
// understates the long pauses; on the bank's months it made the day's service level 2-4
// points too good. The Kaplan-Meier mean of the sure part is kept as the lower bound.
void add_wrap_ups(FittedCenter& center) {
  std::vector<std::vector<double>> full;
  std::vector<CensoredSample> sure;
  for (const auto& pool : center.pools) {
    for (const auto& g : pool.availability.after_call_gaps) {
      if (full.size() <= g.call_type) full.resize(g.call_type + 1), sure.resize(g.call_type + 1);
      full[g.call_type].push_back(g.seconds);
      sure[g.call_type].times.push_back(g.at_least);
      sure[g.call_type].abandoned.push_back(!g.censored);
    }
  }
  for (auto& type : center.call_types) {
    if (type.log_index >= full.size() || full[type.log_index].empty()) continue;
    auto& sample = full[type.log_index];
    std::sort(sample.begin(), sample.end());
    double sum = 0;
    for (const double g : sample) sum += g;
    type.wrap_up_observations = sample.size();
    const auto& lower = sure[type.log_index];
    type.wrap_up_censored = static_cast<std::size_t>(std::count(lower.abandoned.begin(), lower.abandoned.end(), false));
    type.wrap_up_mean = sum / static_cast<double>(sample.size());
    const auto steps = kaplan_meier(lower);
    double lower_sum = 0;
    for (std::size_t i = 0; i < kEmpiricalPoints && !steps.empty(); ++i) {
      const double q = km_quantile(steps, (static_cast<double>(i) + 0.5) / static_cast<double>(kEmpiricalPoints));
      lower_sum += std::isfinite(q) ? q : steps.back().time;  // the curve's unreached tail: its last time
    }
    type.wrap_up_mean_lower = lower_sum / static_cast<double>(kEmpiricalPoints);
    if (type.wrap_up_mean < 0.5) continue;
    for (std::size_t i = 0; i < kEmpiricalPoints; ++i) {
      const auto at = static_cast<std::size_t>((static_cast<double>(i) + 0.5) * static_cast<double>(sample.size()) /
                                               static_cast<double>(kEmpiricalPoints));
      type.wrap_up.push_back(sample[std::min(at, sample.size() - 1)]);
    }
  }
}

}  // namespace

FittedCenter fit_center(const CallLog& log, const FitOptions& options) {
  FittedCenter out;
  out.days = select_days(log, options.days, options.low_day_fraction);
  const auto& days = out.days.kept;
  // The scenario's own limits, checked before anything is sized by them.
  if (days.size() > scenarios::limits::kDayMixVariants) {
    throw std::invalid_argument("--days keeps " + std::to_string(days.size()) + " days; a fit takes at most " +
                                std::to_string(scenarios::limits::kDayMixVariants) + "; choose fewer with --days");
  }
  if (log.call_types.size() > scenarios::limits::kCallTypes) {
    throw std::invalid_argument("the log has " + std::to_string(log.call_types.size()) +
                                " call types; a scenario may have at most " +
                                std::to_string(scenarios::limits::kCallTypes));
  }
  out.window = open_window(log, days, options.interval);
  if (static_cast<double>(days.size()) * static_cast<double>(log.call_types.size()) *
          static_cast<double>(out.window.size()) >
      2e7) {
    throw std::invalid_argument(
        "the log's days x call types x intervals is over 20 million; fit fewer days (--days) "
        "or longer intervals (--interval)");
  }
  out.arrivals = arrival_profile(log, days, out.window);

  std::vector<bool> kept(log.days.size(), false);
  for (const auto d : days) kept[d] = true;
  const std::size_t types = log.call_types.size();
  std::vector<std::vector<double>> durations(types);
  std::vector<double> all_durations;
  std::vector<CensoredSample> waits(types);
  std::vector<double> answered(types, 0), abandoned(types, 0), ivr_time(types, 0), ivr_calls(types, 0);
  std::vector<std::vector<std::size_t>> priorities(types);
  for (const auto& call : log.calls) {
    if (!kept[call.day]) continue;
    ++out.calls_used;
    if (call.outcome == LoggedOutcome::IVR_ONLY || out.window.slot(call.queue_entry) == out.window.size()) continue;
    const std::uint32_t t = call.call_type;
    const std::size_t p = static_cast<std::size_t>(std::max(0, call.priority));
    if (priorities[t].size() <= p) priorities[t].resize(p + 1, 0);
    ++priorities[t][p];
    ivr_time[t] += std::max(0.0, call.queue_entry - call.arrival);
    ivr_calls[t] += 1;
    const double wait = call.wait();
    if (call.outcome == LoggedOutcome::ANSWERED) {
      answered[t] += 1;
      if (!std::isnan(call.end)) {  // an answered call without its end still counts, without a duration
        durations[t].push_back(call.end - call.answer);
        all_durations.push_back(call.end - call.answer);
      }
    } else {
      abandoned[t] += 1;
    }
    if (!std::isnan(wait)) {
      waits[t].times.push_back(wait);
      waits[t].abandoned.push_back(call.outcome == LoggedOutcome::ABANDONED);
    }
  }
  if (all_durations.size() < 2) {
    throw std::invalid_argument(
        "the chosen days have fewer than 2 answered calls in the open hours, so no service "
        "time can be fitted; check --days and the log");
  }
  try {
    out.all_services = fit_service(all_durations, options.service);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("the answered calls' service times cannot be fitted: ") + e.what());
  }

  const double n_days = static_cast<double>(days.size());
  for (std::uint32_t t = 0; t < types; ++t) {
    const auto& profile = out.arrivals.mean[t];
    double offered = 0;
    for (const double v : profile) offered += v;
    if (offered <= 0) continue;
    FittedCallType type;
    type.name = log.call_types[t];
    type.log_index = t;
    type.arrivals = profile;
    type.offered_per_day = offered;
    type.answered_per_day = answered[t] / n_days;
    type.abandoned_per_day = abandoned[t] / n_days;
    type.ivr_time_mean = ivr_calls[t] > 0 ? ivr_time[t] / ivr_calls[t] : 0;
    type.priorities = priorities[t];
    // A type whose few services or waits cannot be fitted keeps the fallback (all types'
    // service, no patience), and the report says why.
    try {
      if (durations[t].size() >= 2) type.service = fit_service(durations[t], options.service);
    } catch (const std::invalid_argument& e) {
      out.notes.push_back("service of '" + type.name + "': " + e.what() + "; the fit of all types is used");
    }
    try {
      if (abandoned[t] > 0) type.patience = fit_patience(waits[t]);
    } catch (const std::invalid_argument& e) {
      out.notes.push_back("patience of '" + type.name + "': " + e.what() + "; no patience is written");
    }
    // A patience mean past what a scenario takes (a handful of abandonments among very long
    // waits) says the callers practically never hang up: written as none.
    if (type.patience) {
      PatienceFit& p = *type.patience;
      const double limit = scenarios::limits::kDurationSeconds;
      if (p.distribution == "weibull" && !(p.weibull.mean <= limit && p.weibull.scale <= limit))
        p.distribution = "exponential";
      if (!(p.exponential.mean <= limit)) {
        out.notes.push_back("patience of '" + type.name + "': a mean over 100 years; no patience is written");
        type.patience.reset();
      }
    }
    out.call_types.push_back(std::move(type));
  }

  const auto pools = find_agent_pools(log, days, options.pools);
  for (const auto& pool : pools) {
    // A pool whose skills are all types without calls in the open hours has nothing to do.
    const bool useful = std::any_of(out.call_types.begin(), out.call_types.end(), [&](const FittedCallType& t) {
      return std::binary_search(pool.skills.begin(), pool.skills.end(), t.log_index);
    });
    if (!useful) continue;
    FittedPool fitted;
    fitted.name = pool_name(log, pool, pools.size());
    fitted.pool = pool;
    fitted.availability = available_agents(log, days, out.window, pool, options.session_gap);
    const bool sessions = options.availability == Availability::SESSIONS;
    fitted.staffing = sessions ? fitted.availability.in_session : fitted.availability.available;
    fitted.staffing_by_day = sessions ? fitted.availability.in_session_by_day : fitted.availability.available_by_day;
    const double hours = out.window.interval / 3600;
    for (const double v : fitted.staffing) fitted.available_agent_hours += v * hours;
    for (const double v : fitted.availability.seen_serving) fitted.seen_agent_hours += v * hours;
    out.pools.push_back(std::move(fitted));
  }
  if (options.availability == Availability::SESSIONS) add_wrap_ups(out);
  out.day_mix = options.day_mix && days.size() >= 2 && out.arrivals.mean_per_day > 0;
  for (const auto d : days) out.day_labels.push_back(log.days[d].date);
  for (const double total : out.arrivals.day_totals)
    out.day_volumes.push_back(out.arrivals.mean_per_day > 0 ? total / out.arrivals.mean_per_day : 1.0);
  return out;
}

}  // namespace callsim::fit
