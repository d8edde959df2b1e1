#include "scenarios/load_context.hpp"

#include <filesystem>

#include "scenarios/limits.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/text_file.hpp"

namespace callsim::scenarios::detail {

const std::string& read_input(const std::string& path, const std::string& role, const std::string& given_in,
                              LoadContext& context) {
  if (context.stored) {
    const auto found = context.stored->files.find(path);
    if (found != context.stored->files.end()) {
      context.inputs.push_back(InputFile{role, path, found->second});
      return context.inputs.back().bytes;
    }
    if (!context.stored->disk_for_others)
      throw ScenarioError("cannot read " + role + " '" + path + "' (given in " + given_in +
                          "): the results file does not hold it");
  }
  std::string error;
  auto text = read_text_file(path, limits::kCsvBytes, role + " file", error);
  if (!text) throw ScenarioError("cannot read " + role + " '" + path + "' (given in " + given_in + "): " + error);
  context.inputs.push_back(InputFile{role, path, std::move(*text)});
  return context.inputs.back().bytes;
}

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
    const std::string& text = read_input(resolved.string(), std::string(kind.noun), given_in, context);
    found = context.tables.emplace(key, ForecastTable::parse(text, resolved.string(), kind)).first;
  }
  return found->second;
}

}  // namespace callsim::scenarios::detail
