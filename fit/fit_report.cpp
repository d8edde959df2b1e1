#include "fit/fit_report.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "scenarios/clock_time.hpp"

namespace callsim::fit {

namespace {

using nlohmann::ordered_json;

std::string fixed(double v, int decimals) {
  if (std::isnan(v)) return "n/a";
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

std::string percent(double v, int decimals = 1) { return std::isnan(v) ? "n/a" : fixed(100 * v, decimals) + " %"; }

ordered_json number_or_null(double v) { return std::isfinite(v) ? ordered_json(v) : ordered_json(nullptr); }

// A KPI's value in its unit for a table: fractions in points, seconds and calls as numbers.
std::string kpi_text(const std::string& unit, double v) {
  if (unit == "fraction") return std::isnan(v) ? "n/a" : fixed(100 * v, 1) + " pts";
  return fixed(v, 1);
}

std::string names_of(const CallLog& log, const std::vector<std::uint32_t>& types) {
  std::string out;
  for (const auto t : types) out += (out.empty() ? "" : ", ") + log.call_types[t];
  return out;
}

double km_at(const PatienceFit& p, double t) {
  double s = 1;
  for (const auto& step : p.kaplan_meier) {
    if (step.time > t) break;
    s = step.survival;
  }
  return s;
}

}  // namespace

std::string backtest_markdown_table(const Backtest& b) {
  const auto value = [](const std::string& unit, double v) { return unit == "fraction" ? percent(v) : fixed(v, 1); };
  std::string md =
      "| KPI | day observed | day simulated (95 % band) | intervals | MAE | bias | coverage of the 95 % band | "
      "MAE persistence | MAE Erlang A | noise floor |\n|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& k : b.kpis) {
    md += "| " + k.kpi + " | " + value(k.unit, k.day.observed) + " | " + value(k.unit, k.day.simulated) + " (" +
          value(k.unit, k.day.low) + " to " + value(k.unit, k.day.high) + ") | " + std::to_string(k.n) + " | " +
          kpi_text(k.unit, k.mae) + " | " + kpi_text(k.unit, k.bias) + " | " + percent(k.coverage, 0) + " | " +
          kpi_text(k.unit, k.mae_persistence) + " | " + kpi_text(k.unit, k.mae_erlang) + " | " +
          kpi_text(k.unit, k.noise_floor) + " |\n";
  }
  return md;
}

std::string fit_report_markdown(const FitReportInputs& in) {
  const CallLog& log = *in.log;
  const FittedCenter& c = *in.center;
  const FitOptions& o = *in.options;
  std::string md = "# Fit of '" + in.naming->name + "'\n\n";
  md += "Made by `" + in.command_line + "`. The scenario `" + in.naming->name +
        ".yaml` beside this report runs as it is (`callsim run " + in.naming->name + ".yaml`).\n\n";

  md += "## The log\n\n";
  md += "- Format `" + in.format + "`, files: ";
  for (std::size_t i = 0; i < log.files.size(); ++i) md += (i ? ", " : "") + std::string("`") + log.files[i] + "`";
  md += "\n- " + std::to_string(log.rows) + " rows, " + std::to_string(log.calls.size()) + " calls read (" +
        fixed(in.read_seconds, 2) + " s to read, " + fixed(in.fit_seconds, 2) + " s to fit).\n";
  if (log.skipped.empty()) md += "- No row was skipped.\n";
  for (const auto& s : log.skipped) {
    md += std::string("- ") + (s.bad ? "Skipped (bad)" : "Ignored") + ": " + std::to_string(s.count) + " rows, " +
          s.reason + "; first at ";
    for (std::size_t i = 0; i < s.first.size(); ++i) md += (i ? ", " : "") + s.first[i];
    md += ".\n";
  }

  for (const auto& note : c.notes) md += "- Note: " + note + ".\n";
  md += "\n## Days\n\n";
  md += "`--days " + o.days + "`: " + std::to_string(c.days.kept.size()) + " days kept";
  if (!c.days.kept.empty())
    md += ", " + log.days[c.days.kept.front()].date + " to " + log.days[c.days.kept.back()].date;
  md += " (median day " + fixed(c.days.median_calls, 0) + " logged calls).";
  if (c.days.dropped.empty()) {
    md += " None dropped.\n";
  } else {
    md += " Dropped:\n\n";
    for (const auto& d : c.days.dropped)
      md += "- " + log.days[d.day].date + ": " + std::to_string(d.calls) + " calls, " + d.reason + "\n";
  }

  const double start = c.window.start_seconds(), end = start + static_cast<double>(c.window.size()) * c.window.interval;
  md += "\n## Opening hours and arrivals\n\n";
  md += "Open from " + scenarios::csv_clock(start, false) + " to " + scenarios::csv_clock(end, end > 86400) + " in " +
        std::to_string(c.window.size()) + " intervals of " + fixed(c.window.interval / 60, 0) +
        " min: the intervals in which agents answered calls on at least half of the days and did at least 5 % of the "
        "busiest interval's work. ";
  md += fixed(c.arrivals.mean_per_day, 1) + " calls a day reached the agents in those hours, " +
        fixed(c.arrivals.outside_per_day, 1) + " outside them (not simulated), and " +
        fixed(c.arrivals.ivr_only_per_day, 1) + " ended in the IVR. Day-to-day busyness: cv " +
        fixed(c.arrivals.busyness_cv, 3) +
        " (the spread of the daily volumes beyond Poisson noise; written as `busyness`).\n\n";
  md +=
      "| call type | offered / day | answered / day | abandoned / day | time before the queue (IVR), mean s | "
      "priorities (calls by value 0, 1, ...) |\n|---|---|---|---|---|---|\n";
  for (const auto& t : c.call_types) {
    std::string prio;
    for (std::size_t p = 0; p < t.priorities.size(); ++p) prio += (p ? " / " : "") + std::to_string(t.priorities[p]);
    md += "| " + t.name + " | " + fixed(t.offered_per_day, 1) + " | " + fixed(t.answered_per_day, 1) + " | " +
          fixed(t.abandoned_per_day, 1) + " | " + fixed(t.ivr_time_mean, 1) + " | " + prio + " |\n";
  }

  if (c.day_mix) {
    md += "\nThe scenario has a `day_mix` of the " + std::to_string(c.day_labels.size()) +
          " days: each replication simulates one of them, with that day's own agents and calls per interval (`" +
          in.naming->name +
          "/days/`), so the simulated days vary as the "
          "observed ones did (service level is not linear in agents or calls: the mean day would look better than "
          "the mean of the days). Without it (`--no-day-mix`) the scenario is the mean day with busyness.\n";
  }
  md += "\n## Service times\n\n";
  md +=
      "Answered calls' end - answer. Lognormal and gamma by maximum likelihood; the one with the smaller "
      "Kolmogorov-Smirnov distance is written unless both are farther than " +
      fixed(o.service.ks_accept, 3) + " from the sample, then the empirical distribution (" +
      std::to_string(kEmpiricalPoints) +
      " quantiles). The scenario keeps the sample mean (the load the log carried) and the family's cv. Services "
      "under " +
      fixed(o.service.short_threshold, 0) + " s are counted apart" +
      (o.service.drop_short ? " and dropped (--drop-short)" : " and kept (--drop-short drops them)") + ".\n\n";
  md += "| call type | services | mean s | cv | median s | under " + fixed(o.service.short_threshold, 0) +
        " s | KS lognormal | KS gamma | written |\n|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& t : c.call_types) {
    if (!t.service) {
      md += "| " + t.name + " | 0 | | | | | | | the fit of all types |\n";
      continue;
    }
    const ServiceFit& s = *t.service;
    md += "| " + t.name + " | " + std::to_string(s.observations) + " | " + fixed(s.mean, 1) + " | " + fixed(s.cv, 3) +
          " | " + fixed(s.median, 1) + " | " + std::to_string(s.short_services) + " | " + fixed(s.ks_lognormal, 3) +
          " | " + fixed(s.ks_gamma, 3) + " | " + s.distribution + " |\n";
  }

