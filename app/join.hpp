#pragma once
/// \file
/// Lists as the command line prints them.

#include <string>
#include <string_view>
#include <vector>

namespace callsim::app {

/// `items` with `separator` between them: join({"a", "b"}, ", ") is "a, b"; "" when empty.
inline std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

/// The command as typed, for provenance: "callsim run bank.yaml -r 20".
inline std::string command_line(std::string_view command, const std::vector<std::string>& args) {
  std::string out = "callsim " + std::string(command);
  for (const auto& a : args) out += " " + a;
  return out;
}

}  // namespace callsim::app
