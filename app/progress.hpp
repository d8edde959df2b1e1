#pragma once
/// \file
/// The progress line of long runs: replications done of the total, calls simulated per
/// second and the estimated time left, rewritten in place on a terminal (stderr).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

namespace callsim::app {

/// Where a run stands.
struct ProgressFigures {
  std::size_t done = 0;        ///< replications finished
  std::size_t total = 0;       ///< replications asked for
  std::uint64_t calls = 0;     ///< calls the finished replications simulated
  double elapsed_seconds = 0;  ///< wall time since the simulation started
};

/// "replications 12/100 (12%), 3.21 M calls/s, ETA 1 min 05 s". The ETA assumes the
/// remaining replications take as long as the finished ones on average; "ETA --" before the
/// first one finishes; the rate is left out while it cannot be measured.
std::string format_progress(const ProgressFigures& p);

/// "42 s", "3 min 05 s", "2 h 07 min": a duration as a planner reads it (seconds, rounded).
std::string format_duration(double seconds);

/// Prints format_progress() to `out` (stderr) as replications finish, at most every
/// `min_interval` (and always for the first and the last). On a terminal the line is
/// rewritten in place ('\r') and cleared by clear(); elsewhere (`--progress` into a log)
/// each update is a line of its own. Not thread-safe: callers serialize update() (the
/// replication runner calls on_progress under its lock).
class ProgressLine {
 public:
  /// `enabled` false: every method does nothing. `prefix` goes before the figures.
  ProgressLine(std::FILE* out, bool enabled, bool in_place, std::size_t total, std::string prefix = "");
  void update(std::size_t done, std::uint64_t calls);
  /// Removes the line (on a terminal) so what follows starts on a clean line.
  void clear();

 private:
  std::FILE* out_;
  bool enabled_;
  bool in_place_;
  std::size_t total_;
  std::string prefix_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  std::size_t shown_ = 0;  ///< characters of the line on screen (in place)
  bool any_ = false;
};

}  // namespace callsim::app
