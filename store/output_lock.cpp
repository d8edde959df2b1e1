#include "store/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <filesystem>
#include <system_error>
#include <utility>

namespace callsim::store {

namespace {

namespace fs = std::filesystem;

std::function<void(const std::string&)>& warning_handler() {
  static std::function<void(const std::string&)> handler;
  return handler;
}

std::string in_quotes(const std::string& s) { return "'" + s + "'"; }

/// What a lock file may hold: nothing (just created) or "callsim <pid>\n" (or a prefix of
/// it, when a full disk cut the write short). Anything else is somebody's file that happens
/// to have the name: never written over, never removed. Returns whether it is a lock file,
/// and its pid (0 if unknown).
std::pair<bool, long> read_lock(int fd) {
  char text[64];
  const ssize_t n = ::pread(fd, text, sizeof text, 0);
  if (n <= 0) return {n == 0, 0};
  if (n == sizeof text) return {false, 0};
  std::string content(text, static_cast<std::size_t>(n));
  const std::string head = "callsim ";
  if (content.compare(0, head.size(), head, 0, std::min(head.size(), content.size())) != 0) return {false, 0};
  if (content.size() <= head.size()) return {true, 0};
  if (content.back() == '\n') content.pop_back();
  long pid = 0;
  const char* begin = content.data() + head.size();
  const char* end = content.data() + content.size();
  const auto [stop, ec] = std::from_chars(begin, end, pid);
  if (stop != end) return {false, 0};
  return {true, ec == std::errc() && pid > 0 ? pid : 0};
}

bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

/// Whether `name` is "<base>.tmp-<digits>": a temp file of a writer of `base`.
bool is_temp_of(const std::string& name, const std::string& base) {
  const std::string prefix = base + ".tmp-";
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return false;
  for (std::size_t i = prefix.size(); i < name.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return false;
  return true;
}

}  // namespace

std::string system_error_text(int err) {
  std::string text = std::error_code(err, std::generic_category()).message();
  // strerror's texts are capitalized sentences ("No space left on device"); ours follow a colon.
  if (text.size() > 1 && std::isupper(static_cast<unsigned char>(text[0])) &&
      std::islower(static_cast<unsigned char>(text[1])))
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

void set_output_warning_handler(std::function<void(const std::string&)> handler) {
  warning_handler() = std::move(handler);
}

OutputLock::OutputLock(const std::string& target, const std::string& what, const std::string& elsewhere)
    : lock_path_(lock_path_of(target)) {
  const std::string prefix = "cannot write " + what + " " + in_quotes(target) + ": ";
  const std::string lock_name = "its lock file " + in_quotes(lock_path_);
  // A writer that finishes unlinks the lock file while others may have it open: whoever
  // locks an unlinked file must open the new one. A few rounds settle any such race.
  for (int round = 0;; ++round) {
    const int fd = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) throw ResultsStoreError(prefix + "cannot create " + lock_name + " (" + system_error_text(errno) + ")");
    struct stat opened {};
    if (::fstat(fd, &opened) != 0 || !S_ISREG(opened.st_mode)) {
      ::close(fd);
      throw ResultsStoreError(prefix + lock_name + " is not a regular file; remove it or " + elsewhere);
    }
    int status = 0;
    do {
      status = ::flock(fd, LOCK_EX | LOCK_NB);
    } while (status != 0 && errno == EINTR);
    if (status != 0) {
      const int err = errno;
      const long pid = read_lock(fd).second;
      ::close(fd);
      if (err != EWOULDBLOCK)
        throw ResultsStoreError(prefix + "cannot lock " + lock_name + " (" + system_error_text(err) + ")");
      if (pid == ::getpid())
        throw OutputBusyError(in_quotes(target) + " is already being written by this callsim process; " + elsewhere);
      throw OutputBusyError(in_quotes(target) + " is being written by another callsim process" +
                            (pid > 0 ? " (pid " + std::to_string(pid) + ")" : std::string()) + "; wait for it or " +
                            elsewhere);
    }
    struct stat named {};
    if (::stat(lock_path_.c_str(), &named) != 0 || !same_file(opened, named)) {
      ::close(fd);  // we locked a lock file its writer has just unlinked
      if (round < 100) continue;
      throw ResultsStoreError(prefix + lock_name + " keeps being replaced; is another program removing it?");
    }
    if (!read_lock(fd).first) {
      ::close(fd);
      throw ResultsStoreError(prefix + in_quotes(lock_path_) +
                              " exists and is not a callsim lock file; remove it if no "
                              "program uses it, or " +
                              elsewhere);
    }
    fd_ = fd;
    break;
  }
  // The pid is for the message a second writer gives; a full disk may refuse it, which
  // only makes that message vaguer.
  const std::string content = "callsim " + std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) == 0 &&
      ::pwrite(fd_, content.data(), content.size(), 0) != static_cast<ssize_t>(content.size())) {
    // Cut short: read_lock takes a prefix of the line for a lock file of unknown pid.
  }
  remove_stale_temps(target);
}

OutputLock::~OutputLock() { release(); }

void OutputLock::release() noexcept {
  if (fd_ < 0) return;
  // Unlink first, then unlock: a writer waiting on this file then sees it gone and opens a
  // new one. Only our own inode is unlinked (nobody else removes a lock file we hold).
  struct stat held {
  }, named{};
  if (::fstat(fd_, &held) == 0 && ::stat(lock_path_.c_str(), &named) == 0 && same_file(held, named))
    ::unlink(lock_path_.c_str());
  ::close(fd_);
  fd_ = -1;
}

void OutputLock::remove_stale_temps(const std::string& target) {
  const fs::path target_path(target);
  const std::string base = target_path.filename().string();
  const fs::path dir = target_path.has_parent_path() ? target_path.parent_path() : fs::path(".");
  std::error_code ec;
  // Best effort: an unreadable directory keeps its leftovers.
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    const std::string name = entry.path().filename().string();
    if (!is_temp_of(name, base)) continue;
    std::error_code type_ec;
    if (!fs::is_regular_file(entry.symlink_status(type_ec))) continue;
    const std::string path = target_path.has_parent_path() ? (dir / name).string() : name;
    std::error_code remove_ec;
    if (!fs::remove(entry.path(), remove_ec)) continue;
    removed_.push_back(path);
    if (warning_handler())
      warning_handler()("removed stale temporary file " + in_quotes(path) +
                        " (its callsim process stopped while "
                        "writing " +
                        in_quotes(target) + ")");
  }
}

}  // namespace callsim::store
