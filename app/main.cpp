// callsim: the command line. Dispatches to one subcommand per file (app/*_command.cpp).

#include <iostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "app/commands.hpp"
#include "parallel/mpi_session.hpp"

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
    "  list WHAT         list the registered distributions or routing policies\n"
    "  inspect FILE.h5   what a results file holds: provenance, completeness, runs, headline KPIs\n"
    "  report FILE.h5    write the HTML dashboard and CSV reports of a results file\n"
    "\n"
    "callsim <command> --help shows a command's options; callsim --version prints the version.\n";

}  // namespace

int main(int argc, char** argv) {
  const callsim::parallel::Session mpi(argc, argv);  // a job of one process unless started by mpirun/srun
  // Under MPI every rank runs the same commands; rank 0 alone speaks (and writes).
  if (!callsim::parallel::is_root()) {
    static NullBuffer muted;  // static: std::cout is flushed after main returns
    std::cout.rdbuf(&muted);
    std::cerr.rdbuf(&muted);
  }
  const std::vector<std::string> args(argv + 1, argv + argc);
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
  if (args[0] == "list") return callsim::app::list_command(rest);
  if (args[0] == "inspect") return callsim::app::inspect_command(rest);
  if (args[0] == "report") return callsim::app::report_command(rest);
  std::cerr << "callsim: unknown command '" << args[0] << "'; valid commands are: compare, erlang, inspect, list, report, run\n";
  return callsim::app::kExitBadInput;
}