  md += "\n## Patience\n\n";
  md +=
      "Queued callers' waits: abandonments are observations of patience, answered callers are censored at their "
      "wait (they would have waited longer). Kaplan-Meier, and exponential and Weibull maximum likelihood with "
      "censoring; Weibull is written when the likelihood ratio exceeds 6.63 (1 %) and its shape differs from 1 "
      "by more than 0.05. The naive mean (abandoners' waits only) is shown to tell how much censoring matters.\n\n";
  md +=
      "| call type | waits | abandoned | naive mean s | exponential mean s | Weibull shape | Weibull scale s | "
      "LR | S(30 s) | S(120 s) | S(300 s) | written |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& t : c.call_types) {
    if (!t.patience) {
      md += "| " + t.name + " | | 0 | | | | | | | | | none (nobody abandoned) |\n";
      continue;
    }
    const PatienceFit& p = *t.patience;
    md += "| " + t.name + " | " + std::to_string(p.observations) + " | " + std::to_string(p.abandonments) + " | " +
          fixed(p.naive_mean, 1) + " | " + fixed(p.exponential.mean, 1) + " | " + fixed(p.weibull.shape, 3) + " | " +
          fixed(p.weibull.scale, 1) + " | " + fixed(p.likelihood_ratio, 1) + " | " + fixed(km_at(p, 30), 3) + " | " +
          fixed(km_at(p, 120), 3) + " | " + fixed(km_at(p, 300), 3) + " | " + p.distribution + " |\n";
  }

  md += "\n## Agent groups and available agents\n\n";
  md += "An agent's skills are the fewest call types that make up " + percent(o.pools.share, 0) +
        " of its services; agents with the same skills form a group (groups under " +
        percent(o.pools.min_pool_share, 0) +
        " of the services join the largest group serving their main type). Available agents per interval: "
        "on-duty sessions (an agent's services less than " +
        fixed(o.session_gap / 60, 0) +
        " min apart, reaching as far before the first answer and after the last end while no call of the "
        "group's skills waited), counted while serving, or while idle when no call of the group's skills "
        "waited.\n\n";
  const bool sessions = o.availability == Availability::SESSIONS;
  md += sessions ? "The staffing written (`--availability sessions`) is the agents in a session; the time an agent "
                   "was not ready after a call, seen when a call waited as the service ended, is each call type's "
                   "`wrap_up` (below): the gap to the agent's next answer. Where the queue emptied before that "
                   "answer (censored), the agent was not ready at least until then; the lower bound is the "
                   "Kaplan-Meier mean of that sure part.\n\n"
                 : "The staffing written (`--availability queue`) is the available agents; no wrap-up is written.\n\n";
  md +=
      "| group | skills | agents | services | staffed agent-hours / day | seen serving agent-hours / day | "
      "staffed / seen |\n|---|---|---|---|---|---|---|\n";
  for (const auto& p : c.pools) {
    md += "| " + p.name + " | " + names_of(log, p.pool.skills) + " | " + std::to_string(p.pool.agents.size()) + " | " +
          std::to_string(p.pool.services) + " | " + fixed(p.available_agent_hours, 1) + " | " +
          fixed(p.seen_agent_hours, 1) + " | " +
          (p.seen_agent_hours > 0 ? fixed(p.available_agent_hours / p.seen_agent_hours, 3) : "n/a") + " |\n";
  }
  if (sessions) {
    md +=
        "\n| call type | after-call gaps | of which censored | mean wrap-up s | lower bound s | written |\n"
        "|---|---|---|---|---|---|\n";
    for (const auto& t : c.call_types) {
      md += "| " + t.name + " | " + std::to_string(t.wrap_up_observations) + " | " +
            std::to_string(t.wrap_up_censored) + " | " + fixed(t.wrap_up_mean, 1) + " | " +
            fixed(t.wrap_up_mean_lower, 1) + " | " + (t.wrap_up.empty() ? "none" : "empirical") + " |\n";
    }
  }
  md +=
      "\nPer interval (mean over the days): available agents (serving, or idle with nobody waiting), in session, "
      "seen serving (distinct agents with a service in the interval, the old proxy) and busy.\n\n| interval";
  for (const auto& p : c.pools) md += " | " + p.name + " available | in session | seen | busy";
  md += " |\n|---";
  for (std::size_t i = 0; i < c.pools.size(); ++i) md += "|---|---|---|---";
  md += "|\n";
  for (std::size_t k = 0; k < c.window.size(); ++k) {
    md += "| " + scenarios::csv_clock(start + static_cast<double>(k) * c.window.interval, end > 86400);
    for (const auto& p : c.pools) {
      const auto& a = p.availability;
      md += " | " + fixed(a.available[k], 2) + " | " + fixed(a.in_session[k], 2) + " | " + fixed(a.seen_serving[k], 2) +
            " | " + fixed(a.busy[k], 2);
    }
    md += " |\n";
  }

  md += "\n## In-sample backtest\n\n";
  if (!in.in_sample) {
    md += "Not run (--no-backtest).\n";
  } else {
    md += "The fitted scenario simulated (" + std::to_string(in.in_sample->replications) +
          " replications) against the " + std::to_string(in.in_sample->days) +
          " days it was fitted on, per interval, in " + fixed(in.backtest_seconds, 1) +
          " s. Both sides pooled (the calls of all days, of all replications: ratios of sums). Fractions in "
          "percentage points; offered, answered and abandoned per day. Coverage: the share of intervals whose "
          "observed value lies in the simulated 95 % band for " +
          std::to_string(in.in_sample->days) +
          " pooled days. Noise floor: the MAE that resampling the observed days alone gives.\n\n";
    md += backtest_markdown_table(*in.in_sample);
  }
  return md;
}

