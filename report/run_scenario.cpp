#include "report/run_scenario.hpp"

#include <algorithm>

#include "scenarios/clock_peek.hpp"
#include "scenarios/clock_time.hpp"
#include "store/results_file.hpp"

namespace callsim::report {

namespace {

/// One scenario document of `/scenario`, with the run and file it belongs to ("" when the
/// file holds a single scenario, which every run shares).
struct StoredDocument {
  std::string run;
  std::string path;
  std::string text;
};

// `callsim compare a.yaml b.yaml` writes "--- # callsim compare: scenario N of M, run 'NAME',
// file 'PATH'" before each document; anything else is one scenario.
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

RunScenario load(const StoredDocument& doc, const analysis::RunResult& run) {
  RunScenario out;
  if (const auto clock = scenarios::peek_clock_start(doc.text)) {
    out.clock_start = *clock;
    out.clock_known = true;
  }
  try {
    out.loaded = scenarios::load_scenario_text(doc.text, doc.path);
  } catch (const scenarios::ScenarioError& e) {
    out.problem = std::string("the scenario stored in the file could not be re-loaded (") + e.what() + ")";
    return out;
  }
  std::vector<std::string> types;
  for (const auto& type : out.loaded->spec.call_types) types.push_back(type.name);
  if (types != run.call_types) {
    out.loaded.reset();
    out.problem = "the scenario stored in the file has other call types than run '" + run.name + "'";
  }
  return out;
}

}  // namespace

std::vector<RunScenario> run_scenarios(const store::ResultsFile& file) {
  const std::vector<StoredDocument> documents = split_documents(file);
  std::vector<RunScenario> out;
  for (const analysis::RunResult& run : file.runs) {
    auto doc = std::find_if(documents.begin(), documents.end(), [&](const auto& d) { return d.run == run.name; });
    if (doc == documents.end()) doc = documents.begin();
    out.push_back(load(*doc, run));
  }
  return out;
}

std::string interval_label(const analysis::RunResult& run, const RunScenario& scenario, std::size_t i) {
  const double offset = run.interval_seconds * static_cast<double>(i);
  if (!scenario.clock_known) return "+" + scenarios::format_clock(offset, false);
  const double clock = scenario.clock_start + run.warmup_seconds + offset;
  // Past the first day the clock restarts; the day is shown so a 48 h run stays readable.
  const bool later_day = clock >= 86400;
  return scenarios::format_clock(later_day ? clock - 86400 * static_cast<int>(clock / 86400) : clock, false) +
         (later_day ? " (+" + std::to_string(static_cast<int>(clock / 86400)) + "d)" : "");
}

}  // namespace callsim::report
