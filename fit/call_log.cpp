#include "fit/call_log.hpp"

#include <algorithm>

namespace callsim::fit {

namespace {

std::uint32_t index_in(std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end()) return static_cast<std::uint32_t>(it - names.begin());
  names.push_back(name);
  return static_cast<std::uint32_t>(names.size() - 1);
}

}  // namespace

std::uint32_t CallLog::call_type_index(const std::string& name) { return index_in(call_types, name); }
std::uint32_t CallLog::agent_index(const std::string& name) { return index_in(agents, name); }

std::uint32_t CallLog::day_index(const std::string& date, int weekday) {
  const auto it = std::find_if(days.begin(), days.end(), [&](const LogDay& d) { return d.date == date; });
  if (it != days.end()) return static_cast<std::uint32_t>(it - days.begin());
  days.push_back({date, weekday});
  return static_cast<std::uint32_t>(days.size() - 1);
}

void CallLog::skip(const std::string& reason, const std::string& file, int line, bool bad) {
  auto it = std::find_if(skipped.begin(), skipped.end(), [&](const SkippedRows& s) { return s.reason == reason; });
  if (it == skipped.end()) {
    skipped.push_back({reason, bad, 0, {}});
    it = skipped.end() - 1;
  }
  ++it->count;
  if (it->first.size() < SkippedRows::kShown) it->first.push_back(file + ":" + std::to_string(line));
}

}  // namespace callsim::fit