std::string fit_report_json(const FitReportInputs& in) {
  const CallLog& log = *in.log;
  const FittedCenter& c = *in.center;
  ordered_json j;
  j["format_version"] = 1;
  j["scenario"] = in.naming->name;
  j["command_line"] = in.command_line;
  j["log"] = {{"format", in.format}, {"files", log.files}, {"rows", log.rows}, {"calls", log.calls.size()}};
  ordered_json skipped = ordered_json::array();
  for (const auto& s : log.skipped)
    skipped.push_back({{"reason", s.reason}, {"bad", s.bad}, {"rows", s.count}, {"first", s.first}});
  j["log"]["skipped"] = skipped;
  ordered_json kept = ordered_json::array(), dropped = ordered_json::array();
  for (const auto d : c.days.kept) kept.push_back(log.days[d].date);
  for (const auto& d : c.days.dropped)
    dropped.push_back({{"date", log.days[d.day].date}, {"calls", d.calls}, {"reason", d.reason}});
  j["day_mix"] = c.day_mix;
  j["day_volumes"] = c.day_volumes;
  j["availability"] = in.options->availability == Availability::SESSIONS ? "sessions" : "queue";
  j["days"] = {
      {"filter", in.options->days}, {"kept", kept}, {"dropped", dropped}, {"median_calls", c.days.median_calls}};
  j["window"] = {
      {"start_s", c.window.start_seconds()}, {"interval_s", c.window.interval}, {"intervals", c.window.size()}};
  j["arrivals"] = {{"per_day", c.arrivals.mean_per_day},
                   {"outside_window_per_day", c.arrivals.outside_per_day},
                   {"ivr_only_per_day", c.arrivals.ivr_only_per_day},
                   {"busyness_cv", c.arrivals.busyness_cv}};
  ordered_json types = ordered_json::array();
  for (const auto& t : c.call_types) {
    ordered_json type = {{"name", t.name},
                         {"offered_per_day", t.offered_per_day},
                         {"answered_per_day", t.answered_per_day},
                         {"abandoned_per_day", t.abandoned_per_day},
                         {"ivr_time_mean_s", t.ivr_time_mean},
                         {"priorities", t.priorities},
                         {"wrap_up",
                          {{"observations", t.wrap_up_observations},
                           {"censored", t.wrap_up_censored},
                           {"mean_s", t.wrap_up_mean},
                           {"mean_lower_s", t.wrap_up_mean_lower},
                           {"values_s", t.wrap_up}}},
                         {"arrivals_per_interval", t.arrivals}};
    if (t.service) {
      const ServiceFit& s = *t.service;
      type["service"] = {{"distribution", s.distribution},
                         {"observations", s.observations},
                         {"short_services", s.short_services},
                         {"mean_s", s.mean},
                         {"cv", s.cv},
                         {"median_s", s.median},
                         {"lognormal", {{"mean_s", s.lognormal_mean}, {"cv", s.lognormal_cv}, {"ks", s.ks_lognormal}}},
                         {"gamma", {{"mean_s", s.gamma_mean}, {"cv", s.gamma_cv}, {"ks", s.ks_gamma}}}};
    }
    if (t.patience) {
      const PatienceFit& p = *t.patience;
      ordered_json km = ordered_json::array();
      for (const double at : {10.0, 30.0, 60.0, 120.0, 300.0, 600.0})
        km.push_back({{"t_s", at}, {"survival", km_at(p, at)}});
      type["patience"] = {
          {"distribution", p.distribution},
          {"observations", p.observations},
          {"abandonments", p.abandonments},
          {"naive_mean_s", p.naive_mean},
          {"exponential", {{"mean_s", p.exponential.mean}, {"log_likelihood", p.exponential.log_likelihood}}},
          {"weibull",
           {{"shape", p.weibull.shape},
            {"scale_s", p.weibull.scale},
            {"mean_s", p.weibull.mean},
            {"log_likelihood", p.weibull.log_likelihood},
            {"converged", p.weibull.converged}}},
          {"likelihood_ratio", p.likelihood_ratio},
          {"kaplan_meier", km}};
    }
    types.push_back(type);
  }
  j["call_types"] = types;
  ordered_json pools = ordered_json::array();
  for (const auto& p : c.pools) {
    std::vector<std::string> skills, agents;
    for (const auto t : p.pool.skills) skills.push_back(log.call_types[t]);
    for (const auto a : p.pool.agents) agents.push_back(log.agents[a]);
    pools.push_back({{"name", p.name},
                     {"skills", skills},
                     {"agents", agents},
                     {"services", p.pool.services},
                     {"staffed_agent_hours_per_day", p.available_agent_hours},
                     {"seen_serving_agent_hours_per_day", p.seen_agent_hours},
                     {"staffing", p.staffing},
                     {"available", p.availability.available},
                     {"in_session", p.availability.in_session},
                     {"seen_serving", p.availability.seen_serving},
                     {"busy", p.availability.busy}});
  }
  j["agent_groups"] = pools;
  if (in.in_sample) {
    ordered_json kpis = ordered_json::array();
    for (const auto& k : in.in_sample->kpis) {
      kpis.push_back({{"kpi", k.kpi},
                      {"unit", k.unit},
                      {"day_observed", number_or_null(k.day.observed)},
                      {"day_simulated", number_or_null(k.day.simulated)},
                      {"intervals", k.n},
                      {"mae", number_or_null(k.mae)},
                      {"bias", number_or_null(k.bias)},
                      {"coverage", number_or_null(k.coverage)},
                      {"mae_persistence", number_or_null(k.mae_persistence)},
                      {"mae_erlang_a", number_or_null(k.mae_erlang)},
                      {"noise_floor", number_or_null(k.noise_floor)}});
    }
    j["in_sample"] = {{"days", in.in_sample->days}, {"replications", in.in_sample->replications}, {"kpis", kpis}};
  }
  j["notes"] = c.notes;
  j["seconds"] = {{"read", in.read_seconds}, {"fit", in.fit_seconds}, {"backtest", in.backtest_seconds}};
  return j.dump(2) + "\n";
}

}  // namespace callsim::fit
