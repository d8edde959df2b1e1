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
#include "app/bad_input.hpp"
#include "app/commands.hpp"
#include "app/experiment_file.hpp"
#include "app/interrupt.hpp"
#include "app/join.hpp"
#include "app/option_values.hpp"
#include "app/output_paths.hpp"
#include "app/progress.hpp"
#include "app/report_output.hpp"
#include "app/run_size.hpp"
#include "app/run_size_check.hpp"
#include "report/command_summary.hpp"
#include "report/json_report.hpp"
#include "run/experiment_design.hpp"
#include "run/mpi_session.hpp"
#include "run/variants.hpp"
#include "scenarios/loader.hpp"
#include "store/results_store.hpp"

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

/// A scenario's name becomes a run's, an HDF5 group name: refused before the simulation.
void check_run_name(const std::string& path, const std::string& name) {
  if (const std::string problem = store::run_name_problem(name); !problem.empty())
    throw BadInput("scenario '" + path + "' is named '" + name + "', which cannot name a run in the results file (" +
                   problem + ")");
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

/// The outputs against every scenario file and CSV the variants read (OutputPathError),
/// then the run's size against the machine (BadInput with the figures).
void check_compare_files(const po::variables_map& vm, const std::vector<scenarios::LoadedScenario>& loaded,
                         const std::vector<run::Variant>& variants, std::uint64_t replications, unsigned threads,
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
  for (const run::Variant& v : variants) specs.push_back(&v.scenario.spec);
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

/// The command's options, parsed.
struct CompareSettings {
  std::uint64_t replications = 10;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  std::string replications_text, seed_text, threads_text;  ///< as typed: parsed by parse_whole
  std::string out_path;
  std::string report_path;
  std::vector<std::string> policies;
  std::vector<std::string> what_ifs;
  std::vector<std::string> overrides;
  std::vector<std::string> inputs;  ///< the scenario files
  Sequential sequential;
  bool json = false;
  bool quiet = false;
  bool force = false;
};

/// The options into `c`; an exit code when the command ends here (--help, bad options).
std::optional<int> parse_options(const std::vector<std::string>& args, CompareSettings& c, po::variables_map& vm) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "policy,p", po::value(&c.policies)->composing(),
      "a variant: SCENARIO under routing policy NAME[:param=value,...] (repeat; the first is the baseline; "
      "callsim list policies shows the names)")(
      "replications,r", po::value(&c.replications_text)->default_value("10"),
      "replications of every variant, 1 to 100000000 (in the sequential mode: the first batch)")(
      "seed,s", po::value(&c.seed_text)->default_value("1"),
      "master seed, 0 to 18446744073709551615, shared by every variant")(
      "threads,j", po::value(&c.threads_text)->default_value("0"),
      "worker threads, 0 to 1024 (0: one per core); results do not depend on it")(
      "out,o", po::value(&c.out_path),
      "HDF5 results file: every variant as a run, and /comparison (default: "
      "<scenario>-compare-<variant>-....h5, named after the scenario and the variants)")(
      "force",
      "replace an existing output file that callsim did not write (a results file or report of "
      "callsim is replaced without it; an input never is)")(
      "what-if,w", po::value(&c.what_ifs)->composing(),
      "a variant: SCENARIO with overrides KEY=VALUE[;KEY=VALUE...] (repeat; the scenario as it is is the "
      "baseline), e.g. --what-if 'agent_groups.agents.staffing_scale=1.1'")(
      "set", po::value(&c.overrides)->composing(), "override a scenario value, key=value, in every variant (repeat)")(
      "target-ci", po::value(&c.sequential.target_text),
      "sequential mode: add replications until every paired 95% CI half-width of --kpi is at most this "
      "(in the KPI's unit: 0.01 is one percentage point of service_level)")(
      "kpi", po::value(&c.sequential.kpi), "sequential mode: the KPI, e.g. service_level")(
      "max-replications", po::value(&c.sequential.max_replications_text),
      "sequential mode: stop at this many replications, target met or not (batches double the count)")(
      "report", po::value(&c.report_path),
      "also write the HTML dashboard (variants side by side, paired differences) to this file (docs/reports.md)")(
      "json", "print one JSON object with each KPI's mean and CI and the paired differences instead of the table")(
      "quiet,q", "print nothing but errors (and --json output)");
  po::options_description hidden;
  hidden.add_options()("input", po::value(&c.inputs)->composing());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);

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
  c.json = vm.count("json") > 0;
  c.quiet = vm.count("quiet") > 0;
  c.force = vm.count("force") > 0;
  try {
    c.replications = parse_whole("--replications", c.replications_text, 1, kMaxReplications);
    c.seed = parse_whole("--seed", c.seed_text, 0, std::numeric_limits<std::uint64_t>::max());
    c.threads = static_cast<unsigned>(parse_whole("--threads", c.threads_text, 0, kMaxThreads));
    parse_sequential(vm, c.sequential);
  } catch (const OptionError& e) {
    std::cerr << "callsim compare: " << e.what() << "\n";
    return kExitBadInput;
  }
  return std::nullopt;
}

