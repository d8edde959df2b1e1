// callsim erlang: exact Erlang C / Erlang A figures for one queue, as a table or JSON; with
// --target, the fewest agents that meet the targets, for one rate or per forecast interval.

#include <algorithm>
#include <boost/program_options.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/erlang.hpp"
#include "analysis/erlang_staffing.hpp"
#include "app/commands.hpp"
#include "app/join.hpp"
#include "app/option_values.hpp"
#include "app/target_option.hpp"
#include "report/json_report.hpp"
#include "scenarios/clock_time.hpp"
#include "scenarios/forecast_csv.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/units.hpp"

namespace po = boost::program_options;

namespace callsim::app {

namespace {

constexpr const char* kErlangUsage =
    "usage: callsim erlang --rate RATE --aht DURATION --agents N [--patience DURATION]\n"
    "                      [--threshold DURATION] [--json]\n"
    "       callsim erlang --rate RATE --aht DURATION --target KPI>=X [--target ...] [options]\n"
    "       callsim erlang --forecast FILE.csv [--column NAME] --aht DURATION --target KPI>=X [...]\n"
    "\n"
    "Exact steady-state figures of one queue: Erlang C (M/M/c) or, with --patience,\n"
    "Erlang A (M/M/c+M, callers hang up after an exponential patience). Same definitions\n"
    "as the KPIs of `callsim run`. With --target instead of --agents: the fewest agents\n"
    "that meet every target, and the figures there; with --forecast, per interval of a\n"
    "forecast CSV (each interval a stationary queue: period by period, SIPP).\n"
    "Targets: service_level, service_level_answered, service_level_offered (>=); p_wait,\n"
    "asa, awt, abandon_rate, occupancy, mean_queue_length (<=). Fractions as 0.8 or 80%,\n"
    "times as 20s (or seconds), e.g. --target 'service_level>=80%' --target 'asa<=30s'.\n";

/// For messages, like scenarios::kRateHelp.
constexpr std::string_view kAgentsHelp = "a whole number from 1 to 10000000 (e.g. 55)";
/// The largest offered load (Erlangs) computed: ten times the most agents, so any queue
/// that some allowed staffing can serve is in range.
constexpr double kMaxOfferedLoad = 10.0 * static_cast<double>(kMaxErlangAgents);

/// A bad option value: the message is printed as "callsim erlang: <message>".
struct BadOption : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string quoted(const std::string& option, const std::string& text) { return "--" + option + " '" + text + "'"; }

double rate_option(const std::string& text) {
  const auto rate = scenarios::parse_rate(text);
  if (!rate) {
    throw BadOption(quoted("rate", text) + " is not a rate: expected " + std::string(scenarios::kRateHelp));
  }
  if (*rate <= 0) {
    throw BadOption(quoted("rate", text) + " must be more than 0: expected " + std::string(scenarios::kRateHelp));
  }
  return *rate;
}

/// Seconds in `text`; more than 0 unless `zero_ok`.
double duration_option(const std::string& option, const std::string& text, bool zero_ok) {
  const auto seconds = scenarios::parse_duration(text);
  if (!seconds) {
    throw BadOption(quoted(option, text) + " is not a duration: expected " + std::string(scenarios::kDurationHelp));
  }
  if (*seconds < 0 || (!zero_ok && *seconds == 0)) {
    throw BadOption(quoted(option, text) + (zero_ok ? " must be 0 or more" : " must be more than 0") + ": expected " +
                    std::string(scenarios::kDurationHelp));
  }
  return *seconds;
}

int agents_option(const std::string& text) {
  // The birth-death chain is linear in the agents: 2e9 of them would run for minutes.
  try {
    return static_cast<int>(parse_whole("--agents", text, 1, kMaxErlangAgents));
  } catch (const OptionError&) {
    throw BadOption(quoted("agents", text) + " is not a number of agents: expected " + std::string(kAgentsHelp));
  }
}

/// `value` as text with `decimals` decimals, or "n/a" when undefined.
std::string fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

void print_table(std::ostream& out, const analysis::ErlangInput& in, const analysis::ErlangResult& r,
                 const std::vector<std::string>& typed) {
  const bool erlang_a = in.mean_patience.has_value();
  out << (erlang_a ? "Erlang A (M/M/c+M)" : "Erlang C (M/M/c)") << ": rate " << typed[0] << ", AHT " << typed[1] << ", "
      << in.agents << (in.agents == 1 ? " agent" : " agents");
  if (erlang_a) out << ", patience " << typed[2];
  out << ", T = " << typed[3] << "\n\n";

  char threshold[32];
  std::snprintf(threshold, sizeof threshold, "%g s", in.threshold);
  const std::string t = threshold;
  struct Row {
    std::string name, value, unit, note;
  };
  std::vector<Row> rows{
      {"offered load", fixed(r.offered_load, 2), "Erlangs", ""},
      {"P(wait)", fixed(100 * r.p_wait, 2), "%", "calls that wait at all"},
      {"service level", fixed(100 * r.service_level, 2), "%",
       "answered within " + t + " / (answered + abandoned after " + t + ")"},
      {"service level, answered", fixed(100 * r.service_level_answered, 2), "%",
       "answered within " + t + " / answered"},
      {"service level, offered", fixed(100 * r.service_level_offered, 2), "%", "answered within " + t + " / offered"},
      {"ASA", fixed(r.asa, 2), "s", "mean wait of answered calls"},
      {"AWT", fixed(r.awt, 2), "s", "mean wait of all calls, answered or abandoned"},
      {"abandon rate", fixed(100 * r.abandon_rate, 2), "%", "abandoned / offered"},
      {"occupancy", fixed(100 * r.occupancy, 2), "%", "agent time in service"},
      {"mean queue length", fixed(r.mean_queue_length, 2), "calls", "calls waiting, time average"},
  };
  std::size_t name_width = 0, value_width = 0, unit_width = 0;
  for (Row& row : rows) {
    if (row.value == "n/a") row.unit.clear();
    name_width = std::max(name_width, row.name.size());
    value_width = std::max(value_width, row.value.size());
    unit_width = std::max(unit_width, row.unit.size());
  }
  for (const Row& row : rows) {
    std::string line = "  " + row.name + std::string(name_width - row.name.size() + 2, ' ') +
                       std::string(value_width - row.value.size(), ' ') + row.value + " " + row.unit;
    if (!row.note.empty()) line += std::string(unit_width - row.unit.size() + 2, ' ') + row.note;
    out << line << "\n";
  }
  if (!r.stable) {
    out << "\nunstable: " << fixed(r.offered_load, 2) << " Erlangs offered to " << in.agents
        << " agents; without abandonment the queue grows without bound.\n";
  }
}

/// The figures of `r` as JSON members, `"offered_load": ...` to `"mean_queue_length": ...`.
std::string json_figures(const analysis::ErlangResult& r) {
  using report::json_number;
  return "\"offered_load\": " + json_number(r.offered_load) + ", \"stable\": " + (r.stable ? "true" : "false") +
         ", \"p_wait\": " + json_number(r.p_wait) + ", \"service_level\": " + json_number(r.service_level) +
         ", \"service_level_answered\": " + json_number(r.service_level_answered) +
         ", \"service_level_offered\": " + json_number(r.service_level_offered) + ", \"asa\": " + json_number(r.asa) +
         ", \"awt\": " + json_number(r.awt) + ", \"abandon_rate\": " + json_number(r.abandon_rate) +
         ", \"occupancy\": " + json_number(r.occupancy) +
         ", \"mean_queue_length\": " + json_number(r.mean_queue_length);
}

/// `"targets": [{"kpi": ..., "bound": ">=", "value": ...}, ...]`, or "" without targets.
std::string json_targets(const std::vector<analysis::StaffingTarget>& targets) {
  if (targets.empty()) return "";
  std::string out = ", \"targets\": [";
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const auto& t = targets[i];
    out += std::string(i ? ", " : "") + "{\"kpi\": " + report::json_string(t.kpi) +
           ", \"bound\": " + (t.direction == analysis::StaffingTarget::Direction::AT_LEAST ? "\">=\"" : "\"<=\"") +
           ", \"value\": " + report::json_number(t.value) + "}";
  }
  return out + "]";
}

/// One JSON object: the model, `prefix` members (the interval and its calls, per interval),
/// the figures, the inputs and the targets.
std::string json_object(const analysis::ErlangInput& in, const analysis::ErlangResult& r,
                        const std::vector<analysis::StaffingTarget>& targets, const std::string& prefix = "") {
  using report::json_number;
  return "{\"model\": " + report::json_string(in.mean_patience ? "erlang_a" : "erlang_c") + ", " + prefix +
         json_figures(r) + ", \"arrival_rate\": " + json_number(in.arrival_rate) +
         ", \"mean_service\": " + json_number(in.mean_service) + ", \"agents\": " + std::to_string(in.agents) +
         ", \"mean_patience\": " + (in.mean_patience ? json_number(*in.mean_patience) : "null") +
         ", \"threshold\": " + json_number(in.threshold) + json_targets(targets) + "}";
}

/// "--target 'a' --target 'b'", for messages.
std::string typed_targets(const std::vector<std::string>& texts) {
  std::string out;
  for (const auto& t : texts) out += (out.empty() ? "" : " ") + quoted("target", t);
  return out;
}

/// "service_level >= 80% and asa <= 20 s".
std::string described_targets(const std::vector<analysis::StaffingTarget>& targets) {
  std::string out;
  for (std::size_t i = 0; i < targets.size(); ++i) out += (i ? " and " : "") + describe_target(targets[i]);
  return out;
}

/// The per-interval table of a forecast: one row per interval, then the day's totals.
void print_intervals(std::ostream& out, const analysis::ErlangInput& base, const scenarios::ForecastTable& table,
                     const std::string& column, const std::vector<double>& calls,
                     const std::vector<analysis::StaffingAnswer>& answers,
                     const std::vector<analysis::StaffingTarget>& targets, const std::vector<std::string>& typed) {
  const bool erlang_a = base.mean_patience.has_value();
  out << (erlang_a ? "Erlang A (M/M/c+M)" : "Erlang C (M/M/c)") << " per interval: forecast " << table.path()
      << " (column '" << column << "', " << fixed(table.interval() / 60, 0) << " min intervals), AHT " << typed[1];
  if (erlang_a) out << ", patience " << typed[2];
  out << ", T = " << typed[3] << "\n";
  out << "agents needed for " << described_targets(targets) << "\n\n";

  const std::vector<std::string> head{"interval", "calls", "agents", "load",    "SL",
                                      "P(wait)",  "ASA",   "AWT",    "abandon", "occupancy"};
  std::vector<std::vector<std::string>> rows;
  double total_calls = 0, agent_seconds = 0;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const auto& r = answers[i].figures;
    const int n = *answers[i].agents;
    total_calls += calls[i];
    agent_seconds += n * table.interval();
    rows.push_back({scenarios::format_clock(table.start() + static_cast<double>(i) * table.interval(), table.weekly()),
                    fixed(calls[i], 1), std::to_string(n), fixed(r.offered_load, 2),
                    fixed(100 * r.service_level, 2) + " %", fixed(100 * r.p_wait, 2) + " %", fixed(r.asa, 2) + " s",
                    fixed(r.awt, 2) + " s", fixed(100 * r.abandon_rate, 2) + " %", fixed(100 * r.occupancy, 2) + " %"});
    for (auto& cell : rows.back())
      if (cell.starts_with("n/a")) cell = "n/a";
  }
  std::vector<std::size_t> width(head.size());
  for (std::size_t c = 0; c < head.size(); ++c) {
    width[c] = head[c].size();
    for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
  }
  const auto line = [&](const std::vector<std::string>& cells) {
    std::string text = " ";
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string pad(width[c] - cells[c].size(), ' ');
      text += " " + (c == 0 ? cells[c] + pad : pad + cells[c]);  // times left, figures right
    }
    out << text << "\n";
  };
  line(head);
  for (const auto& row : rows) line(row);
  out << "\n  " << fixed(total_calls, 1) << " calls; " << fixed(agent_seconds / 3600, 1)
      << " agent-hours on duty (agents x interval length, before shrinkage)\n";
}

