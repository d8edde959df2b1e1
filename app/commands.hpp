#pragma once
/// \file
/// The subcommands of `callsim`. Each takes the arguments after its name and returns the
/// process exit code: 0 success, 1 runtime failure, 2 bad input (message already printed).

#include <string>
#include <vector>

namespace callsim::app {

int run_command(const std::vector<std::string>& args);
int compare_command(const std::vector<std::string>& args);
int erlang_command(const std::vector<std::string>& args);
int list_command(const std::vector<std::string>& args);
int inspect_command(const std::vector<std::string>& args);
int report_command(const std::vector<std::string>& args);
int roster_command(const std::vector<std::string>& args);
int staff_command(const std::vector<std::string>& args);
int fit_command(const std::vector<std::string>& args);
int backtest_command(const std::vector<std::string>& args);

/// Exit code for bad input (scenario, options), as every callsim command uses it.
inline constexpr int kExitBadInput = 2;

}  // namespace callsim::app