/// The scenarios and their variants, checked, and on rank 0 the results file opened; false
/// after printing why not.
bool load_variants(CompareSettings& c, const po::variables_map& vm, std::vector<scenarios::LoadedScenario>& loaded,
                   std::vector<run::Variant>& variants, std::optional<store::ResultsWriter>& writer) {
  bool ok = true;
  try {
    if (c.inputs.empty()) throw BadInput("no scenario given");
    if (!c.policies.empty() && c.inputs.size() > 1)
      throw BadInput("--policy compares policies on one scenario, but " + std::to_string(c.inputs.size()) +
                     " scenarios were given; compare scenario files without --policy");
    if (!c.what_ifs.empty() && (c.inputs.size() > 1 || !c.policies.empty()))
      throw BadInput(
          "--what-if compares variants of one scenario under its own policy; give one scenario and no "
          "--policy");
    if (!c.what_ifs.empty()) {
      // The scenario as it is, then one variant per --what-if.
      loaded.push_back(scenarios::load_scenario(c.inputs[0], c.overrides));
      variants = run::what_if_variants(loaded[0], c.what_ifs);
    }
    if (variants.empty() && (c.policies.empty() ? c.inputs.size() : c.policies.size()) < 2)
      throw BadInput(
          "a comparison needs at least two variants: --policy twice or --what-if on one scenario, or two "
          "scenario files");
    check_sequential(vm, c.sequential, c.replications);
    if (!c.what_ifs.empty()) {
      // variants made above
    } else if (!c.policies.empty()) {
      loaded.push_back(scenarios::load_scenario(c.inputs[0], c.overrides));
      variants = run::policy_variants(loaded[0], c.policies);
    } else {
      for (const std::string& path : c.inputs) {
        loaded.push_back(scenarios::load_scenario(path, c.overrides));
        check_run_name(path, loaded.back().spec.name);
      }
      variants = run::scenario_variants(loaded);
      for (const run::Variant& v : variants) check_run_name(v.scenario.path, v.name);
    }
    // Checked and opened now: a path that would destroy an input, or cannot be written,
    // fails before the simulation, not after it. Only MPI rank 0 writes.
    if (run::is_root()) {
      std::vector<std::string> names;
      for (const run::Variant& v : variants) names.push_back(v.name);
      if (!vm.count("out")) c.out_path = compare_default_path(loaded[0].spec.name, names);
      check_compare_files(vm, loaded, variants,
                          c.sequential.kpi.empty() ? c.replications : c.sequential.max_replications, c.threads,
                          c.out_path, c.report_path, c.force);
      writer.emplace(c.out_path);
    }
  } catch (const BadInput& e) {
    std::cerr << "callsim compare: " << e.what() << "\n";
    ok = false;
  } catch (const run::VariantError& e) {
    std::cerr << "callsim compare: " << e.what() << "\n";
    ok = false;
  } catch (const scenarios::ScenarioError& e) {
    // A scenario file's message names the file and line; a --policy one names the option.
    const std::string message = e.what();
    const bool names_option =
        message.rfind("--policy", 0) == 0 || message.rfind("--set", 0) == 0 || message.rfind("--what-if", 0) == 0;
    std::cerr << (names_option ? "callsim compare: " : "") << message << "\n";
    ok = false;
  } catch (const store::ResultsStoreError& e) {
    std::cerr << "callsim compare: " << e.what() << "\n";
    ok = false;
  } catch (const OutputPathError& e) {
    std::cerr << "callsim compare: " << e.what() << "\n";
    ok = false;
  }
  return ok;
}

void print_results(const CompareSettings& c, const store::ResultsFile& file, std::uint64_t calls, double wall,
                   const std::optional<analysis::SequentialOutcome>& outcome) {
  if (c.json) {
    report::write_json_summary(std::cout, file.runs, calls, wall, &*file.comparison, outcome ? &*outcome : nullptr);
  } else if (!c.quiet) {
    report::CompareSummaryFacts facts;
    facts.seed = c.seed;
    facts.calls_simulated = calls;
    facts.wall_seconds = wall;
    facts.results_path = c.out_path;
    facts.sequential = outcome ? &*outcome : nullptr;
    report::print_compare_summary(std::cout, file, facts);
  }
}

}  // namespace

int compare_command(const std::vector<std::string>& args) {
  CompareSettings c;
  po::variables_map vm;
  if (const auto code = parse_options(args, c, vm)) return *code;
  std::vector<scenarios::LoadedScenario> loaded;
  std::vector<run::Variant> variants;
  std::optional<store::ResultsWriter> writer;
  const bool ok = load_variants(c, vm, loaded, variants, writer);
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

  run::ExperimentSettings settings;
  settings.seed = c.seed;
  settings.replications = c.replications;
  settings.threads = c.threads;
  if (!c.sequential.kpi.empty())
    settings.sequential = run::SequentialTarget{c.sequential.kpi, c.sequential.target, c.sequential.max_replications};
  // Over every variant: "replications 12/40" counts variant-replications, batch by batch.
  const bool show_progress = run::is_root() && !c.json && !c.quiet && ::isatty(STDERR_FILENO) != 0;
  const std::string prefix = run::size() > 1 ? "rank 0 of " + std::to_string(run::size()) + ": " : "";
  std::optional<ProgressLine> progress;
  settings.on_batch_start = [&](std::uint64_t total) { progress.emplace(stderr, show_progress, true, total, prefix); };
  settings.on_progress = [&](std::size_t done, std::uint64_t calls) { progress->update(done, calls); };
  settings.on_batch_end = [&] { progress->clear(); };

  const auto start = std::chrono::steady_clock::now();
  run::ExperimentResult result = run::Experiment(variants).run(settings);
  if (!run::is_root()) return 0;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::uint64_t calls = result.calls_simulated;
  const std::optional<analysis::SequentialOutcome> outcome = result.sequential;
  store::ResultsFile file = experiment_file(std::move(result), {command_line("compare", args), c.seed, c.overrides});
  try {
    writer->finish(file);
  } catch (const store::ResultsStoreError& e) {
    std::cerr << "callsim compare: " << e.what() << "\n";
    return 1;
  }

  if (!c.report_path.empty()) {
    report::ReportOptions options;
    options.results_path = c.out_path;
    if (const int code = write_reports(file, c.report_path, "", options, "callsim compare")) return code;
  }

  print_results(c, file, calls, wall, outcome);
  return 0;
}

}  // namespace callsim::app
