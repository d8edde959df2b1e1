// callsim: the command line. Dispatches to one subcommand per file (app/*_command.cpp).

#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "app/commands.hpp"

namespace {

constexpr std::string_view kUsage =
    "usage: callsim <command> [options]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO      simulate a scenario and report KPIs with 95% confidence intervals\n"
    "  compare ...       simulate variants (routing policies, or scenario files) on common random\n"
    "                    numbers and report their paired differences to the first one\n"
    "  erlang            exact Erlang C / Erlang A figures for one queue\n"
    "  list WHAT         list the registered distributions or routing policies\n"
    "  report FILE.h5    write the HTML dashboard and CSV reports of a results file\n"
    "\n"
    "callsim <command> --help shows a command's options; callsim --version prints the version.\n";

}  // namespace

int main(int argc, char** argv) {
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
  if (args[0] == "report") return callsim::app::report_command(rest);
  std::cerr << "callsim: unknown command '" << args[0] << "'; valid commands are: compare, erlang, list, report, run\n";
  return callsim::app::kExitBadInput;
}
