#pragma once
/// \file
/// Test helper: runs a shell command (usually the callsim binary) with stdout and stderr
/// captured, in a fresh temporary directory per test. Shared by the tests/cli_*_test.cpp
/// files; tests/subprocess.hpp is the one for children a test must signal.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace callsim::testing {

struct Output {
  int code;  ///< exit code, -1 when the command did not exit normally
  std::string out;
  std::string err;
};

/// A fresh, empty directory "/tmp/callsim-<prefix>-<name>-<pid>".
inline std::filesystem::path temp_dir(const std::string& prefix, const std::string& name) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("callsim-" + prefix + "-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Runs `command` through the shell in `dir` (its working directory), stdout and stderr
/// captured in files there.
inline Output run_shell(const std::string& command, const std::filesystem::path& dir) {
  const auto out = dir / "stdout.txt", err = dir / "stderr.txt";
  const std::string cmd =
      "cd '" + dir.string() + "' && " + command + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

/// `callsim ARGS` run in `dir`.
inline Output run_callsim(const std::string& args, const std::filesystem::path& dir) {
  return run_shell(std::string(CALLSIM_BINARY) + " " + args, dir);
}

}  // namespace callsim::testing
