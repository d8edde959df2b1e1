#pragma once
/// \file
/// SIGINT and SIGTERM during a run: the first asks the workers to start no new
/// replication, the second to abandon those in flight, so callsim can write what it has;
/// a third (or, in ABORT mode, the first) removes the unfinished results file (and its lock
/// file) and ends the process with the signal's default action. The handler only touches
/// lock-free atomics and calls async-signal-safe functions (write, unlink, signal, raise).

#include <atomic>
#include <string>

namespace callsim::app {

class InterruptHandler {
 public:
  enum class Mode {
    GRACEFUL,  ///< callsim run: stop, write the replications done so far
    ABORT,     ///< callsim compare: remove the temp file and die at once
  };
  /// Installs the handlers; the previous ones come back on destruction. One at a time.
  /// `speak` false: no message on a signal (MPI ranks other than 0).
  explicit InterruptHandler(Mode mode, bool speak = true);
  ~InterruptHandler();
  InterruptHandler(const InterruptHandler&) = delete;
  InterruptHandler& operator=(const InterruptHandler&) = delete;

  /// 0 until a signal came; then 1, 2, ... per signal (run::ExperimentOptions::interrupt).
  [[nodiscard]] const std::atomic<int>* level() const;
  /// The first signal received (SIGINT or SIGTERM), 0 if none.
  [[nodiscard]] int signal() const;
  /// The conventional exit code of a process ended by `signal()`: 128 + its number
  /// (130 for SIGINT, 143 for SIGTERM).
  [[nodiscard]] int exit_code() const;
  /// "SIGINT" / "SIGTERM".
  [[nodiscard]] std::string signal_name() const;

  /// The unfinished file to remove before dying (the results writer's temp file); ""
  /// for none. Longer paths than the handler's buffer are not removed.
  void set_temp_file(const std::string& path);
  /// The writer's lock file to remove after the temp file (store::ResultsWriter::lock_path());
  /// "" for none. Left in place (a SIGKILL), the next writer of the target reuses it.
  void set_lock_file(const std::string& path);
};

}  // namespace callsim::app
