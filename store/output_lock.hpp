#pragma once
/// \file
/// One writer per output file: an exclusive lock on "TARGET.lock" beside the target, held
/// while the target's temp file is written and renamed into place (the results file, the
/// reports). Two callsim processes writing the same target would otherwise race for the
/// rename, and one result would be lost without a word. Holding the lock also proves that
/// any "TARGET.tmp-<pid>" is stale (its writer died), so the lock's holder removes them.
///
/// The lock is flock(2) on the lock file: the kernel drops it when its holder dies, so a
/// lock file left by a SIGKILL is simply taken over by the next writer. flock does not
/// work over some network file systems (old NFS): there the lock is advisory only.

#include <functional>
#include <string>
#include <vector>

#include "store/results_store.hpp"

namespace callsim::store {

/// The operating system's reason for errno value `err`, as a fragment to follow a colon:
/// "no space left on device", "permission denied".
std::string system_error_text(int err);

/// Another callsim process (or another writer in this process) is writing the same output
/// file. what() is the whole sentence, e.g. "'out.h5' is being written by another callsim
/// process (pid 1234); wait for it or choose another --out". Bad input: callsim exits 2.
class OutputBusyError : public ResultsStoreError {
 public:
  using ResultsStoreError::ResultsStoreError;
};

/// Receives every warning of the output writers, one sentence without a "warning: " prefix
/// (so far: a stale temp file removed, "removed stale temporary file 'out.h5.tmp-1234' (its
/// callsim process stopped while writing 'out.h5')"). The program sets it once, before
/// writing (callsim prints "warning: " and the sentence on stderr); unset, warnings are
/// dropped (OutputLock::removed() and ResultsWriter::removed_stale_files() still list the
/// files). Not thread-safe: set it before any writer runs.
void set_output_warning_handler(std::function<void(const std::string&)> handler);

/// The exclusive claim on writing `target` (see the file comment). Taking it: creates or
/// reuses "TARGET.lock" (never through a symlink, never one that holds anything but a
/// callsim pid), locks it without waiting, checks that the path still names the file it
/// locked (a finishing writer unlinks it; then it tries again), writes its pid into it,
/// and removes every "TARGET.tmp-<digits>" (warning through the handler). Releasing it
/// (release() or the destructor) unlinks the lock file, then unlocks.
class OutputLock {
 public:
  /// `what` names the kind of file in messages ("results file", "report file"), `elsewhere`
  /// ends the busy message ("choose another --out"). Throws OutputBusyError when another
  /// writer holds the lock, ResultsStoreError ("cannot write <what> 'TARGET': ...") when the
  /// lock file cannot be made or used.
  OutputLock(const std::string& target, const std::string& what, const std::string& elsewhere);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

  /// Unlinks the lock file and releases the lock; idempotent, never throws.
  void release() noexcept;

  [[nodiscard]] const std::string& lock_path() const { return lock_path_; }
  /// The stale temp files removed when the lock was taken, as paths beside the target.
  [[nodiscard]] const std::vector<std::string>& removed() const { return removed_; }

  /// "TARGET.lock".
  static std::string lock_path_of(const std::string& target) { return target + ".lock"; }

 private:
  void remove_stale_temps(const std::string& target);

  std::string lock_path_;
  int fd_ = -1;
  std::vector<std::string> removed_;
};

}  // namespace callsim::store
