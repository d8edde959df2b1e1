// callsim compare: variants of a center (routing policies, or scenario files) simulated on
// common random numbers, their paired differences to the first one, one results file.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <limits>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <boost/program_options.hpp>

#include "analysis/comparison.hpp"
#include "report/comparison_report.hpp"
#include "run/experiment.hpp"
#include "report/json_report.hpp"
#include "store/results_store.hpp"
#include "app/run_size.hpp"
#include "app/commands.hpp"
#include "app/interrupt.hpp"
#include "app/option_values.hpp"
#include "app/output_paths.hpp"
#include "app/progress.hpp"
#include "app/report_output.hpp"
#include "app/run_size_check.hpp"
#include "run/distributed_experiment.hpp"
#include "run/mpi_session.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/routing_field.hpp"

namespace po = boost::program_options;

namespace callsim::app {

namespace {

constexpr const char* kCompareUsage =
    "usage: callsim compare SCENARIO --policy A --policy B[:param=value,...] [options]\n"
    "       callsim compare A.yaml B.yaml [C.yaml ...] [options]\n"
    "       callsim compare SCENARIO --what-if KEY=VALUE[;KEY=VALUE...] ... [options]\n\n"
    "Simulates each variant (a routing policy on SCENARIO, or a scenario file) with the same seed and\n"
    "replications: replication r of every variant sees the same callers (common random numbers), so\n"
    "each variant's difference to the first one, the baseline, is paired replication by replication\n"
    "and has a far tighter confidence interval than two separate runs would give.\n";

/// Bad input found by the command itself; what() is the message after "callsim compare: ".
class BadInput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One variant: the run name it is stored under, and the center it simulates.
struct Variant {
  std::string name;
  models::CenterSpec spec;
};

/// The scenario at `path` with the `--set key=value` overrides applied.
scenarios::LoadedScenario load_variant(const std::string& path, const std::vector<std::string>& overrides) {
  return scenarios::load_scenario(path, overrides);
}

/// The scenario at `path` with `all` overrides (the --set ones, then `own`, a --what-if's):
/// a problem with one of `own` is named as the --what-if the user typed, not as a --set.
models::CenterSpec load_what_if(const std::string& path, const std::vector<std::string>& all,
                                const std::vector<std::string>& own) {
  try {
    return load_variant(path, all).spec;
  } catch (const scenarios::ScenarioError& e) {
    const std::string message = e.what();
    for (const std::string& o : own) {
      // As the message shows it: control characters of the override are escaped there.
      const std::string shown = scenarios::ScenarioError("--set " + o + ": ").what();
      if (message.rfind(shown, 0) == 0) throw scenarios::ScenarioError("--what-if" + message.substr(5));
    }
    throw;
  }
}

/// "a=1;b=2" -> {"a=1", "b=2"}.
std::vector<std::string> split_what_if(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ';') {
      if (i > start) parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

/// `name`, or name-2, name-3, ... if it is taken; the result is taken from then on.
std::string unique_name(const std::string& name, std::set<std::string>& taken) {
  std::string candidate = name;
  for (int n = 2; taken.count(candidate); ++n) candidate = name + "-" + std::to_string(n);
  taken.insert(candidate);
  return candidate;
}

/// One variant per --policy on the one scenario; the run is named by the option as typed.
std::vector<Variant> policy_variants(const models::CenterSpec& base, const std::vector<std::string>& policies) {
  std::vector<Variant> variants;
  std::set<std::string> names;
  for (const std::string& option : policies) {
    // A run name is an HDF5 group name: '/' would make it a path.
    if (option.find('/') != std::string::npos)
      throw BadInput("--policy '" + option + "' contains '/', which a run name in the results file cannot");
    if (!names.insert(option).second) throw BadInput("--policy '" + option + "' is given twice");
    Variant v{option, base};
    v.spec.routing = scenarios::parse_policy_option(option, base);
    v.spec.name = option;
    variants.push_back(std::move(v));
  }
  return variants;
}

/// Interval i of every variant must be the same period of the day for the pairing, per
/// interval and for the day, to compare like with like.
void check_same_time_frame(const std::vector<scenarios::LoadedScenario>& scenarios) {
  const models::TimeSpec& first = scenarios[0].spec.time;
  for (std::size_t i = 1; i < scenarios.size(); ++i) {
    const models::TimeSpec& t = scenarios[i].spec.time;
    if (t.warmup.seconds() != first.warmup.seconds() || t.duration.seconds() != first.duration.seconds() ||
        t.interval.seconds() != first.interval.seconds())
      throw BadInput("scenario '" + scenarios[i].path + "' has another warm-up, duration or interval than '" +
                     scenarios[0].path + "'; the variants of a comparison must be simulated over the same intervals");
  }
}

/// Every scenario's text, for `/scenario`: a YAML stream of one document per variant.
void set_provenance(store::ResultsFile& file, const std::vector<scenarios::LoadedScenario>& scenarios,
                    const std::vector<Variant>& variants) {
  if (scenarios.size() == 1) {
    file.scenario_path = scenarios[0].path;
    file.scenario_text = scenarios[0].text;
    return;
  }
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    file.scenario_path += (i ? "\n" : "") + scenarios[i].path;
    std::string text = scenarios[i].text;
    if (!text.empty() && text.back() != '\n') text += '\n';
    file.scenario_text += "--- # callsim compare: scenario " + std::to_string(i + 1) + " of " +
                          std::to_string(scenarios.size()) + ", run '" + variants[i].name + "', file '" +
                          scenarios[i].path + "'\n" + text;
  }
}

std::string join(const std::vector<std::string>& args) {
  std::string out = "callsim compare";
  for (const auto& a : args) out += " " + a;
  return out;
}

std::string kpi_names() {
  std::string out;
  for (const auto& def : analysis::kpi_definitions()) out += (out.empty() ? "" : ", ") + std::string(def.name);
  return out;
}

bool is_kpi(const std::string& name) {
  const auto defs = analysis::kpi_definitions();
  return std::any_of(defs.begin(), defs.end(), [&](const auto& d) { return d.name == name; });
}

/// The sequential mode's settings; `kpi` empty when it is off.
struct Sequential {
  std::string kpi;
  double target = 0;
  std::uint64_t max_replications = 0;
  std::string target_text, max_replications_text;  ///< as typed
};

/// The sequential mode's numbers, from the text as typed; the rules between them are
/// check_sequential's.
void parse_sequential(const po::variables_map& vm, Sequential& s) {
  if (vm.count("target-ci"))
    s.target = parse_real("--target-ci", s.target_text, 0, Bound::EXCLUSIVE, std::numeric_limits<double>::infinity(),
                          Bound::INCLUSIVE);
  if (vm.count("max-replications"))
    s.max_replications = parse_whole("--max-replications", s.max_replications_text, 1, kMaxReplications);
}

void check_sequential(const po::variables_map& vm, const Sequential& s, std::uint64_t replications) {
  const bool target = vm.count("target-ci") > 0;
  if (!target && (vm.count("kpi") || vm.count("max-replications")))
    throw BadInput("--kpi and --max-replications belong to the sequential mode, which --target-ci H turns on");
  if (!target) return;
  if (!vm.count("kpi")) throw BadInput("--target-ci needs --kpi NAME, the KPI whose difference it bounds");
  if (!is_kpi(s.kpi)) throw BadInput("unknown KPI '" + s.kpi + "' for --kpi; valid KPIs are: " + kpi_names());
  if (!vm.count("max-replications")) throw BadInput("--target-ci needs --max-replications N, where to stop trying");
  if (s.max_replications < replications)
    throw BadInput("--max-replications (" + std::to_string(s.max_replications) + ") is less than --replications (" +
                   std::to_string(replications) + ")");
}

/// Replications [first, first + count) of every variant (this MPI rank's share of them),
/// each variant's progress added to that of the variants before it.
std::vector<analysis::RunResult> run_batch(const std::vector<Variant>& variants, run::ExperimentOptions options,
                                           std::uint64_t first, std::uint64_t count, ProgressLine& progress) {
  options.first_replication = first;
  options.replications = count;
  const std::uint64_t mine = run::block_of(count, run::rank(), run::size()).size();
  std::vector<analysis::RunResult> runs;
  std::uint64_t calls_before = 0;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    options.on_progress = [&](std::size_t done, std::uint64_t calls) {
      progress.update(v * mine + done, calls_before + calls);
    };
    runs.push_back(run::run_distributed(variants[v].spec, options));
    for (const auto& r : runs.back().replications) calls_before += r.calls_simulated;
  }
  return runs;
}

/// Runs `initial` replications; in the sequential mode keeps doubling them (up to the
/// maximum) until the largest paired half-width of the KPI is at most the target.
std::vector<analysis::RunResult> run_variants(const std::vector<Variant>& variants,
                                              const run::ExperimentOptions& options, std::uint64_t initial,
                                              const Sequential& sequential,
                                              std::optional<analysis::SequentialOutcome>& outcome, bool show_progress) {
  // Over every variant: "replications 12/40" counts variant-replications.
  const std::string prefix = run::size() > 1 ? "rank 0 of " + std::to_string(run::size()) + ": " : "";
  const auto progress_for = [&](std::uint64_t count) {
    const std::uint64_t mine = run::block_of(count, run::rank(), run::size()).size();
    return ProgressLine(stderr, show_progress, true, variants.size() * mine, prefix);
  };
  ProgressLine first_progress = progress_for(initial);
  std::vector<analysis::RunResult> runs = run_batch(variants, options, 0, initial, first_progress);
  first_progress.clear();
  if (sequential.kpi.empty()) return runs;
  std::uint64_t done = initial;
  double half_width = analysis::max_difference_half_width(runs, sequential.kpi);
  // Written so that a NaN half-width (too few replications where the KPI is defined) goes on.
  while (!(half_width <= sequential.target) && done < sequential.max_replications) {
    const std::uint64_t next = std::min(2 * done, sequential.max_replications);
    ProgressLine progress = progress_for(next - done);
    auto batch = run_batch(variants, options, done, next - done, progress);
    progress.clear();
    for (std::size_t v = 0; v < runs.size(); ++v) run::extend_run(runs[v], std::move(batch[v]));
    done = next;
    half_width = analysis::max_difference_half_width(runs, sequential.kpi);
  }
  outcome = analysis::SequentialOutcome{sequential.kpi, sequential.target, half_width, done,
                                        half_width <= sequential.target};
  return runs;
}

/// The outputs against every scenario file and CSV the variants read (OutputPathError),
/// then the run's size against the machine (BadInput with the figures).
void check_compare_files(const po::variables_map& vm, const std::vector<scenarios::LoadedScenario>& loaded,
                         const std::vector<Variant>& variants, std::uint64_t replications, unsigned threads,
                         const std::string& out_path, const std::string& report_path, bool force) {
  std::vector<InputPath> inputs;
  for (const auto& scenario : loaded)
    for (const auto& input : scenario.inputs) inputs.push_back({input.role, input.path});
  std::vector<OutputPath> outputs;
  outputs.push_back(vm.count("out") ? OutputPath::typed("--out", out_path, OutputKind::RESULTS)
                                    : OutputPath::defaulted(out_path, OutputKind::RESULTS));
  if (vm.count("report")) outputs.push_back(OutputPath::typed("--report", report_path, OutputKind::HTML_REPORT));
  check_outputs(inputs, outputs, force);

  std::vector<const models::CenterSpec*> specs;
  for (const Variant& v : variants) specs.push_back(&v.spec);
  app::RunSizeOptions options;
  options.replications = replications;
  options.threads = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  options.comparison = true;
  const RunSizeVerdict verdict =
      judge_run_size(app::estimate_run_size(specs, options), machine_room(out_path), out_path, replications);
  // Named after what the user gave: the scenarios and the option that sizes the run.
  if (!verdict.refusal.empty()) {
    std::string scenarios;
    for (const auto& scenario : loaded) scenarios += (scenarios.empty() ? "" : ", ") + scenario.path;
    throw BadInput(scenarios + " with --replications " + std::to_string(replications) + ": " + verdict.refusal);
  }
  for (const auto& warning : verdict.warnings) std::cerr << "warning: " << warning << "\n";
}

void print_sequential(std::ostream& out, const analysis::SequentialOutcome& s) {
  const std::string what = "the largest 95% CI half-width of a difference in " + s.kpi + " is ";
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, "%.6g %s the target %.6g", s.half_width, s.met ? "<=" : "is not <=",
                s.target_ci);
  out << "\nsequential: target " << (s.met ? "met" : "NOT met") << " after " << s.replications
      << " replications: " << what << numbers << (s.met ? "" : " (--max-replications reached)") << "\n";
}

}  // namespace

