#include "report/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <optional>
#include <system_error>

#include "store/directory_sync.hpp"
#include "store/output_lock.hpp"

namespace callsim::report {

namespace fs = std::filesystem;

namespace {

using store::system_error_text;

/// Writes all of `contents` to `fd` and flushes it to disk; returns 0 or the errno.
int write_all(int fd, const std::string& contents) {
  const char* at = contents.data();
  std::size_t left = contents.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, at, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    at += n;
    left -= static_cast<std::size_t>(n);
  }
  // Without the flush, a crash soon after the rename can leave an empty report; and a full
  // disk may only show here (delayed allocation, network file systems).
  if (::fsync(fd) != 0) return errno;
  return 0;
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& contents) {
  const std::string prefix = "cannot write report file '" + path + "': ";
  std::error_code ec;
  const fs::file_status target = fs::status(path, ec);
  if (fs::is_directory(target)) throw ReportError(prefix + "it is a directory");
  if (fs::exists(target) && !fs::is_regular_file(target))
    throw ReportError(prefix + "it exists and is not a regular file");
  std::optional<store::OutputLock> lock;
  try {
    lock.emplace(path, "report file", "choose another path for the report");
  } catch (const store::OutputBusyError& e) {
    throw ReportBusyError(e.what());
  } catch (const store::ResultsStoreError& e) {
    throw ReportError(e.what());
  }
  const std::string temp = path + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) throw ReportError(prefix + "cannot create '" + temp + "' (" + store::system_error_text(errno) + ")");
  int err = write_all(fd, contents);
  if (::close(fd) != 0 && err == 0) err = errno;  // NFS reports write errors at close
  if (err != 0) {
    ::unlink(temp.c_str());
    throw ReportError(prefix + store::system_error_text(err));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    err = errno;
    ::unlink(temp.c_str());
    throw ReportError(prefix + "renaming '" + temp + "' to it failed (" + store::system_error_text(err) + ")");
  }
  store::sync_parent_directory(path);
}

void ensure_directory(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) throw ReportError("cannot write CSV files to '" + dir + "': it is not a directory");
    return;
  }
  fs::create_directories(dir, ec);
  if (ec) throw ReportError("cannot create directory '" + dir + "' for the CSV files: " + ec.message());
}

}  // namespace callsim::report