/// `callsim erlang --forecast FILE --target ...`: the agents each interval needs, as a table
/// or a JSON array. Throws ScenarioError (the file) and BadOption.
int forecast_staffing(analysis::ErlangInput base, const std::string& path, const std::string* column_option,
                      const std::vector<analysis::StaffingTarget>& targets,
                      const std::vector<std::string>& target_texts, const std::vector<std::string>& typed, bool json) {
  const auto table = scenarios::ForecastTable::read(path, "--forecast");
  std::string column;
  if (column_option) {
    column = *column_option;
  } else if (table.columns().size() == 1) {
    column = table.columns().front();
  } else {
    throw BadOption(quoted("forecast", path) + " has " + std::to_string(table.columns().size()) + " columns (" +
                    join(table.columns(), ", ") + "); name the one to staff, e.g. " +
                    quoted("column", table.columns().front()));
  }
  const std::vector<double> calls = table.volumes(column);
  const auto start_of = [&](std::size_t i) {
    return scenarios::format_clock(table.start() + static_cast<double>(i) * table.interval(), table.weekly());
  };
  std::vector<double> rates;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    rates.push_back(calls[i] / table.interval());
    if (!(rates.back() * base.mean_service <= kMaxOfferedLoad)) {
      throw BadOption(quoted("forecast", path) + ": interval " + start_of(i) + " with " + quoted("aht", typed[1]) +
                      " offers more than 1e+08 Erlangs; callsim erlang computes up to 1e+08 Erlangs");
    }
  }
  const auto answers = analysis::agents_per_interval(rates, base.mean_service, base.mean_patience, base.threshold,
                                                     targets, kMaxErlangAgents);
  std::vector<std::string> missed;
  std::string reason;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    if (answers[i].agents) continue;
    if (reason.empty()) reason = answers[i].reason;
    missed.push_back(start_of(i));
  }
  if (!missed.empty()) {
    constexpr std::size_t kNamed = 5;
    const std::size_t named = std::min(kNamed, missed.size());
    std::string which = join(std::vector<std::string>(missed.begin(), missed.begin() + static_cast<long>(named)), ", ");
    if (missed.size() > named) which += ", ...";
    std::cerr << "callsim erlang: " << typed_targets(target_texts) << " cannot be met in " << missed.size() << " of "
              << answers.size() << " intervals of " << path << " (" << which << "): " << reason
              << "; relax the target\n";
    return kExitBadInput;
  }

  if (!json) {
    print_intervals(std::cout, base, table, column, calls, answers, targets, typed);
    return 0;
  }
  std::string out = "[";
  for (std::size_t i = 0; i < answers.size(); ++i) {
    analysis::ErlangInput in = base;
    in.arrival_rate = rates[i];
    in.agents = *answers[i].agents;
    const std::string prefix = "\"interval_start\": " + report::json_string(start_of(i)) +
                               ", \"calls\": " + report::json_number(calls[i]) + ", ";
    out += (i ? ",\n " : "") + json_object(in, answers[i].figures, targets, prefix);
  }
  std::cout << out << "]\n";
  return 0;
}

}  // namespace

