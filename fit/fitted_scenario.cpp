#include "fit/fitted_scenario.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "scenarios/clock_time.hpp"
#include "scenarios/name_rules.hpp"

namespace callsim::fit {

namespace {

std::string number(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string seconds_text(double seconds) { return number(seconds, 1) + "s"; }

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string duration_text(double seconds) {
  const auto whole = static_cast<long long>(std::llround(seconds));
  if (whole % 3600 == 0) return std::to_string(whole / 3600) + "h";
  if (whole % 60 == 0) return std::to_string(whole / 60) + "min";
  return std::to_string(whole) + "s";
}

std::string service_yaml(const ServiceFit& fit) {
  if (fit.distribution == "empirical") {
    std::string values;
    for (const double q : fit.quantiles) values += (values.empty() ? "" : ", ") + seconds_text(std::max(q, 0.0));
    return "{distribution: empirical, values: [" + values + "]}";
  }
  const double cv = fit.distribution == "gamma" ? fit.gamma_cv : fit.lognormal_cv;
  return "{distribution: " + fit.distribution + ", mean: " + seconds_text(fit.mean) + ", cv: " + number(cv, 3) + "}";
}

std::string patience_yaml(const PatienceFit& fit) {
  if (fit.distribution == "weibull") {
    return "{distribution: weibull, shape: " + number(fit.weibull.shape, 3) +
           ", scale: " + seconds_text(fit.weibull.scale) + "}";
  }
  return "{distribution: exponential, mean: " + seconds_text(fit.exponential.mean) + "}";
}

}  // namespace

std::vector<std::string> scenario_names(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  std::set<std::string> taken;
  for (const auto& raw : names) {
    std::string name;
    for (const char c : raw) {
      const auto u = static_cast<unsigned char>(c);
      name += (c == '/' || c == ',' || u < 0x20 || u == 0x7f) ? '_' : c;
    }
    while (!name.empty() && name.front() == ' ') name.erase(name.begin());
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (name.size() > 60) name.resize(60);
    while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) name.pop_back();  // UTF-8 cut
    if (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0xC0) name.pop_back();
    // Whatever else the rules refuse (bytes that are not UTF-8, bidirectional controls, ...)
    // goes the ASCII way: every byte outside printable ASCII becomes '_'.
    if (scenarios::detail::name_problem(name, scenarios::detail::NameKind::PART)) {
      for (char& c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f) c = '_';
      }
    }
    if (name.empty() || name == "." || name == "..") name = "type";
    std::string unique = name;
    for (int k = 2; taken.count(unique); ++k) unique = name + "_" + std::to_string(k);
    taken.insert(unique);
    out.push_back(unique);
  }
  return out;
}

