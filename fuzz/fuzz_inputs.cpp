#include "fuzz/fuzz_inputs.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <vector>

#include "fit/bank_log_reader.hpp"
#include "fit/csv_log_reader.hpp"
#include "fit/fitted_center.hpp"
#include "fit/fitted_scenario.hpp"
#include "scenarios/bank_log_trace.hpp"
#include "scenarios/forecast_csv.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/name_rules.hpp"
#include "scenarios/shift_templates_file.hpp"
#include "scenarios/trace_csv.hpp"

#ifndef CALLSIM_SOURCE_DIR
#error "CALLSIM_SOURCE_DIR must name the repository root (the shipped scenarios are read from it)"
#endif

namespace callsim::fuzz {

namespace {

namespace fs = std::filesystem;
using scenarios::ScenarioError;

const fs::path kSourceDir(CALLSIM_SOURCE_DIR);

// The texts the loader's catch-all (scenarios/loader.cpp, guarded_load) puts after
// "PATH: " or "PATH:LINE: " in the messages it makes from exceptions no reader anticipated.
constexpr std::array<std::string_view, 3> kLastResortTexts{"the scenario cannot be read (",
                                                           "the scenario cannot be loaded (",
                                                           "the scenario needs more memory than is available to load"};

// Runs one load of the scenario at `path`: a ScenarioError is the expected refusal, unless
// the catch-all made it (UncheckedInput); any other exception escapes.
void refused_or_loaded(const std::function<void()>& load, const std::string& path,
                       const std::vector<std::string>& overrides = {}) {
  try {
    load();
  } catch (const ScenarioError& error) {
    // CALLSIM_FUZZ_VERBOSE=1 shows each refusal, to see how deep an input gets.
    static const bool verbose = std::getenv("CALLSIM_FUZZ_VERBOSE") != nullptr;
    if (verbose) std::cerr << "refused: " << error.what() << '\n';
    if (made_by_catch_all(error.what(), path, overrides)) throw UncheckedInput(error.what());
  }
}

// A directory of this process for the CSV files the CSV targets hand to the loader (it reads
// tables from files only), removed at exit.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "callsim-fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a directory in " + pattern);
    path_ = pattern;
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

const ScratchDir& scratch() {
  static const ScratchDir dir;
  return dir;
}

// Writes `data` to the scratch directory's file `name` (fuzz.csv unless given) and returns its path.
std::string write_csv(std::string_view data, const std::string& name = "fuzz.csv") {
  const fs::path path = scratch().path() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
  return path.string();
}

// The scenario beside fuzz.csv, so that "fuzz.csv" in it names the file.
std::string scratch_scenario_path() { return (scratch().path() / "fuzz.yaml").string(); }

// `text` as a YAML double-quoted scalar (names from the input may hold any byte).
std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// The first of `names` that is a valid call type or group name, or `fallback`.
std::string first_valid_name(const std::vector<std::string>& names, const std::string& fallback) {
  for (const auto& name : names) {
    if (!scenarios::detail::name_problem(name, scenarios::detail::NameKind::PART)) return name;
  }
  return fallback;
}

// time: from `begin` (clock seconds, day 1 only: time.start has no day) for the span up to
// `end`, whole minutes, at least one hour and at most the longest horizon.
std::string time_block(double begin, double end) {
  const double start = begin >= 0 && begin < 86400 ? std::floor(begin / 60) * 60 : 0;
  const double span = std::clamp(std::ceil((end - start) / 60) * 60, 3600.0, 36500.0 * 86400.0);
  const auto hours = static_cast<long long>(start / 3600), mins = static_cast<long long>(start / 60) % 60;
  std::string clock =
      (hours < 10 ? "0" : "") + std::to_string(hours) + ":" + (mins < 10 ? "0" : "") + std::to_string(mins);
  return "time: {start: \"" + clock + "\", duration: " + std::to_string(static_cast<long long>(span)) +
         "s, interval: 1h}\n";
}

const std::string kService = "    service: {distribution: exponential, mean: 180s}\n";

// The shipped scenarios by file stem, with their texts (read once).
const std::map<std::string, fs::path>& shipped_scenarios() {
  static const std::map<std::string, fs::path> scenarios = [] {
    std::map<std::string, fs::path> found;
    for (const auto* dir : {"scenarios/library", "tests/data"}) {
      for (const auto& entry : fs::directory_iterator(kSourceDir / dir)) {
        if (entry.path().extension() == ".yaml") found.emplace(entry.path().stem().string(), entry.path());
      }
    }
    if (found.empty()) throw std::runtime_error("no shipped scenario under " + kSourceDir.string());
    return found;
  }();
  return scenarios;
}

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    lines.emplace_back(text.substr(0, newline));
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  return lines;
}

}  // namespace

