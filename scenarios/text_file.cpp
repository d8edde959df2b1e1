#include "scenarios/text_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

namespace callsim::scenarios {

namespace {

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a plain file";
}

std::string too_big(const std::string& path, std::size_t size, std::size_t max_bytes, const std::string& what,
                    bool at_least) {
  return "'" + path + "' is " + (at_least ? "more than " + std::to_string(max_bytes) : std::to_string(size)) +
         " bytes; a " + what + " may be at most " + size_limit_text(max_bytes);
}

struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string size_limit_text(std::size_t bytes) {
  const std::size_t mib = std::size_t{1} << 20;
  const std::string exact = std::to_string(bytes) + " bytes";
  if (bytes % mib == 0) return std::to_string(bytes / mib) + " MiB (" + exact + ")";
  return exact;
}

std::optional<std::string> read_text_file(const std::string& path, std::size_t max_bytes, const std::string& what,
                                          std::string& error) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, for ever.
  // It changes nothing for the regular files that are then read.
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) {
    error = std::generic_category().message(errno);
    return std::nullopt;
  }
  struct stat info {};
  if (::fstat(file.fd, &info) != 0) {
    error = std::generic_category().message(errno);
    return std::nullopt;
  }
  // /dev/zero, /dev/stdin, a FIFO, a directory: none has a size to check, and some never end.
  if (!S_ISREG(info.st_mode)) {
    error = "'" + path + "' is not a regular file (it is " + kind_of(info.st_mode) + ")";
    return std::nullopt;
  }
  if (info.st_size < 0 || static_cast<std::uintmax_t>(info.st_size) > max_bytes) {
    error = too_big(path, static_cast<std::size_t>(info.st_size), max_bytes, what, false);
    return std::nullopt;
  }
  std::string text;
  text.reserve(static_cast<std::size_t>(info.st_size));
  char buffer[65536];
  while (true) {
    const ssize_t got = ::read(file.fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      error = std::generic_category().message(errno);
      return std::nullopt;
    }
    if (got == 0) break;
    // A file that grows while it is read (a log being written) stops at the limit too.
    if (text.size() + static_cast<std::size_t>(got) > max_bytes) {
      error = too_big(path, 0, max_bytes, what, true);
      return std::nullopt;
    }
    text.append(buffer, static_cast<std::size_t>(got));
  }
  return text;
}

}  // namespace callsim::scenarios