ScenarioTexts fitted_scenario(const FittedCenter& center, const ScenarioNaming& naming) {
  const OpenWindow& w = center.window;
  const double start = w.start_seconds(), end = start + static_cast<double>(w.size()) * w.interval;
  const bool with_day = end + w.interval > 86400;
  std::vector<std::string> type_names, group_names;
  for (const auto& t : center.call_types) type_names.push_back(t.name);
  for (const auto& p : center.pools) group_names.push_back(p.name);
  type_names = scenario_names(type_names);
  group_names = scenario_names(group_names);

  ScenarioTexts out;
  out.folder = naming.name;
  const std::string& folder = out.folder;
  std::string y;
  y += "name: " + quoted(naming.name) + "\n";
  std::string source = naming.source;  // a comment stays one line whatever the file names hold
  for (char& c : source)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  y += "# Fitted by callsim fit from " + source + ": " + std::to_string(center.days.kept.size()) +
       " days; every estimate and its method is in fit-report.md beside this file.\n";
  y += "# Arrivals are the calls that reached the agents (queued or answered at once), per interval, mean over\n"
       "# the days; staffing the agents on duty per interval as the log shows them (fractional: docs/fitting.md).\n";
  y += "time:\n  start: " + scenarios::csv_clock(start, false) + "\n  warmup: 0s            # the day starts empty\n";
  y += "  duration: " + duration_text(end - start) + "\n  interval: " + duration_text(w.interval) + "\n";
  y += "service_level:\n  threshold: " + duration_text(naming.service_level_threshold) + "\n";
  if (!center.day_mix && center.arrivals.busyness_cv > 0) {
    y += "busyness: {cv: " + number(center.arrivals.busyness_cv, 3) + "}   # day-to-day variation of the volume\n";
  }
  y += "call_types:\n";
  for (std::size_t i = 0; i < center.call_types.size(); ++i) {
    const FittedCallType& t = center.call_types[i];
    y += "  - name: " + quoted(type_names[i]) + "\n";
    y += "    arrivals: {forecast: " + folder + "/forecast.csv}\n";
    const ServiceFit& service = t.service ? *t.service : *center.all_services;
    y += "    service: " + service_yaml(service) +
         (t.service ? "" : "   # no call of this type was answered: all types' fit") + "\n";
    if (!t.wrap_up.empty()) {
      std::string values;
      for (const double q : t.wrap_up) values += (values.empty() ? "" : ", ") + seconds_text(q);
      y += "    wrap_up: {distribution: empirical, values: [" + values + "]}   # not ready after a call: mean " +
           seconds_text(t.wrap_up_mean) + "\n";
    }
    if (t.patience) y += "    patience: " + patience_yaml(*t.patience) + "\n";
  }
  y += "agent_groups:\n";
  for (std::size_t g = 0; g < center.pools.size(); ++g) {
    std::string skills;
    for (std::size_t i = 0; i < center.call_types.size(); ++i) {
      const auto& pool_skills = center.pools[g].pool.skills;
      const bool has = std::binary_search(pool_skills.begin(), pool_skills.end(), center.call_types[i].log_index);
      if (has) skills += (skills.empty() ? "" : ", ") + quoted(type_names[i]);
    }
    y += "  - name: " + quoted(group_names[g]) + "\n    skills: [" + skills + "]\n";
    y += "    staffing: " + folder + "/staffing.csv\n";
  }
  y += "routing:\n  policy: longest_idle_agent\n";

  // A forecast table of the call types' calls per interval, `of(type)` giving the values.
  const auto forecast_table = [&](const auto& of) {
    std::string f = "interval_start";
    for (const auto& n : type_names) f += "," + n;
    f += "\n";
    for (std::size_t k = 0; k <= w.size(); ++k) {
      f += scenarios::csv_clock(start + static_cast<double>(k) * w.interval, with_day);
      for (const auto& t : center.call_types) {
        const std::vector<double>& v = of(t);
        f += "," + number(k < w.size() && k < v.size() ? v[k] : 0.0, 3);
      }
      f += "\n";
    }
    return f;
  };
  out.forecast_csv = forecast_table([](const FittedCallType& t) -> const std::vector<double>& { return t.arrivals; });
  // A staffing table of the pools' agents per interval, `of(pool)` giving the values.
  const auto staffing_table = [&](const auto& of) {
    std::string s = "interval_start";
    for (const auto& n : group_names) s += "," + n;
    s += "\n";
    for (std::size_t k = 0; k <= w.size(); ++k) {
      s += scenarios::csv_clock(start + static_cast<double>(k) * w.interval, with_day);
      for (const auto& p : center.pools) {
        const std::vector<double>& a = of(p);
        s += "," + number(a.empty() ? 0.0 : a[std::min(k, a.size() - 1)], 2);
      }
      s += "\n";
    }
    return s;
  };
  out.staffing_csv = staffing_table([](const FittedPool& p) -> const std::vector<double>& { return p.staffing; });
  if (center.day_mix) {
    y += "# The observed days, one drawn per replication: each day's own agents on duty and calls per interval\n"
         "# (remove day_mix to simulate the mean day of " +
         folder + "/staffing.csv and forecast.csv).\n";
    y += "day_mix:\n";
    for (std::size_t d = 0; d < center.day_labels.size() && d < center.day_volumes.size(); ++d) {
      if (!(center.day_volumes[d] > 0)) continue;  // a day without calls in the open hours says nothing
      std::string file = center.day_labels[d];
      std::replace(file.begin(), file.end(), ' ', '-');
      const std::string staffing = folder + "/days/" + file + "-agents.csv";
      const std::string calls = folder + "/days/" + file + "-calls.csv";
      out.day_files.emplace_back(staffing, staffing_table([d](const FittedPool& p) -> const std::vector<double>& {
                                   return p.staffing_by_day[d];
                                 }));
      out.day_files.emplace_back(calls, forecast_table([&](const FittedCallType& t) -> const std::vector<double>& {
                                   return center.arrivals.by_day[d][t.log_index];
                                 }));
      y += "  - {label: " + quoted(center.day_labels[d]) + ", staffing: " + staffing +
           ", arrivals: {forecast: " + calls + "}}\n";
    }
  }
  out.yaml = y;
  return out;
}

}  // namespace callsim::fit