int erlang_command(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::string rate_text, aht_text, agents_text, patience_text, threshold_text, forecast_path, column;
  std::vector<std::string> target_texts;
  // clang-format off
  options.add_options()
      ("help,h", "show this help")
      ("rate", po::value(&rate_text), "calls offered per unit of time, e.g. 1000/h")
      ("aht", po::value(&aht_text), "average handling time (talk + wrap-up), e.g. 180s")
      ("agents", po::value(&agents_text), "agents staffed, e.g. 55")
      ("patience", po::value(&patience_text),
       "mean patience before a waiting caller hangs up, e.g. 300s: Erlang A (omit for Erlang C)")
      ("threshold", po::value(&threshold_text)->default_value("20s"),
       "service-level threshold T, e.g. 20s")
      ("target", po::value(&target_texts)->composing(),
       "instead of --agents: a target the staffing must meet, e.g. 'service_level>=0.8' (repeatable)")
      ("forecast", po::value(&forecast_path),
       "with --target, instead of --rate: a forecast CSV (interval_start,<column>...; calls per interval)")
      ("column", po::value(&column), "the forecast column to staff (needed when it has several)")
      ("json", "print one JSON object (fractions, seconds, calls/s) instead of the table; per interval, an array");
  // clang-format on

  po::variables_map vm;
  try {
    // No abbreviated options: "--pat" silently meaning --patience hides typos in scripts.
    const auto style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    po::store(po::command_line_parser(args)
                  .options(options)
                  .positional(po::positional_options_description{})
                  .style(style)
                  .run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "callsim erlang: " << e.what() << "\n" << kErlangUsage << "\n" << options;
    return kExitBadInput;
  }
  if (vm.count("help")) {
    std::cout << kErlangUsage << "\n" << options;
    return 0;
  }

  const bool staffing = vm.count("target") > 0;
  const bool per_interval = vm.count("forecast") > 0;
  analysis::ErlangInput input;
  std::vector<analysis::StaffingTarget> targets;
  try {
    if (!staffing && per_interval) {
      throw BadOption("--forecast needs --target: give the target each interval must meet, e.g. " +
                      quoted("target", "service_level>=0.8"));
    }
    if (vm.count("column") && !per_interval) {
      throw BadOption(quoted("column", column) + " names a column of --forecast, which is not given");
    }
    if (staffing && vm.count("agents")) {
      throw BadOption(quoted("agents", agents_text) +
                      " and --target do not go together: --agents gives the figures "
                      "of a staffing, --target the agents a target needs; give one");
    }
    if (per_interval && vm.count("rate")) {
      throw BadOption(quoted("rate", rate_text) +
                      " and --forecast do not go together: the forecast gives each "
                      "interval's calls; give one");
    }
    if (!per_interval && !vm.count("rate")) {
      throw BadOption("missing --rate: expected " + std::string(scenarios::kRateHelp) +
                      (staffing ? ", or --forecast FILE.csv" : ""));
    }
    if (!vm.count("aht")) throw BadOption("missing --aht: expected " + std::string(scenarios::kDurationHelp));
    if (!staffing && !vm.count("agents")) {
      throw BadOption("missing --agents: expected " + std::string(kAgentsHelp) +
                      ", or --target for the agents a target needs (e.g. " + quoted("target", "service_level>=0.8") +
                      ")");
    }
    if (!per_interval) input.arrival_rate = rate_option(rate_text);
    input.mean_service = duration_option("aht", aht_text, false);
    if (!staffing) input.agents = agents_option(agents_text);
    if (vm.count("patience")) input.mean_patience = duration_option("patience", patience_text, false);
    input.threshold = duration_option("threshold", threshold_text, true);
    for (const auto& text : target_texts) {
      try {
        targets.push_back(parse_target("--target", text));
      } catch (const OptionError& e) {
        throw BadOption(e.what());
      }
    }
    const double load = input.arrival_rate * input.mean_service;
    if (!(load <= kMaxOfferedLoad)) {
      char figure[32];
      std::snprintf(figure, sizeof figure, "%.3g", load);
      throw BadOption(quoted("rate", rate_text) + " with " + quoted("aht", aht_text) + " offers " + figure +
                      " Erlangs; callsim erlang computes up to 1e+08 Erlangs");
    }
  } catch (const BadOption& e) {
    std::cerr << "callsim erlang: " << e.what() << "\n";
    return kExitBadInput;
  }

  const std::vector<std::string> typed{rate_text, aht_text, patience_text, threshold_text};
  try {
    if (per_interval) {
      return forecast_staffing(input, forecast_path, vm.count("column") ? &column : nullptr, targets, target_texts,
                               typed, vm.count("json") > 0);
    }
    analysis::ErlangResult result;
    if (staffing) {
      const analysis::StaffingAnswer answer = analysis::agents_for(input, targets, kMaxErlangAgents);
      if (!answer.agents) {
        std::cerr << "callsim erlang: " << typed_targets(target_texts) << " cannot be met: " << answer.reason
                  << "; relax the target\n";
        return kExitBadInput;
      }
      input.agents = *answer.agents;
      result = answer.figures;
    } else {
      result = analysis::erlang(input);
    }
    if (vm.count("json")) {
      std::cout << json_object(input, result, targets) << "\n";
    } else {
      if (staffing) {
        std::cout << input.agents << (input.agents == 1 ? " agent" : " agents") << " needed for "
                  << described_targets(targets) << "\n\n";
      }
      print_table(std::cout, input, result, typed);
    }
  } catch (const scenarios::ScenarioError& e) {  // the forecast file
    std::cerr << "callsim erlang: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const BadOption& e) {
    std::cerr << "callsim erlang: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::invalid_argument& e) {  // the checks above should have caught it
    std::cerr << "callsim " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::domain_error& e) {  // valid input, but beyond what we compute exactly
    std::cerr << "callsim " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace callsim::app
