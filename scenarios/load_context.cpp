#include "scenarios/load_context.hpp"

#include <filesystem>

namespace callsim::scenarios::detail {

const ForecastTable& read_table(const Reporter& reporter, const Entry& entry, const std::string& file,
                                const TableKind& kind, LoadContext& context) {
  std::filesystem::path resolved(file);
  // Relative to the scenario, so a scenario and its tables move together.
  if (resolved.is_relative() && !context.scenario_dir.empty()) resolved = context.scenario_dir / resolved;
  // The kind is part of the key: the same file read as a forecast and as a staffing plan
  // would otherwise report its problems in the words of whichever came first.
  const std::string key = std::string(kind.noun) + ":" + resolved.string();
  auto found = context.tables.find(key);
  if (found == context.tables.end()) {
    const std::string given_in = reporter.where(entry.line());
    found = context.tables.emplace(key, ForecastTable::read(resolved.string(), given_in, kind)).first;
  }
  return found->second;
}

}  // namespace callsim::scenarios::detail
