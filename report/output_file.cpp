#include "report/output_file.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <system_error>

namespace callsim::report {

namespace fs = std::filesystem;

void write_file_atomically(const std::string& path, const std::string& contents) {
  const std::string temp = path + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw ReportError("cannot write report file '" + path + "': cannot create '" + temp + "'");
    out << contents;
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(temp, ignored);
      throw ReportError("cannot write report file '" + path + "': writing failed (disk full?)");
    }
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw ReportError("cannot write report file '" + path + "': " + ec.message());
  }
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