bool made_by_catch_all(std::string_view message, const std::string& path, const std::vector<std::string>& overrides) {
  for (const auto& override : overrides) {
    const std::string blamed = "--set " + scenarios::detail::printable(override) + ": ";
    if (message.starts_with(blamed)) {
      message.remove_prefix(blamed.size());
      break;
    }
  }
  if (!message.starts_with(path + ":")) return false;
  message.remove_prefix(path.size() + 1);
  const auto digits = message.find_first_not_of("0123456789");
  if (digits != 0 && digits != std::string_view::npos && message[digits] == ':') message.remove_prefix(digits + 1);
  if (!message.starts_with(' ')) return false;
  message.remove_prefix(1);
  return std::any_of(kLastResortTexts.begin(), kLastResortTexts.end(),
                     [message](std::string_view text) { return message.starts_with(text); });
}

void load_scenario_yaml(std::string_view data) {
  static const std::string path = (kSourceDir / "scenarios" / "library" / "fuzz.yaml").string();
  const std::string text(data);
  refused_or_loaded([&] { static_cast<void>(scenarios::load_scenario_text(text, path)); }, path);
}

void load_with_overrides(std::string_view data) {
  std::vector<std::string> lines = lines_of(data);
  const std::string first = lines.empty() ? std::string() : lines.front();
  if (!lines.empty()) lines.erase(lines.begin());
  const auto& shipped = shipped_scenarios();
  auto chosen = shipped.find(first);
  if (chosen == shipped.end()) {
    chosen = shipped.begin();
    std::advance(chosen, static_cast<long>(std::hash<std::string>{}(first) % shipped.size()));
  }
  static std::map<std::string, std::string> texts;
  auto text = texts.find(chosen->first);
  if (text == texts.end()) text = texts.emplace(chosen->first, file_text(chosen->second)).first;
  const std::string path = chosen->second.string();
  refused_or_loaded([&] { static_cast<void>(scenarios::load_scenario_text(text->second, path, lines)); }, path, lines);
}

void load_forecast_csv(std::string_view data) {
  const std::string csv = write_csv(data);
  std::string scenario;
  refused_or_loaded(
      [&] {
        const auto table = scenarios::ForecastTable::parse(data, csv);
        for (const auto& column : table.columns()) {
          refused_or_loaded([&] { static_cast<void>(table.volumes(column)); }, csv);
        }
        scenario = "name: fuzz\n" + time_block(table.start(), table.end()) +
                   "call_types:\n  - name: a\n    arrivals: {forecast: fuzz.csv, column: " +
                   yaml_quoted(table.columns().front()) + "}\n" + kService +
                   "agent_groups:\n  - name: agents\n    skills: [a]\n    count: 10\n";
      },
      csv);
  if (scenario.empty()) return;  // refused by the table's parser
  const std::string path = scratch_scenario_path();
  refused_or_loaded([&] { static_cast<void>(scenarios::load_scenario_text(scenario, path)); }, path);
}

void load_staffing_csv(std::string_view data) {
  const std::string csv = write_csv(data);
  std::string scenario;
  refused_or_loaded(
      [&] {
        const auto table = scenarios::ForecastTable::parse(data, csv, scenarios::kStaffingTable);
        for (const auto& column : table.columns()) {
          refused_or_loaded([&] { static_cast<void>(table.cells(column)); }, csv);
        }
        scenario = "name: fuzz\n" + time_block(table.start(), table.end()) +
                   "call_types:\n  - name: a\n    arrivals: {rate: 100/h}\n" + kService +
                   "agent_groups:\n  - name: " + yaml_quoted(first_valid_name(table.columns(), "agents")) +
                   "\n    skills: [a]\n    staffing: fuzz.csv\n";
      },
      csv);
  if (scenario.empty()) return;
  const std::string path = scratch_scenario_path();
  refused_or_loaded([&] { static_cast<void>(scenarios::load_scenario_text(scenario, path)); }, path);
}

void load_shift_templates(std::string_view data) {
  const std::string path = "fuzz-templates.yaml";
  refused_or_loaded(
      [&] {
        static_cast<void>(scenarios::parse_shift_templates(std::string(data), path, {"agents", "backoffice"}));
      },
      path);
}

