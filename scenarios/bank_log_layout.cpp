#include "scenarios/bank_log_layout.hpp"

namespace callsim::scenarios::bank_log {

std::size_t split_fields(std::string_view line, std::array<std::string_view, kFields>& fields) {
  std::size_t count = 0;
  while (true) {
    const auto tab = line.find('\t');
    if (count < kFields) fields[count] = line.substr(0, tab);
    ++count;
    if (tab == std::string_view::npos) return count;
    line.remove_prefix(tab + 1);
  }
}

std::string header_text() {
  std::string out;
  for (const auto name : kHeader) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

}  // namespace callsim::scenarios::bank_log
