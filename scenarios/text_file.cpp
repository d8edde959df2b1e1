#include "scenarios/text_file.hpp"

#include <cerrno>
#include <cstdio>
#include <memory>
#include <system_error>

namespace callsim::scenarios {

std::optional<std::string> read_text_file(const std::string& path, std::string& error) {
  struct Closer {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  errno = 0;
  const std::unique_ptr<std::FILE, Closer> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    error = std::generic_category().message(errno);
    return std::nullopt;
  }
  std::string text;
  char buffer[8192];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) text.append(buffer, got);
  // A directory opens fine on Linux and fails only on read (EISDIR).
  if (std::ferror(file.get())) {
    error = std::generic_category().message(errno);
    return std::nullopt;
  }
  return text;
}

}  // namespace callsim::scenarios