int compare_command(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::uint64_t replications = 10;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  std::string replications_text, seed_text, threads_text;  // as typed: parsed by parse_whole
  std::string out_path;
  std::string report_path;
  std::vector<std::string> policies;
  std::vector<std::string> what_ifs;
  std::vector<std::string> overrides;
  Sequential sequential;
  options.add_options()
      ("help,h", "show this help")
      ("policy,p", po::value(&policies)->composing(),
       "a variant: SCENARIO under routing policy NAME[:param=value,...] (repeat; the first is the baseline; "
       "callsim list policies shows the names)")
      ("replications,r", po::value(&replications_text)->default_value("10"),
       "replications of every variant, 1 to 100000000 (in the sequential mode: the first batch)")
      ("seed,s", po::value(&seed_text)->default_value("1"),
       "master seed, 0 to 18446744073709551615, shared by every variant")
      ("threads,j", po::value(&threads_text)->default_value("0"),
       "worker threads, 0 to 1024 (0: one per core); results do not depend on it")
      ("out,o", po::value(&out_path),
       "HDF5 results file: every variant as a run, and /comparison (default: "
       "<scenario>-compare-<variant>-....h5, named after the scenario and the variants)")
      ("force", "replace an existing output file that callsim did not write (a results file or report of "
                "callsim is replaced without it; an input never is)")
      ("what-if,w", po::value(&what_ifs)->composing(),
       "a variant: SCENARIO with overrides KEY=VALUE[;KEY=VALUE...] (repeat; the scenario as it is is the "
       "baseline), e.g. --what-if 'agent_groups.agents.staffing_scale=1.1'")
      ("set", po::value(&overrides)->composing(), "override a scenario value, key=value, in every variant (repeat)")
      ("target-ci", po::value(&sequential.target_text),
       "sequential mode: add replications until every paired 95% CI half-width of --kpi is at most this "
       "(in the KPI's unit: 0.01 is one percentage point of service_level)")
      ("kpi", po::value(&sequential.kpi), "sequential mode: the KPI, e.g. service_level")
      ("max-replications", po::value(&sequential.max_replications_text),
       "sequential mode: stop at this many replications, target met or not (batches double the count)")
      ("report", po::value(&report_path),
       "also write the HTML dashboard (variants side by side, paired differences) to this file (docs/reports.md)")
      ("json", "print one JSON object with each KPI's mean and CI and the paired differences instead of the table")
      ("quiet,q", "print nothing but errors (and --json output)");
  po::options_description hidden;
  std::vector<std::string> inputs;
  hidden.add_options()("input", po::value(&inputs)->composing());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "callsim compare: " << e.what() << "\n" << kCompareUsage << options;
    return kExitBadInput;
  }
  if (vm.count("help")) {
    std::cout << kCompareUsage << "\n" << options;
    return 0;
  }
  const bool json = vm.count("json") > 0;
  const bool quiet = vm.count("quiet") > 0;
  const bool force = vm.count("force") > 0;
  try {
    replications = parse_whole("--replications", replications_text, 1, kMaxReplications);
    seed = parse_whole("--seed", seed_text, 0, std::numeric_limits<std::uint64_t>::max());
    threads = static_cast<unsigned>(parse_whole("--threads", threads_text, 0, kMaxThreads));
    parse_sequential(vm, sequential);
  } catch (const OptionError& e) {
    std::cerr << "callsim compare: " << e.what() << "\n";
    return kExitBadInput;
  }

  std::vector<scenarios::LoadedScenario> loaded;
  std::vector<Variant> variants;
  std::optional<store::ResultsWriter> writer;
  bool ok = true;
  try {
    if (inputs.empty()) throw BadInput("no scenario given");
    if (!policies.empty() && inputs.size() > 1)
      throw BadInput("--policy compares policies on one scenario, but " + std::to_string(inputs.size()) +
                     " scenarios were given; compare scenario files without --policy");
    if (!what_ifs.empty() && (inputs.size() > 1 || !policies.empty()))
      throw BadInput("--what-if compares variants of one scenario under its own policy; give one scenario and no "
                     "--policy");
    if (!what_ifs.empty()) {
      // The scenario as it is, then one variant per --what-if.
      std::set<std::string> names;
      loaded.push_back(load_variant(inputs[0], overrides));
      variants.push_back(Variant{unique_name(loaded[0].spec.name, names), loaded[0].spec});
      for (const std::string& what_if : what_ifs) {
        if (what_if.find('/') != std::string::npos)
          throw BadInput("--what-if '" + what_if + "' contains '/', which a run name in the results file cannot");
        if (names.count(what_if)) throw BadInput("--what-if '" + what_if + "' is given twice");
        const std::vector<std::string> own = split_what_if(what_if);
        if (own.empty())
          throw BadInput("--what-if '" + what_if + "' gives no override; expected KEY=VALUE[;KEY=VALUE...] (e.g. "
                         "--what-if agent_groups.agents.count=12)");
        std::vector<std::string> all = overrides;
        all.insert(all.end(), own.begin(), own.end());
        Variant v{unique_name(what_if, names), load_what_if(inputs[0], all, own)};
        v.spec.name = v.name;
        const models::TimeSpec& t = v.spec.time;
        const models::TimeSpec& base = variants[0].spec.time;
        if (t.warmup.seconds() != base.warmup.seconds() || t.duration.seconds() != base.duration.seconds() ||
            t.interval.seconds() != base.interval.seconds())
          throw BadInput("--what-if '" + what_if + "' changes the warm-up, duration or interval; the variants of a "
                         "comparison must be simulated over the same intervals");
        variants.push_back(std::move(v));
      }
    }
    if (variants.empty() && (policies.empty() ? inputs.size() : policies.size()) < 2)
      throw BadInput("a comparison needs at least two variants: --policy twice or --what-if on one scenario, or two "
                     "scenario files");
    check_sequential(vm, sequential, replications);
    if (!what_ifs.empty()) {
      // variants made above
    } else if (!policies.empty()) {
      loaded.push_back(load_variant(inputs[0], overrides));
      variants = policy_variants(loaded[0].spec, policies);
    } else {
      std::set<std::string> names;
      for (const std::string& path : inputs) {
        loaded.push_back(load_variant(path, overrides));
        Variant v{unique_name(loaded.back().spec.name, names), loaded.back().spec};
        if (const std::string problem = store::run_name_problem(v.name); !problem.empty())
          throw BadInput("scenario '" + path + "' is named '" + v.name +
                         "', which cannot name a run in the results file (" + problem + ")");
        v.spec.name = v.name;
        variants.push_back(std::move(v));
      }
      check_same_time_frame(loaded);
    }
    // Checked and opened now: a path that would destroy an input, or cannot be written,
    // fails before the simulation, not after it. Only MPI rank 0 writes.
    if (run::is_root()) {
      std::vector<std::string> names;
      for (const Variant& v : variants) names.push_back(v.name);
      if (!vm.count("out")) out_path = compare_default_path(loaded[0].spec.name, names);
      check_compare_files(vm, loaded, variants, sequential.kpi.empty() ? replications : sequential.max_replications,
                          threads, out_path, report_path, force);
      writer.emplace(out_path);
    }
  } catch (const BadInput& e) {
    std::cerr << "callsim compare: " << e.what() << "\n";
    ok = false;
  } catch (const scenarios::ScenarioError& e) {
    // A scenario file's message names the file and line; a --policy one names the option.
    const std::string message = e.what();
    const bool names_option = message.rfind("--policy", 0) == 0 || message.rfind("--set", 0) == 0 ||
                              message.rfind("--what-if", 0) == 0;
    std::cerr << (names_option ? "callsim compare: " : "") << message << "\n";
    ok = false;
  } catch (const store::ResultsStoreError& e) {
    std::cerr << "callsim compare: " << e.what() << "\n";
    ok = false;
  } catch (const OutputPathError& e) {
    std::cerr << "callsim compare: " << e.what() << "\n";
    ok = false;
  }
  // Every MPI rank leaves together (here rank 0 alone may have failed, on the output path).
  if (!run::all_ok(ok)) return kExitBadInput;
  for (const auto& scenario : loaded)
    for (const auto& warning : scenario.warnings) std::cerr << "warning: " << warning << "\n";
  // A comparison is not resumable: a signal removes the unfinished file and ends callsim.
  InterruptHandler interrupt(InterruptHandler::Mode::ABORT, run::is_root());
  if (writer) {
    interrupt.set_temp_file(writer->temp_path());
    interrupt.set_lock_file(writer->lock_path());
  }

  const auto start = std::chrono::steady_clock::now();
  run::ExperimentOptions experiment;
  experiment.seed = seed;
  experiment.threads = threads;
  std::optional<analysis::SequentialOutcome> outcome;
  const bool show_progress = run::is_root() && !json && !quiet && ::isatty(STDERR_FILENO) != 0;
  const std::vector<analysis::RunResult> runs =
      run_variants(variants, experiment, replications, sequential, outcome, show_progress);
  if (!run::is_root()) return 0;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::uint64_t calls = 0;
  for (const auto& run : runs)
    for (const auto& r : run.replications) calls += r.calls_simulated;

  store::ResultsFile file;
  file.callsim_version = CALLSIM_VERSION;
  file.command_line = join(args);
  file.seed = seed;
  set_provenance(file, loaded, variants);
  file.overrides = overrides;
  file.runs = runs;
  file.comparison = analysis::compare_runs(runs);
  try {
    writer->finish(file);
  } catch (const store::ResultsStoreError& e) {
    std::cerr << "callsim compare: " << e.what() << "\n";
    return 1;
  }

  if (!report_path.empty()) {
    report::ReportOptions options;
    options.results_path = out_path;
    if (const int code = write_reports(file, report_path, "", options, "callsim compare")) return code;
  }

  if (json) {
    report::write_json_summary(std::cout, file.runs, calls, wall, &*file.comparison, outcome ? &*outcome : nullptr);
  } else if (!quiet) {
    std::cout << "comparison of " << variants.size() << " variants on common random numbers: "
              << runs[0].replications.size() << " replications each, seed " << seed << "; baseline '" << runs[0].name
              << "'\n\n";
    report::print_variant_table(std::cout, runs, *file.comparison);
    // Every KPI side by side fits a screen for a few variants only.
    if (runs.size() <= 3) {
      std::cout << "\n";
      report::print_comparison_table(std::cout, runs, *file.comparison);
    } else {
      std::cout << "(every KPI of every variant: --json, or /comparison in " << out_path << ")\n";
    }
    report::print_interval_differences(std::cout, runs, *file.comparison,
                                         variants[0].spec.time.clock_start.seconds());
    if (outcome) print_sequential(std::cout, *outcome);
    std::cout << "\n" << calls << " calls simulated in " << wall << " s; results in " << out_path << "\n";
  }
  return 0;
}

}  // namespace callsim::app
