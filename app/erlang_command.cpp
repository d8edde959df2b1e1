// callsim erlang: exact Erlang C / Erlang A figures for one queue, as a table or JSON.

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
#include "app/commands.hpp"
#include "app/option_values.hpp"
#include "report/json_report.hpp"
#include "scenarios/units.hpp"

namespace po = boost::program_options;

namespace callsim::app {

namespace {

constexpr const char* kErlangUsage =
    "usage: callsim erlang --rate RATE --aht DURATION --agents N [--patience DURATION]\n"
    "                      [--threshold DURATION] [--json]\n"
    "\n"
    "Exact steady-state figures of one queue: Erlang C (M/M/c) or, with --patience,\n"
    "Erlang A (M/M/c+M, callers hang up after an exponential patience). Same definitions\n"
    "as the KPIs of `callsim run`.\n";

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

void print_json(std::ostream& out, const analysis::ErlangInput& in, const analysis::ErlangResult& r) {
  using report::json_number;
  out << "{\"model\": " << report::json_string(in.mean_patience ? "erlang_a" : "erlang_c")
      << ", \"offered_load\": " << report::json_number(r.offered_load)
      << ", \"stable\": " << (r.stable ? "true" : "false") << ", \"p_wait\": " << report::json_number(r.p_wait)
      << ", \"service_level\": " << report::json_number(r.service_level)
      << ", \"service_level_answered\": " << report::json_number(r.service_level_answered)
      << ", \"service_level_offered\": " << report::json_number(r.service_level_offered)
      << ", \"asa\": " << report::json_number(r.asa) << ", \"awt\": " << report::json_number(r.awt)
      << ", \"abandon_rate\": " << report::json_number(r.abandon_rate)
      << ", \"occupancy\": " << report::json_number(r.occupancy)
      << ", \"mean_queue_length\": " << report::json_number(r.mean_queue_length)
      << ", \"arrival_rate\": " << report::json_number(in.arrival_rate)
      << ", \"mean_service\": " << report::json_number(in.mean_service) << ", \"agents\": " << in.agents
      << ", \"mean_patience\": " << (in.mean_patience ? report::json_number(*in.mean_patience) : "null")
      << ", \"threshold\": " << report::json_number(in.threshold) << "}\n";
}

}  // namespace

int erlang_command(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::string rate_text, aht_text, agents_text, patience_text, threshold_text;
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
      ("json", "print one JSON object (fractions, seconds, calls/s) instead of the table");
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

  analysis::ErlangInput input;
  try {
    for (const auto& [name, help] : {std::pair{"rate", scenarios::kRateHelp},
                                     std::pair{"aht", scenarios::kDurationHelp}, std::pair{"agents", kAgentsHelp}}) {
      if (!vm.count(name)) {
        throw BadOption("missing --" + std::string(name) + ": expected " + std::string(help));
      }
    }
    input.arrival_rate = rate_option(rate_text);
    input.mean_service = duration_option("aht", aht_text, false);
    input.agents = agents_option(agents_text);
    if (vm.count("patience")) input.mean_patience = duration_option("patience", patience_text, false);
    input.threshold = duration_option("threshold", threshold_text, true);
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

  analysis::ErlangResult result;
  try {
    result = analysis::erlang(input);
  } catch (const std::invalid_argument& e) {  // the checks above should have caught it
    std::cerr << "callsim " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::domain_error& e) {  // valid input, but beyond what we compute exactly
    std::cerr << "callsim " << e.what() << "\n";
    return 1;
  }

  if (vm.count("json")) {
    print_json(std::cout, input, result);
  } else {
    print_table(std::cout, input, result, {rate_text, aht_text, patience_text, threshold_text});
  }
  return 0;
}

}  // namespace callsim::app
