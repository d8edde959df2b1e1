// callsim run SCENARIO: simulate replications, print the summary, write the results file.
// Also `--resume FILE.h5`: continue an interrupted run to the same bytes.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/program_options.hpp>

#include "analysis/erlang_reference.hpp"
#include "app/bad_input.hpp"
#include "app/commands.hpp"
#include "app/experiment_file.hpp"
#include "app/interrupt.hpp"
#include "app/join.hpp"
#include "app/option_values.hpp"
#include "app/output_paths.hpp"
#include "app/progress.hpp"
#include "app/report_output.hpp"
#include "app/resume.hpp"
#include "app/run_size.hpp"
#include "app/run_size_check.hpp"
#include "report/command_summary.hpp"
#include "report/console_report.hpp"
#include "report/json_report.hpp"
#include "run/distributed_experiment.hpp"
#include "run/experiment.hpp"
#include "run/experiment_design.hpp"
#include "run/mpi_session.hpp"
#include "scenarios/loader.hpp"
#include "store/results_store.hpp"

namespace po = boost::program_options;

namespace callsim::app {

namespace {

constexpr const char* kRunUsage =
    "usage: callsim run SCENARIO [options]\n"
    "       callsim run --resume FILE.h5 [-r N] [options]\n\n"
    "Simulates SCENARIO (a YAML file) and reports each KPI's mean with its 95% confidence interval.\n"
    "SIGINT/SIGTERM (Ctrl-C) stop it cleanly: the replications finished so far are written\n"
    "(attribute complete = 0) and --resume runs the rest.\n";

struct Settings {
  std::uint64_t replications = 10;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  std::string replications_text, seed_text, threads_text;  ///< as typed: parsed by parse_whole
  std::string out_path;
  std::string scenario_path;
  std::vector<std::string> overrides;
  std::string resume_path;
  std::string report_path;  ///< --report: the HTML dashboard
  bool record_calls = false;
  bool json = false;
  bool quiet = false;
  bool progress = false;  ///< --progress: the progress line even when stderr is not a terminal
  bool force = false;     ///< --force: an existing file callsim did not write may be replaced
};

/// The numeric options, from the text as typed (Boost would wrap "-1" into 2^64 - 1).
void parse_numbers(Settings& s) {
  s.replications = parse_whole("--replications", s.replications_text, 1, kMaxReplications);
  s.seed = parse_whole("--seed", s.seed_text, 0, std::numeric_limits<std::uint64_t>::max());
  s.threads = static_cast<unsigned>(parse_whole("--threads", s.threads_text, 0, kMaxThreads));
}

/// Every file the run reads and writes, refused (OutputPathError) before anything is
/// simulated when an output would destroy an input or another output; then the run's size
/// against the machine. Returns false after printing a refusal.
bool check_run_files(const Settings& s, const po::variables_map& vm, const scenarios::LoadedScenario& scenario,
                     const std::optional<ResumePoint>& resume) {
  std::vector<InputPath> inputs;
  for (const auto& input : scenario.inputs) inputs.push_back({input.role, input.path});
  std::vector<OutputPath> outputs;
  // A resumed file is rewritten in place: it is the output, not an input to protect.
  if (resume) {
    outputs.push_back(OutputPath::typed("--resume", s.out_path, OutputKind::RESULTS));
  } else if (vm.count("out")) {
    outputs.push_back(OutputPath::typed("--out", s.out_path, OutputKind::RESULTS));
  } else {
    outputs.push_back(OutputPath::defaulted(s.out_path, OutputKind::RESULTS));
  }
  if (vm.count("report")) outputs.push_back(OutputPath::typed("--report", s.report_path, OutputKind::HTML_REPORT));
  check_outputs(inputs, outputs, s.force);

  app::RunSizeOptions options;
  options.replications = s.replications;
  options.held_replications = resume ? resume->held() : 0;
  options.threads = s.threads ? s.threads : std::max(1u, std::thread::hardware_concurrency());
  options.record_calls = s.record_calls;
  const RunSizeVerdict verdict = judge_run_size(app::estimate_run_size({&scenario.spec}, options),
                                                machine_room(s.out_path), s.out_path, s.replications);
  if (!verdict.refusal.empty()) {
    // Named after what the user gave: the scenario and the option that sizes the run.
    std::cerr << "callsim run: " << s.scenario_path << " with --replications " << s.replications << ": "
              << verdict.refusal << "\n";
    return false;
  }
  for (const auto& warning : verdict.warnings) std::cerr << "warning: " << warning << "\n";
  return true;
}

/// With --resume, what is not given comes from the file and what is given must match it.
void apply_resume(Settings& s, const po::variables_map& vm, const ResumePoint& point) {
  if (vm.count("out")) throw BadInput("--resume writes the file it continues; --out cannot be given with it");
  ResumeOptions given;
  if (!vm["seed"].defaulted()) given.seed = &s.seed;
  if (vm.count("set")) given.overrides = &s.overrides;
  given.calls = s.record_calls;
  check_resume_options(point, given);
  s.seed = point.file.seed;
  s.overrides = point.file.overrides;
  s.record_calls = point.has_calls;
  s.out_path = point.path;
  if (s.scenario_path.empty()) s.scenario_path = point.file.scenario_path;
  if (vm["replications"].defaulted()) s.replications = point.file.replications_requested;
  if (s.replications < point.held())
    throw BadInput("'" + point.path + "' already holds " + std::to_string(point.held()) +
                   " replications, more than --replications " + std::to_string(s.replications));
}

void print_report(const Settings& s, const scenarios::LoadedScenario& scenario, const store::ResultsFile& file,
                  std::uint64_t calls, double wall, unsigned threads) {
  if (s.json) {
    report::write_json_summary(std::cout, file.runs, calls, wall);
    return;
  }
  if (s.quiet) return;
  report::RunSummaryFacts facts;
  facts.scenario_path = scenario.path;
  facts.seed = s.seed;
  facts.calls_simulated = calls;
  facts.wall_seconds = wall;
  facts.threads = threads;
  facts.mpi_ranks = run::size();
  facts.results_path = s.out_path;
  facts.dashboard_path = s.report_path;
  facts.color = report::use_color(::isatty(STDOUT_FILENO) == 1, std::getenv("NO_COLOR"));
  // Beside the simulated figures, the exact ones where a textbook formula applies.
  if (const auto exact = analysis::erlang_reference(scenario.spec)) {
    for (const auto& k : file.runs[0].summary)
      facts.exact.push_back(analysis::erlang_kpi_value(*exact, scenario.spec, k.kpi));
    facts.exact_label = scenario.spec.call_types[0].patience ? "Erlang A exact" : "Erlang C exact";
  }
  report::print_run_summary(std::cout, file, facts);
}

/// Copies the per-call rows of the file being resumed into the new one, a block at a time.
void copy_calls(const ResumePoint& point, store::ResultsWriter& writer) {
  const std::string& run = point.file.runs[0].name;
  store::for_each_call_block(point.path, run,
                             [&](std::span<const run::CallRecord> rows) { writer.append_calls(run, rows); });
}

/// The options into `s`; an exit code when the command ends here (--help, bad options).
std::optional<int> parse_options(const std::vector<std::string>& args, Settings& s, po::variables_map& vm) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "replications,r", po::value(&s.replications_text)->default_value("10"),
      "independent replications of the scenario, 1 to 100000000 (with --resume: the total to reach; default: "
      "the count the interrupted run was asked for)")(
      "seed,s", po::value(&s.seed_text)->default_value("1"),
      "master seed, 0 to 18446744073709551615: the same seed gives the same results")(
      "threads,j", po::value(&s.threads_text)->default_value("0"),
      "worker threads, 0 to 1024 (0: one per core; per MPI rank under mpirun); results do not depend on it")(
      "out,o", po::value(&s.out_path), "HDF5 results file (default: <scenario name>.h5)")(
      "force",
      "replace an existing output file that callsim did not write (a results file or report of "
      "callsim is replaced without it; an input never is)")(
      "set", po::value(&s.overrides)->composing(),
      "override a scenario value, key=value (repeat), e.g. --set agent_groups.agents.count=60")(
      "calls",
      "also write one row per simulated call to the results file (table /<run>/calls; "
      "about 33 MB and 1 s of writing per million calls)")(
      "resume", po::value(&s.resume_path),
      "continue the interrupted run in FILE.h5 (same scenario, seed, overrides) up to --replications; the "
      "file becomes what an uninterrupted run writes")(
      "report", po::value(&s.report_path),
      "also write the HTML dashboard of the results to this file (docs/reports.md)")(
      "progress", "show the progress line even when stderr is not a terminal (one line per update)")(
      "json", "print one JSON object with each KPI's mean and CI instead of the table")(
      "quiet,q", "print nothing but errors (and --json output)");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value(&s.scenario_path));
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("scenario", 1);

  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "callsim run: " << e.what() << "\n" << kRunUsage << options;
    return kExitBadInput;
  }
  if (vm.count("help")) {
    std::cout << kRunUsage << "\n" << options;
    return 0;
  }
  s.json = vm.count("json") > 0;
  s.quiet = vm.count("quiet") > 0;
  s.progress = vm.count("progress") > 0;
  s.record_calls = vm.count("calls") > 0;
  s.force = vm.count("force") > 0;
  try {
    parse_numbers(s);
    if (vm.count("resume") && s.resume_path.empty())
      throw OptionError("--resume '': the path is empty; give the results file to continue");
  } catch (const OptionError& e) {
    std::cerr << "callsim run: " << e.what() << "\n";
    return kExitBadInput;
  }
  return std::nullopt;
}

