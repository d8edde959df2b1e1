#include "app/interrupt.hpp"

#include <unistd.h>

#include <csignal>
#include <cstring>
#include <stdexcept>

namespace callsim::app {

namespace {

// Signal handlers see only globals. Lock-free atomics are safe to touch there.
std::atomic<int> g_level{0};
std::atomic<int> g_signal{0};
std::atomic<bool> g_abort_mode{false};
std::atomic<bool> g_speak{true};
std::atomic<bool> g_installed{false};
char g_temp[4096];  // written before the handler can read it (set_temp_file), NUL-terminated
std::atomic<bool> g_has_temp{false};
char g_lock[4096];  // likewise (set_lock_file)
std::atomic<bool> g_has_lock{false};
struct sigaction g_old_int;
struct sigaction g_old_term;

void say(const char* text) {
  if (!g_speak.load()) return;
  // write() is async-signal-safe; a failed write has no one to tell.
  const ssize_t ignored = ::write(STDERR_FILENO, text, std::strlen(text));
  (void)ignored;
}

void die(int sig) {
  if (g_has_temp.load()) ::unlink(g_temp);
  // The lock last: while it exists, no other writer removes or replaces the temp file.
  if (g_has_lock.load()) ::unlink(g_lock);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void on_signal(int sig) {
  int none = 0;
  g_signal.compare_exchange_strong(none, sig);
  const int level = g_level.fetch_add(1) + 1;
  if (g_abort_mode.load() || level >= 3) {
    die(sig);
    return;
  }
  if (level == 1) {
    say("\ncallsim: interrupted: finishing the replications in progress, then writing the results "
        "(interrupt again to drop them)\n");
  } else {
    say("\ncallsim: interrupted again: dropping the replications in progress\n");
  }
}

}  // namespace

InterruptHandler::InterruptHandler(Mode mode, bool speak) {
  if (g_installed.exchange(true)) throw std::logic_error("InterruptHandler: one at a time");
  static_assert(std::atomic<int>::is_always_lock_free && std::atomic<bool>::is_always_lock_free);
  g_level = 0;
  g_signal = 0;
  g_has_temp = false;
  g_has_lock = false;
  g_abort_mode = mode == Mode::ABORT;
  g_speak = speak;
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // the workers' and HDF5's system calls carry on
  sigaction(SIGINT, &action, &g_old_int);
  sigaction(SIGTERM, &action, &g_old_term);
}

InterruptHandler::~InterruptHandler() {
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
  g_has_temp = false;
  g_has_lock = false;
  g_installed = false;
}

const std::atomic<int>* InterruptHandler::level() const { return &g_level; }

int InterruptHandler::signal() const { return g_signal.load(); }

int InterruptHandler::exit_code() const { return 128 + signal(); }

std::string InterruptHandler::signal_name() const {
  switch (signal()) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    default: return "signal " + std::to_string(signal());
  }
}

void InterruptHandler::set_temp_file(const std::string& path) {
  g_has_temp = false;  // the handler must not read a half-copied path
  if (path.empty() || path.size() >= sizeof g_temp) return;
  std::memcpy(g_temp, path.c_str(), path.size() + 1);
  g_has_temp = true;
}

void InterruptHandler::set_lock_file(const std::string& path) {
  g_has_lock = false;
  if (path.empty() || path.size() >= sizeof g_lock) return;
  std::memcpy(g_lock, path.c_str(), path.size() + 1);
  g_has_lock = true;
}

}  // namespace callsim::app
