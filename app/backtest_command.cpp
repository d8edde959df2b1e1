// callsim backtest: a scenario simulated and compared per interval with the days of call
// logs it did not come from (fit/backtest.hpp): MAE, bias and coverage per KPI, beside
// persistence, Erlang A and the noise floor.

#include <boost/program_options.hpp>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/backtest_html.hpp"
#include "app/backtest_run.hpp"
#include "app/bad_input.hpp"
#include "app/commands.hpp"
#include "app/log_input.hpp"
#include "app/option_values.hpp"
#include "app/output_paths.hpp"
#include "fit/day_selection.hpp"
#include "fit/fit_report.hpp"
#include "report/output_file.hpp"
#include "scenarios/clock_time.hpp"
#include "scenarios/loader.hpp"

namespace po = boost::program_options;

namespace callsim::app {

namespace {

constexpr const char* kBacktestUsage =
    "usage: callsim backtest SCENARIO --observed LOG... --format anonymous-bank|csv [options]\n"
    "\n"
    "Simulates the scenario and compares it per interval with what the logs show: offered,\n"
    "answered and abandoned calls per day, service level, ASA and abandonment. Per KPI: the\n"
    "mean absolute error and bias over the intervals, the share of observed values inside\n"
    "the simulated 95 % band, and beside them persistence (--previous: the same interval of\n"
    "the previous period), Erlang A with the same inputs and the noise floor of the observed\n"
    "days (a bootstrap). See docs/validation.md.\n";

struct Settings {
  std::string scenario;
  std::vector<std::string> observed, previous;
  std::string format, days = "all", previous_days = "all", low_day_text = "0.6";
  std::string replications_text = "100", seed_text = "1", threads_text = "0";
  std::string out_path, report_path;
  bool json = false, force = false;
};

nlohmann::ordered_json backtest_json(const fit::Backtest& b) {
  const auto num = [](double v) { return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(); };
  nlohmann::ordered_json kpis = nlohmann::ordered_json::array();
  for (const auto& k : b.kpis) {
    nlohmann::ordered_json intervals = nlohmann::ordered_json::array();
    for (const auto& c : k.intervals)
      intervals.push_back({{"observed", num(c.observed)},
                           {"simulated", num(c.simulated)},
                           {"low", num(c.low)},
                           {"high", num(c.high)},
                           {"persistence", num(c.persistence)},
                           {"erlang_a", num(c.erlang)}});
    kpis.push_back({{"kpi", k.kpi},
                    {"unit", k.unit},
                    {"day",
                     {{"observed", num(k.day.observed)},
                      {"simulated", num(k.day.simulated)},
                      {"low", num(k.day.low)},
                      {"high", num(k.day.high)}}},
                    {"intervals", k.n},
                    {"mae", num(k.mae)},
                    {"bias", num(k.bias)},
                    {"coverage", num(k.coverage)},
                    {"mae_persistence", num(k.mae_persistence)},
                    {"mae_erlang_a", num(k.mae_erlang)},
                    {"noise_floor", num(k.noise_floor)},
                    {"per_interval", intervals}});
  }
  return {{"format_version", 1}, {"days", b.days}, {"replications", b.replications}, {"kpis", kpis}};
}

}  // namespace

int backtest_command(const std::vector<std::string>& args) {
  Settings s;
  po::options_description desc("options");
  desc.add_options()("help,h", "show this help")("observed", po::value(&s.observed)->multitoken()->composing(),
                                                 "the call logs to compare with (one or more files)")(
      "format", po::value(&s.format), "the logs' format: anonymous-bank or csv (docs/log-format.md)")(
      "days", po::value(&s.days)->default_value("all"), "which days of the observed logs (as callsim fit --days)")(
      "previous", po::value(&s.previous)->multitoken()->composing(),
      "logs of the period before, for the persistence baseline (same format)")(
      "previous-days", po::value(&s.previous_days)->default_value("all"), "which days of the --previous logs")(
      "low-day", po::value(&s.low_day_text)->default_value("0.6"),
      "drop days with fewer logged calls than this share of the median day (0 keeps all)")(
      "replications,r", po::value(&s.replications_text)->default_value("100"), "replications, 2 to 100000")(
      "seed,s", po::value(&s.seed_text)->default_value("1"), "master seed")(
      "threads,j", po::value(&s.threads_text)->default_value("0"), "worker threads (0: one per core)")(
      "out,o", po::value(&s.out_path), "also write the comparison as Markdown to this file")(
      "report", po::value(&s.report_path),
      "also write an HTML page: per KPI the observed line over the simulated band, with the table")(
      "force", "replace an existing --out file that callsim did not write")(
      "json", "print one JSON object (every interval's values too) instead of the table");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value(&s.scenario));
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  BacktestSettings bt;
  double low_day = 0.6;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "callsim backtest: " << e.what() << "\n" << kBacktestUsage;
    return kExitBadInput;
  }
  if (vm.count("help")) {
    std::cout << kBacktestUsage << "\n" << desc;
    return 0;
  }
  s.json = vm.count("json") > 0;
  s.force = vm.count("force") > 0;
  try {
    if (s.scenario.empty()) throw OptionError("no scenario given (callsim backtest SCENARIO --observed LOG...)");
    if (s.observed.empty()) throw OptionError("give the logs to compare with: --observed LOG...");
    if (s.format.empty()) throw OptionError("give the logs' format: --format " + log_formats());
    low_day = parse_real("--low-day", s.low_day_text, 0, Bound::INCLUSIVE, 1, Bound::EXCLUSIVE);
    bt.replications = parse_whole("--replications", s.replications_text, 2, 100000);
    bt.seed = parse_whole("--seed", s.seed_text, 0, std::numeric_limits<std::uint64_t>::max());
    bt.threads = static_cast<unsigned>(parse_whole("--threads", s.threads_text, 0, kMaxThreads));
  } catch (const OptionError& e) {
    std::cerr << "callsim backtest: " << e.what() << "\n";
    return kExitBadInput;
  }

  scenarios::LoadedScenario scenario;
  fit::CallLog observed, previous;
  fit::DaySelection days, previous_days;
  try {
    scenario = scenarios::load_scenario(s.scenario);
    scenario_window(scenario.spec);
    observed = read_call_logs(s.observed, s.format, "--observed");
    days = fit::select_days(observed, s.days, low_day);
    if (!s.previous.empty()) {
      previous = read_call_logs(s.previous, s.format, "--previous");
      previous_days = fit::select_days(previous, s.previous_days, low_day);
    }
    if (vm.count("out") || vm.count("report")) {
      std::vector<InputPath> inputs{{"scenario", s.scenario}};
      for (const auto& l : s.observed) inputs.push_back({"call log", l});
      for (const auto& l : s.previous) inputs.push_back({"call log", l});
      std::vector<OutputPath> outputs;
      if (vm.count("out")) {
        OutputPath out = OutputPath::typed("--out", s.out_path, OutputKind::SCENARIO_FILE);
        out.header = "# Backtest of '" + scenario.spec.name + "'";
        outputs.push_back(out);
      }
      if (vm.count("report")) outputs.push_back(OutputPath::typed("--report", s.report_path, OutputKind::HTML_REPORT));
      check_outputs(inputs, outputs, s.force);
    }
  } catch (const scenarios::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const BadInput& e) {
    std::cerr << "callsim backtest: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::invalid_argument& e) {
    std::cerr << "callsim backtest: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const OutputPathError& e) {
    std::cerr << "callsim backtest: " << e.what() << "\n";
    return kExitBadInput;
  }

  try {
    const fit::Backtest b =
        run_backtest(scenario, observed, days.kept, s.previous.empty() ? nullptr : &previous, previous_days.kept, bt);
    std::string md = "# Backtest of '" + scenario.spec.name + "'\n\n" + std::to_string(b.replications) +
                     " replications of `" + s.scenario + "` against " + std::to_string(b.days) + " observed days (" +
                     observed.days[days.kept.front()].date + " to " + observed.days[days.kept.back()].date +
                     "), per interval.\n\n" + fit::backtest_markdown_table(b);
    if (vm.count("out")) report::write_file_atomically(s.out_path, md);
    if (vm.count("report")) {
      const fit::OpenWindow window = scenario_window(scenario.spec);
      std::vector<std::string> labels;
      for (std::size_t k = 0; k < window.size(); ++k)
        labels.push_back(scenarios::csv_clock(window.start_seconds() + static_cast<double>(k) * window.interval,
                                              window.end * window.interval > 86400));
      const std::string about = std::to_string(b.replications) + " replications of " + s.scenario + " against " +
                                std::to_string(b.days) + " observed days (" + observed.days[days.kept.front()].date +
                                " to " + observed.days[days.kept.back()].date + ").";
      report::write_file_atomically(s.report_path, backtest_html(scenario.spec.name, about, b, labels));
    }
    if (s.json)
      std::cout << backtest_json(b).dump(2) << "\n";
    else
      std::cout << md;
  } catch (const std::exception& e) {
    std::cerr << "callsim backtest: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace callsim::app