/// The file to resume (with --resume) and the scenario to run, checked against each other;
/// false after printing why not (on this MPI rank).
bool load_run(Settings& s, const po::variables_map& vm, std::optional<ResumePoint>& resume,
              scenarios::LoadedScenario& scenario) {
  try {
    if (!s.resume_path.empty()) {
      resume = read_resume_point(s.resume_path, CALLSIM_VERSION);
      apply_resume(s, vm, *resume);
    }
    if (s.scenario_path.empty()) throw BadInput("no scenario given (callsim run SCENARIO; see callsim run --help)");
    if (s.record_calls && run::size() > 1)
      throw BadInput(
          "--calls is not supported under MPI (per-call rows are not gathered from the ranks); run it "
          "in one process");
    // A resumed run's scenario comes from the results file (its stored inputs) unless a
    // scenario file is given to check it against.
    scenario = resume && !vm.count("scenario") ? resume_scenario(*resume, s.overrides)
                                               : scenarios::load_scenario(s.scenario_path, s.overrides);
    // The results file would refuse the name only after the whole simulation.
    if (const std::string problem = store::run_name_problem(scenario.spec.name); !problem.empty())
      throw BadInput("scenario '" + s.scenario_path + "' is named '" + scenario.spec.name +
                     "', which cannot name a run in the results file (" + problem + ")");
    if (resume) check_resume_scenario(*resume, scenario);
  } catch (const BadInput& e) {
    std::cerr << "callsim run: " << e.what() << "\n";
    return false;
  } catch (const ResumeError& e) {
    std::cerr << "callsim run: " << e.what() << "\n";
    return false;
  } catch (const scenarios::ScenarioError& e) {
    // A scenario's message names the file and line; a --set one names the option.
    const std::string message = e.what();
    std::cerr << (message.rfind("--set", 0) == 0 ? "callsim run: " : "") << message << "\n";
    return false;
  }
  return true;
}

