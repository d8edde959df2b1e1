// callsim fit: a scenario fitted from a center's own call logs (fit/fitted_center.hpp),
// written with the CSVs it references and its report, then simulated against the very days
// it came from (the in-sample backtest, in the report).

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "app/backtest_run.hpp"
#include "app/bad_input.hpp"
#include "app/commands.hpp"
#include "app/join.hpp"
#include "app/log_input.hpp"
#include "app/option_values.hpp"
#include "app/output_paths.hpp"
#include "fit/fit_report.hpp"
#include "fit/fitted_center.hpp"
#include "fit/fitted_scenario.hpp"
#include "models/simulation_error.hpp"
#include "report/output_file.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/units.hpp"

namespace po = boost::program_options;

namespace callsim::app {

namespace {

constexpr const char* kFitUsage =
    "usage: callsim fit LOG... --format anonymous-bank|csv --out DIR [options]\n"
    "\n"
    "Fits a scenario from a center's call logs and writes DIR/NAME.yaml, the CSVs it reads\n"
    "(DIR/NAME/forecast.csv, DIR/NAME/staffing.csv) and DIR/fit-report.md (and .json):\n"
    "arrivals per interval and call type (mean over the days), day-to-day busyness, service\n"
    "times (lognormal, gamma or empirical by goodness of fit), patience with censoring\n"
    "(exponential or Weibull), agent groups from who served what, and the agents available\n"
    "per interval from the log's evidence (fractional). The scenario is then simulated\n"
    "against the same days and the per-interval accuracy goes in the report\n"
    "(docs/fitting.md; log formats in docs/log-format.md).\n";

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

double parse_duration_option(const std::string& option, const std::string& text, double low) {
  const auto seconds = scenarios::parse_duration(text);
  if (!seconds || !(*seconds >= low) || *seconds > 86400)
    throw OptionError(option + " '" + text + "' is not a duration between " + std::to_string(static_cast<int>(low)) +
                      " s and 1 day (e.g. 30min, 20s)");
  return *seconds;
}

struct Settings {
  std::vector<std::string> logs;
  std::string format, out_dir, name = "fitted";
  std::string days = "all", interval_text = "30min", threshold_text = "20s", short_text = "10s", gap_text = "15min";
  std::string pool_share_text = "0.9", low_day_text = "0.6", availability = "sessions";
  std::string replications_text = "100", seed_text = "1", threads_text = "0";
  bool drop_short = false, no_backtest = false, no_day_mix = false, one_group = false, force = false, quiet = false;
};

std::optional<int> parse_options(const std::vector<std::string>& args, Settings& s, fit::FitOptions& options,
                                 BacktestSettings& bt, double& threshold) {
  po::options_description desc("options");
  desc.add_options()("help,h", "show this help")("format", po::value(&s.format),
                                                 "the logs' format: anonymous-bank or csv (docs/log-format.md)")(
      "out,o", po::value(&s.out_dir), "the folder to write the scenario and its report into (created if missing)")(
      "name", po::value(&s.name)->default_value("fitted"), "the scenario's name and file name (NAME.yaml)")(
      "days", po::value(&s.days)->default_value("all"),
      "which days to fit: all, weekdays (sun-thu, mon-fri, sat), dates and ranges (1999-01-01..1999-01-31), "
      "comma-separated")("interval", po::value(&s.interval_text)->default_value("30min"),
                         "the forecast and staffing interval, whole minutes dividing a day")(
      "sl-threshold", po::value(&s.threshold_text)->default_value("20s"), "the T of the service level")(
      "drop-short", "leave services shorter than --short-service out of the service-time fit")(
      "short-service", po::value(&s.short_text)->default_value("10s"), "what counts as a suspiciously short service")(
      "session-gap", po::value(&s.gap_text)->default_value("15min"),
      "an agent's services at least this far apart belong to two on-duty sessions")(
      "availability", po::value(&s.availability)->default_value("sessions"),
      "the staffing written: sessions (agents on duty, with the after-call gaps the queue shows as wrap-up) or "
      "queue (agents serving or idle with nobody waiting, no wrap-up)")(
      "pool-share", po::value(&s.pool_share_text)->default_value("0.9"),
      "an agent's skills are the fewest call types making up this share of its services (0.5 to 1)")(
      "one-group", "every agent in one group 'agents' with every call type's skill (a pool rostered as one)")(
      "low-day", po::value(&s.low_day_text)->default_value("0.6"),
      "drop days with fewer logged calls than this share of the median day (0 keeps all)")(
      "replications,r", po::value(&s.replications_text)->default_value("100"),
      "replications of the in-sample backtest, 2 to 100000")("seed,s", po::value(&s.seed_text)->default_value("1"),
                                                             "master seed of the in-sample backtest")(
      "threads,j", po::value(&s.threads_text)->default_value("0"), "worker threads (0: one per core)")(
      "no-day-mix", "write one mean day with busyness instead of the observed days as a day mix")(
      "no-backtest", "do not simulate the fitted scenario against the log")(
      "force", "replace existing files in --out that callsim did not write")("quiet,q", "print nothing but errors");
  po::options_description hidden;
  hidden.add_options()("log", po::value(&s.logs)->composing());
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description positional;
  positional.add("log", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "callsim fit: " << e.what() << "\n" << kFitUsage;
    return kExitBadInput;
  }
  if (vm.count("help")) {
    std::cout << kFitUsage << "\n" << desc;
    return 0;
  }
  s.drop_short = vm.count("drop-short") > 0;
  s.no_backtest = vm.count("no-backtest") > 0;
  s.no_day_mix = vm.count("no-day-mix") > 0;
  s.one_group = vm.count("one-group") > 0;
  s.force = vm.count("force") > 0;
  s.quiet = vm.count("quiet") > 0;
  try {
    if (s.logs.empty()) throw OptionError("no call log given (callsim fit LOG... --format F --out DIR)");
    if (s.format.empty()) throw OptionError("give the logs' format: --format " + log_formats());
    if (s.out_dir.empty()) throw OptionError("give the folder to write into: --out DIR");
    options.days = s.days;
    options.day_mix = !s.no_day_mix;
    options.interval = parse_duration_option("--interval", s.interval_text, 60);
    const double minutes = options.interval / 60;
    if (minutes != static_cast<double>(static_cast<long long>(minutes)) ||
        static_cast<long long>(86400 / options.interval) * options.interval != 86400)
      throw OptionError("--interval '" + s.interval_text + "' must be whole minutes dividing a day (15min, 30min, 1h)");
    threshold = parse_duration_option("--sl-threshold", s.threshold_text, 0);
    options.service.short_threshold = parse_duration_option("--short-service", s.short_text, 0);
    options.service.drop_short = s.drop_short;
    options.session_gap = parse_duration_option("--session-gap", s.gap_text, 1);
    if (s.availability != "sessions" && s.availability != "queue")
      throw OptionError("--availability '" + s.availability + "' is not valid: expected sessions or queue");
    options.availability = s.availability == "queue" ? fit::Availability::QUEUE_EVIDENCE : fit::Availability::SESSIONS;
    options.pools.share = parse_real("--pool-share", s.pool_share_text, 0.5, Bound::INCLUSIVE, 1, Bound::INCLUSIVE);
    // Every pool is then "small": they all merge into one holding every skill.
    if (s.one_group) options.pools.min_pool_share = std::numeric_limits<double>::infinity();
    options.low_day_fraction = parse_real("--low-day", s.low_day_text, 0, Bound::INCLUSIVE, 1, Bound::EXCLUSIVE);
    bt.replications = parse_whole("--replications", s.replications_text, 2, 100000);
    bt.seed = parse_whole("--seed", s.seed_text, 0, std::numeric_limits<std::uint64_t>::max());
    bt.threads = static_cast<unsigned>(parse_whole("--threads", s.threads_text, 0, kMaxThreads));
    if (s.name.empty() || s.name.find_first_of("/\\,") != std::string::npos || s.name == "." || s.name == ".." ||
        s.name.size() > 64 || s.name == "scenario" || s.name == "comparison")
      throw OptionError("--name '" + s.name + "' is not a scenario name: 1 to 64 bytes without '/', '\\' or ','");
  } catch (const OptionError& e) {
    std::cerr << "callsim fit: " << e.what() << "\n";
    return kExitBadInput;
  }
  return std::nullopt;
}

}  // namespace

int fit_command(const std::vector<std::string>& args) {
  Settings s;
  fit::FitOptions options;
  BacktestSettings bt;
  double threshold = 20;
  if (const auto code = parse_options(args, s, options, bt, threshold)) return *code;

  const auto started = Clock::now();
  fit::CallLog log;
  fit::FittedCenter center;
  double read_seconds = 0, fit_seconds = 0;
  const std::filesystem::path dir(s.out_dir);
  const std::string yaml_path = (dir / (s.name + ".yaml")).string();
  const std::string folder = (dir / s.name).string();
  const std::string forecast_path = (dir / s.name / "forecast.csv").string();
  const std::string staffing_path = (dir / s.name / "staffing.csv").string();
  const std::string md_path = (dir / "fit-report.md").string(), json_path = (dir / "fit-report.json").string();
  fit::ScenarioNaming naming;
  fit::ScenarioTexts texts;
  try {
    log = read_call_logs(s.logs, s.format);
    read_seconds = seconds_since(started);
    const auto fit_started = Clock::now();
    center = fit::fit_center(log, options);
    fit_seconds = seconds_since(fit_started);
    naming.name = s.name;
    naming.source = join(s.logs, ", ");
    naming.service_level_threshold = threshold;
    texts = fit::fitted_scenario(center, naming);

    std::error_code ec;
    std::filesystem::create_directories(dir / s.name / (texts.day_files.empty() ? "" : "days"), ec);
    if (ec) throw BadInput("--out '" + s.out_dir + "': cannot create the folder '" + folder + "': " + ec.message());
    std::vector<InputPath> inputs;
    for (const auto& l : s.logs) inputs.push_back({"call log", l});
    const auto first_line = [](const std::string& text) { return text.substr(0, text.find('\n')); };
    OutputPath yaml = OutputPath::typed("--out", yaml_path, OutputKind::SCENARIO_FILE);
    yaml.header = first_line(texts.yaml);
    OutputPath forecast = OutputPath::typed("--out", forecast_path, OutputKind::CSV_FILE);
    forecast.header = first_line(texts.forecast_csv);
    OutputPath staffing = OutputPath::typed("--out", staffing_path, OutputKind::CSV_FILE);
    staffing.header = first_line(texts.staffing_csv);
    OutputPath md = OutputPath::typed("--out", md_path, OutputKind::SCENARIO_FILE);
    md.header = "# Fit of '" + s.name + "'";
    OutputPath json = OutputPath::typed("--out", json_path, OutputKind::SCENARIO_FILE);
    json.header = "{";
    std::vector<OutputPath> all{yaml, forecast, staffing, md, json};
    for (const auto& [path, text] : texts.day_files) {
      OutputPath day = OutputPath::typed("--out", (dir / path).string(), OutputKind::CSV_FILE);
      day.header = first_line(text);
      all.push_back(day);
    }
    check_outputs(inputs, all, s.force);
  } catch (const BadInput& e) {
    std::cerr << "callsim fit: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::invalid_argument& e) {
    std::cerr << "callsim fit: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const OutputPathError& e) {
    std::cerr << "callsim fit: " << e.what() << "\n";
    return kExitBadInput;
  }

  try {
    report::write_file_atomically(forecast_path, texts.forecast_csv);
    report::write_file_atomically(staffing_path, texts.staffing_csv);
    for (const auto& [path, text] : texts.day_files) report::write_file_atomically((dir / path).string(), text);
    report::write_file_atomically(yaml_path, texts.yaml);

    std::optional<fit::Backtest> in_sample;
    double backtest_seconds = 0;
    if (!s.no_backtest) {
      const auto bt_started = Clock::now();
      const scenarios::LoadedScenario scenario = scenarios::load_scenario(yaml_path);
      in_sample = run_backtest(scenario, log, center.days.kept, nullptr, {}, bt);
      backtest_seconds = seconds_since(bt_started);
    }
    fit::FitReportInputs report;
    report.log = &log;
    report.center = &center;
    report.naming = &naming;
    report.options = &options;
    report.format = s.format;
    report.command_line = command_line("fit", args);
    report.in_sample = in_sample ? &*in_sample : nullptr;
    report.read_seconds = read_seconds;
    report.fit_seconds = fit_seconds;
    report.backtest_seconds = backtest_seconds;
    report::write_file_atomically(md_path, fit::fit_report_markdown(report));
    report::write_file_atomically(json_path, fit::fit_report_json(report));

    if (!s.quiet) {
      const auto fixed = [](double v, int decimals) {
        char text[64];
        std::snprintf(text, sizeof text, "%.*f", decimals, v);
        return std::string(text);
      };
      std::cout << "fitted '" << s.name << "' from " << log.calls.size() << " calls of " << center.days.kept.size()
                << " days (" << center.days.dropped.size() << " dropped as low) in "
                << fixed(read_seconds + fit_seconds, 2) << " s: " << center.call_types.size() << " call types, "
                << center.pools.size() << " agent group" << (center.pools.size() == 1 ? "" : "s")
                << (center.day_mix ? ", a day mix of the days" : "") << "\n";
      for (const auto& p : center.pools) {
        std::cout << "  " << p.name << ": " << p.pool.agents.size() << " agent"
                  << (p.pool.agents.size() == 1 ? "" : "s") << ", " << fixed(p.available_agent_hours, 1)
                  << " agent-hours a day on duty ("
                  << fixed(p.seen_agent_hours > 0 ? p.available_agent_hours / p.seen_agent_hours : 0, 2)
                  << " of the agent-hours seen serving)\n";
      }
      std::size_t bad = 0;
      for (const auto& sk : log.skipped) bad += sk.bad ? sk.count : 0;
      if (bad) std::cout << "  " << bad << " bad rows skipped (by reason in fit-report.md)\n";
      if (in_sample) {
        std::cout << "in sample (" << in_sample->replications << " replications against the " << in_sample->days
                  << " days), the day observed / simulated, and the MAE per interval:\n";
        for (const auto& k : in_sample->kpis) {
          const bool fraction = k.unit == "fraction";
          const double scale = fraction ? 100 : 1;
          std::cout << "  " << k.kpi << ": " << fixed(k.day.observed * scale, 1) << (fraction ? " %" : "") << " / "
                    << fixed(k.day.simulated * scale, 1) << (fraction ? " %" : "") << ", MAE "
                    << fixed(k.mae * scale, 1) << (fraction ? " points" : "") << "\n";
        }
      }
      std::cout << "wrote " << yaml_path << " (and " << texts.day_files.size() + 2 << " CSVs in " << folder << "), "
                << md_path << ", " << json_path << "\n";
    }
  } catch (const scenarios::ScenarioError& e) {
    std::cerr << "callsim fit: the fitted scenario does not load (a bug of callsim fit, please report it): " << e.what()
              << "\n";
    return 1;
  } catch (const BadInput& e) {
    std::cerr << "callsim fit: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "callsim fit: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace callsim::app
