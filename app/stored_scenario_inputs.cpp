#include "app/stored_scenario_inputs.hpp"

#include <algorithm>

#include "run/record_inputs.hpp"
#include "scenarios/clock_peek.hpp"
#include "scenarios/loader.hpp"

namespace callsim::app {

namespace {

/// One scenario document of `/scenario`, with the run and file it belongs to ("" when the
/// file holds a single scenario, which every run shares).
struct StoredDocument {
  std::string run;
  std::string path;
  std::string text;
};

// `callsim compare a.yaml b.yaml` writes "--- # callsim compare: scenario N of M, run 'NAME',
// file 'PATH'" before each document (run::scenario_provenance); anything else is one scenario.
std::vector<StoredDocument> split_documents(const store::ResultsFile& file) {
  const std::string marker = "--- # callsim compare: scenario ";
  const std::string& text = file.scenario_text;
  if (text.rfind(marker, 0) != 0) return {{"", file.scenario_path, text}};
  std::vector<StoredDocument> documents;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t line_end = text.find('\n', at);
    const std::string header = text.substr(at, line_end == std::string::npos ? std::string::npos : line_end - at);
    std::size_t next = line_end == std::string::npos ? text.size() : text.find("\n" + marker, line_end);
    next = next == std::string::npos ? text.size() : next + 1;
    StoredDocument doc;
    const auto quoted_after = [&](const std::string& key) {
      const std::size_t from = header.find(key);
      if (from == std::string::npos) return std::string();
      const std::size_t start = from + key.size();
      const std::size_t end = header.find('\'', start);
      return header.substr(start, end == std::string::npos ? std::string::npos : end - start);
    };
    doc.run = quoted_after(", run '");
    doc.path = quoted_after(", file '");
    if (line_end != std::string::npos) doc.text = text.substr(line_end + 1, next - line_end - 1);
    documents.push_back(std::move(doc));
    at = next;
  }
  return documents;
}

report::RunContext load(const StoredDocument& doc, const std::vector<std::string>& overrides,
                        const analysis::RunResult& run) {
  report::RunContext out;
  if (const auto clock = scenarios::peek_clock_start(doc.text)) {
    out.clock_start = *clock;
    out.clock_known = true;
  }
  scenarios::LoadedScenario loaded;
  try {
    loaded = scenarios::load_scenario_text(doc.text, doc.path, overrides);
  } catch (const scenarios::ScenarioError& e) {
    out.problem = std::string("the scenario stored in the file could not be re-loaded (") + e.what() + ")";
    return out;
  }
  std::vector<std::string> types;
  for (const auto& type : loaded.spec.call_types) types.push_back(type.name);
  if (types != run.call_types) {
    out.problem = "the scenario stored in the file has other call types than run '" + run.name + "'";
    return out;
  }
  return report::run_context(run, run::run_inputs(loaded, loaded.spec, 0));
}

}  // namespace

std::vector<report::RunContext> report_contexts(const store::ResultsFile& file) {
  if (!file.run_inputs.empty()) return report::run_contexts(file);
  const std::vector<StoredDocument> documents = split_documents(file);
  std::vector<report::RunContext> out;
  for (const analysis::RunResult& run : file.runs) {
    auto doc = std::find_if(documents.begin(), documents.end(), [&](const auto& d) { return d.run == run.name; });
    if (doc == documents.end()) doc = documents.begin();
    out.push_back(load(*doc, file.overrides, run));
  }
  return out;
}

}  // namespace callsim::app
