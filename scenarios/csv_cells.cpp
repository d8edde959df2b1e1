#include "scenarios/csv_cells.hpp"

namespace callsim::scenarios::detail {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(kCsvSpaces);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kCsvSpaces);
  return text.substr(first, last - first + 1);
}

std::vector<std::string> split_cells(std::string_view line) {
  std::vector<std::string> cells;
  while (true) {
    const auto comma = line.find(',');
    std::string_view cell = trim(line.substr(0, comma));
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') cell = trim(cell.substr(1, cell.size() - 2));
    cells.emplace_back(cell);
    if (comma == std::string_view::npos) return cells;
    line.remove_prefix(comma + 1);
  }
}

}  // namespace callsim::scenarios::detail