void load_trace_csv(std::string_view data) {
  const std::string csv = write_csv(data);
  std::string scenario;
  refused_or_loaded(
      [&] {
        const auto trace = scenarios::parse_trace_csv(data, csv);
        double first = trace.calls.empty() ? 0 : trace.calls.front().clock, last = first;
        std::vector<std::string> types;
        for (const auto& call : trace.calls) {
          first = std::min(first, call.clock);
          last = std::max(last, call.clock);
          if (trace.has_call_type && types.size() < 8) types.push_back(call.call_type);
        }
        scenario = "name: fuzz\n" + time_block(first, last + 60) +
                   "call_types:\n  - name: " + yaml_quoted(first_valid_name(types, "a")) +
                   "\n    arrivals: {trace: fuzz.csv}\n" + kService + "agent_groups:\n  - name: agents\n    skills: [" +
                   yaml_quoted(first_valid_name(types, "a")) + "]\n    count: 10\n";
      },
      csv);
  if (scenario.empty()) return;
  const std::string path = scratch_scenario_path();
  refused_or_loaded([&] { static_cast<void>(scenarios::load_scenario_text(scenario, path)); }, path);
}

void load_bank_log(std::string_view data) {
  const std::string log = write_csv(data, "fuzz.txt");
  // The date of the first row (the sixth field of the second line) when it is one, as a
  // planner would pick a day of the log.
  std::string date = "990301";
  const std::vector<std::string> lines = lines_of(data);
  if (lines.size() > 1) {
    std::string_view row = lines[1];
    for (int field = 0; field < 5 && row.find('\t') != std::string_view::npos; ++field)
      row.remove_prefix(row.find('\t') + 1);
    const std::string_view cell = row.substr(0, row.find('\t'));
    if (cell.size() == 6 && std::all_of(cell.begin(), cell.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      date = std::string(cell);
    }
  }
  bool parsed = false;
  refused_or_loaded(
      [&] {
        static_cast<void>(scenarios::parse_bank_log(data, log, {date, {}}));
        static_cast<void>(scenarios::parse_bank_log(data, log, {date, {"PS", "TT"}}));
        parsed = true;
      },
      log);
  if (!parsed) return;
  const std::string scenario = "name: fuzz\n" + time_block(0, 86400) +
                               "call_types:\n  - name: a\n    arrivals: {trace: fuzz.txt, format: anonymous_bank, "
                               "date: \"" +
                               date + "\"}\n" + kService +
                               "agent_groups:\n  - name: agents\n    skills: [a]\n    count: 10\n";
  const std::string path = scratch_scenario_path();
  refused_or_loaded([&] { static_cast<void>(scenarios::load_scenario_text(scenario, path)); }, path);
}

void fit_call_log(std::string_view data) {
  // Both readers on the same bytes: a refusal is a LogError naming the file and the line;
  // a log that reads must fit or be refused with a reason, and what it fits must load.
  for (const bool bank : {false, true}) {
    fit::CallLog log;
    try {
      if (bank)
        fit::read_bank_log(data, "fuzz.txt", log);
      else
        fit::read_csv_log(data, "fuzz.csv", log);
    } catch (const fit::LogError& error) {
      const std::string what = error.what();
      if (what.rfind(bank ? "fuzz.txt:" : "fuzz.csv:", 0) != 0) throw UncheckedInput(what);
      continue;
    }
    fit::FittedCenter center;
    try {
      center = fit::fit_center(log, fit::FitOptions{});
    } catch (const std::invalid_argument&) {
      continue;  // no day, no answer or no agent: refused with a reason
    }
    fit::ScenarioNaming naming;
    naming.name = "fuzzfit";
    naming.source = "fuzz";
    const fit::ScenarioTexts texts = fit::fitted_scenario(center, naming);
    const fs::path dir = scratch().path();
    fs::create_directories(dir / "fuzzfit" / "days");
    std::ofstream(dir / "fuzzfit" / "forecast.csv") << texts.forecast_csv;
    std::ofstream(dir / "fuzzfit" / "staffing.csv") << texts.staffing_csv;
    for (const auto& [path, text] : texts.day_files) std::ofstream(dir / path) << text;
    // A fitted scenario that does not load is a bug of the fit, whatever the log held.
    const std::string path = (dir / "fuzzfit.yaml").string();
    try {
      static_cast<void>(scenarios::load_scenario_text(texts.yaml, path));
    } catch (const ScenarioError& error) {
      throw UncheckedInput(std::string("the fitted scenario does not load: ") + error.what());
    }
  }
}

}  // namespace callsim::fuzz