/// Rank 0 checks every path and opens the results file now: an unwritable path fails
/// before an hour of simulation (the writer runs store::check_writable first), and the
/// per-call rows go to the file as replications finish instead of piling up in memory.
/// False after printing why not. Other ranks open nothing.
bool open_results(const Settings& s, const po::variables_map& vm, const scenarios::LoadedScenario& scenario,
                  const std::optional<ResumePoint>& resume, InterruptHandler& interrupt,
                  std::optional<store::ResultsWriter>& writer) {
  if (!run::is_root()) return true;
  bool ok = true;
  try {
    ok = check_run_files(s, vm, scenario, resume);
    if (ok) {
      writer.emplace(s.out_path);
      interrupt.set_temp_file(writer->temp_path());
      interrupt.set_lock_file(writer->lock_path());
      if (resume && resume->has_calls) copy_calls(*resume, *writer);
    }
  } catch (const OutputPathError& e) {
    std::cerr << "callsim run: " << e.what() << "\n";
    ok = false;
  } catch (const store::ResultsStoreError& e) {
    std::cerr << "callsim run: " << e.what() << "\n";
    ok = false;
  }
  return ok;
}

/// After the simulation, on rank 0: the results file (or why nothing was written), the
/// dashboard and the console report. Returns the exit code.
int finish_run(const std::vector<std::string>& args, const Settings& s, const scenarios::LoadedScenario& scenario,
               const std::optional<ResumePoint>& resume, InterruptHandler& interrupt,
               std::optional<store::ResultsWriter>& writer, run::ExperimentResult&& result, double wall) {
  const std::uint64_t held = resume ? resume->held() : 0;
  const std::uint64_t calls = result.calls_simulated;
  const unsigned threads = s.threads ? s.threads : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t finished = result.runs[0].replications.size();
  const bool complete = finished == s.replications;
  const std::string resume_hint = "; continue with: callsim run --resume " + s.out_path;
  if (finished == 0) {
    writer.reset();  // removes the temp file; an older file under the name stays as it was
    std::cerr << "callsim run: interrupted by " << interrupt.signal_name()
              << " before any replication finished; nothing written\n";
    return interrupt.exit_code();
  }
  if (!complete && finished == held) {
    writer.reset();  // nothing new: the file to resume stays as it was
    std::cerr << "callsim run: interrupted by " << interrupt.signal_name() << " before another replication finished; '"
              << s.out_path << "' is unchanged (" << held << " of " << s.replications << " replications)" << resume_hint
              << "\n";
    return interrupt.exit_code();
  }

  // A resumed file keeps the command that started the run: together with the seed and
  // overrides, it is what reproduces the file.
  store::ResultsFile file = experiment_file(
      std::move(result), {resume ? resume->file.command_line : command_line("run", args), s.seed, s.overrides});
  file.complete = complete;
  file.replications_requested = s.replications;
  try {
    writer->finish(file);
  } catch (const store::ResultsStoreError& e) {
    std::cerr << "callsim run: " << e.what() << "\n";
    return 1;
  }
  if (!complete) {
    std::cerr << "callsim run: interrupted by " << interrupt.signal_name() << ": wrote "
              << file.runs[0].replications.size() << " of " << s.replications << " replications to " << s.out_path
              << " (complete = 0)" << resume_hint << "\n";
    return interrupt.exit_code();
  }
  if (!s.report_path.empty()) {
    report::ReportOptions options;
    options.results_path = s.out_path;  // its per-call table, if --calls wrote one
    if (const int code = write_reports(file, s.report_path, "", options, "callsim run")) return code;
  }
  print_report(s, scenario, file, calls, wall, threads);
  return 0;
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
  Settings s;
  po::variables_map vm;
  if (const auto code = parse_options(args, s, vm)) return *code;
  std::optional<ResumePoint> resume;
  scenarios::LoadedScenario scenario;
  const bool ok = load_run(s, vm, resume, scenario);
  if (!run::all_ok(ok)) {
    if (ok) std::cerr << "callsim run: the scenario could not be loaded on every MPI rank (is it on a shared disk?)\n";
    return kExitBadInput;
  }
  for (const auto& warning : scenario.warnings) std::cerr << "warning: " << warning << "\n";
  if (!resume && !vm.count("out")) s.out_path = run_default_path(scenario.spec.name);
  if (resume && resume->held() == s.replications && resume->file.complete) {
    if (!s.quiet && !s.json)
      std::cout << "'" << s.out_path << "' already holds all " << s.replications << " replications; nothing to do\n";
    return 0;
  }
  InterruptHandler interrupt(InterruptHandler::Mode::GRACEFUL, run::is_root());
  std::optional<store::ResultsWriter> writer;  // only rank 0 writes
  if (!run::all_ok(open_results(s, vm, scenario, resume, interrupt, writer))) return kExitBadInput;

  run::Experiment experiment(scenario);
  if (resume) experiment.continue_from(resume->file.runs[0]);
  run::ExperimentSettings settings;
  settings.seed = s.seed;
  settings.replications = s.replications;
  settings.threads = s.threads;
  settings.interrupt = interrupt.level();
  const bool terminal = ::isatty(STDERR_FILENO) != 0;
  const bool show_progress = run::is_root() && !s.quiet && !s.json && (terminal || s.progress);
  const std::string prefix = run::size() > 1 ? "rank 0 of " + std::to_string(run::size()) + ": " : "";
  std::optional<ProgressLine> progress;
  settings.on_batch_start = [&](std::uint64_t total) {
    progress.emplace(stderr, show_progress, terminal, total, prefix);
  };
  settings.on_progress = [&](std::size_t done, std::uint64_t calls) { progress->update(done, calls); };
  settings.on_batch_end = [&] { progress->clear(); };
  if (s.record_calls) {
    settings.on_calls = [&](std::size_t, std::vector<run::CallRecord>&& calls) {
      writer->append_calls(scenario.spec.name, calls);
    };
  }

  const auto start = std::chrono::steady_clock::now();
  run::ExperimentResult result;
  try {
    result = experiment.run(settings);
  } catch (const store::ResultsStoreError& e) {  // writing the per-call rows failed
    if (progress) progress->clear();
    std::cerr << "callsim run: " << e.what() << "\n";
    return 1;
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!run::is_root()) return 0;
  return finish_run(args, s, scenario, resume, interrupt, writer, std::move(result), wall);
}

}  // namespace callsim::app
