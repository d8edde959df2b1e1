// callsim: the command line. Dispatches to one subcommand per file (app/*_command.cpp).

#include <cerrno>
#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <streambuf>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "app/commands.hpp"
#include "app/option_values.hpp"
#include "app/output_paths.hpp"
#include "models/simulation_error.hpp"
#include "run/mpi_session.hpp"
#include "scenarios/loader.hpp"
#include "store/output_lock.hpp"

namespace {

/// Swallows what it is given: the output of MPI ranks other than 0.
class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

constexpr std::string_view kUsage =
    "usage: callsim <command> [options]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO      simulate a scenario and report KPIs with 95% confidence intervals\n"
    "  compare ...       simulate variants (routing policies, or scenario files) on common random\n"
    "                    numbers and report their paired differences to the first one\n"
    "  erlang            exact Erlang C / Erlang A figures for one queue\n"
    "  fit LOG...        fit a scenario from a center's own call logs (arrivals, service, patience,\n"
    "                    agent groups, available agents), with its in-sample backtest\n"
    "  backtest SCENARIO simulate a scenario and compare it per interval with call logs\n"
    "  list WHAT         list the registered distributions or routing policies\n"
    "  inspect FILE.h5   what a results file holds: provenance, completeness, runs, headline KPIs\n"
    "  report FILE.h5    write the HTML dashboard and CSV reports of a results file\n"
    "  roster SCENARIO   least-cost shifts and breaks for per-interval requirements (MIP, CBC)\n"
    "  staff SCENARIO    the fewest agents per interval that meet targets (simulation or Erlang)\n"
    "\n"
    "callsim <command> --help shows a command's options; callsim --version prints the version.\n";

/// Prints "callsim: <what>" as one line and returns `code`; under MPI ends the whole job
/// (the other ranks would wait for this one in a collective for ever).
int fail(std::string what, int code) {
  for (char& c : what)
    if (c == '\n' || c == '\r') c = ' ';
  std::cerr << "callsim: " << what << "\n";
  if (callsim::run::size() > 1) {
    std::cerr.flush();
    callsim::run::abort_job(code);
  }
  return code;
}

int dispatch(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    (args.empty() ? std::cerr : std::cout) << kUsage;
    return args.empty() ? callsim::app::kExitBadInput : 0;
  }
  if (args[0] == "--version") {
    std::cout << "callsim " << CALLSIM_VERSION << "\n";
    return 0;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "run") return callsim::app::run_command(rest);
  if (args[0] == "compare") return callsim::app::compare_command(rest);
  if (args[0] == "erlang") return callsim::app::erlang_command(rest);
  if (args[0] == "fit") return callsim::app::fit_command(rest);
  if (args[0] == "backtest") return callsim::app::backtest_command(rest);
  if (args[0] == "list") return callsim::app::list_command(rest);
  if (args[0] == "inspect") return callsim::app::inspect_command(rest);
  if (args[0] == "report") return callsim::app::report_command(rest);
  if (args[0] == "roster") return callsim::app::roster_command(rest);
  if (args[0] == "staff") return callsim::app::staff_command(rest);
  std::cerr << "callsim: unknown command '" << args[0]
            << "'; valid commands are: backtest, compare, erlang, fit, inspect, list, report, roster, run, staff\n";
  return callsim::app::kExitBadInput;
}

/// Everything a command printed must have reached stdout: a full disk or a closed pipe
/// (`--json > /dev/full`) is a failure, not a success. Returns the exit code to use.
int check_stdout(int code) {
  errno = 0;
  std::cout.flush();
  const bool failed = std::fflush(stdout) != 0 || std::ferror(stdout) != 0 || !std::cout;
  if (!failed) return code;
  const int err = errno;
  std::cerr << "callsim: writing to standard output failed"
            << (err ? " (" + std::error_code(err, std::generic_category()).message() + ")" : std::string()) << "\n";
  return code == 0 ? 1 : code;
}

}  // namespace

int main(int argc, char** argv) {
  const callsim::run::Session mpi(argc, argv);  // a job of one process unless started by mpirun/srun
  // Under MPI every rank runs the same commands; rank 0 alone speaks (and writes).
  if (!callsim::run::is_root()) {
    static NullBuffer muted;  // static: std::cout is flushed after main returns
    std::cout.rdbuf(&muted);
    std::cerr.rdbuf(&muted);
  }
  // Whatever a command throws ends here, after its stack has unwound: the results
  // writer's destructor has removed its temp file, the signal handlers are restored.
  // Stale temporary files a writer removes are said once, as warnings.
  callsim::store::set_output_warning_handler(
      [](const std::string& warning) { std::cerr << "warning: " << warning << "\n"; });
  int code = 1;
  try {
    code = dispatch(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::bad_alloc&) {
    code = fail("out of memory", 1);
  } catch (const callsim::scenarios::ScenarioError& e) {  // bad input a command did not catch itself
    code = fail(e.what(), callsim::app::kExitBadInput);
  } catch (const callsim::app::OptionError& e) {
    code = fail(e.what(), callsim::app::kExitBadInput);
  } catch (const callsim::app::OutputPathError& e) {
    code = fail(e.what(), callsim::app::kExitBadInput);
  } catch (const callsim::models::SimulationError& e) {  // the scenario loops at one instant: bad input
    code = fail(e.what(), callsim::app::kExitBadInput);
  } catch (const std::exception& e) {
    code = fail(e.what(), 1);
  } catch (...) {  // H5::Exception and anything else that is not a std::exception
    code = fail("unexpected error (an exception of unknown type)", 1);
  }
  return check_stdout(code);
}
