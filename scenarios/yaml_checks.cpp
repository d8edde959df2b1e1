#include "scenarios/yaml_checks.hpp"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>

#include "scenarios/limits.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/name_rules.hpp"
#include "scenarios/units.hpp"

namespace callsim::scenarios::detail {

void Reporter::fail(int line, std::string_view message) const {
  throw ScenarioError(where(line) + ": " + std::string(message));
}

const OverrideLines* Reporter::override_at(int line) const {
  for (const auto& lines : overrides_) {
    if (lines.first <= line && line <= lines.last) return &lines;
  }
  return nullptr;
}

std::string Reporter::where(int line) const {
  if (const auto* given = override_at(line)) return "--set " + given->text;
  return file_ + ":" + std::to_string(line);
}

std::string Reporter::line_ref(int line) const {
  if (const auto* given = override_at(line)) return "--set " + given->text;
  return "line " + std::to_string(line);
}

std::string Reporter::on_line(int line) const { return (override_at(line) ? "in " : "on ") + line_ref(line); }

int line_of(const YAML::Node& node) {
  // yaml-cpp marks are 0-based; a node without a position (a missing one) has line -1.
  const int line = node.Mark().line;
  return line < 0 ? 1 : line + 1;
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Scalar: {
      // Long values are cut so the message stays one readable line.
      constexpr std::size_t kMax = 40;
      const std::string& text = node.Scalar();
      return "'" + (text.size() <= kMax ? text : text.substr(0, kMax) + "...") + "'";
    }
    default: return "an empty value";
  }
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

namespace {

// Optimal string alignment distance: Levenshtein plus adjacent swaps ("nmae" -> "name" is
// one edit), the commonest typing slip.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string suggestion(std::string_view word, const std::vector<std::string>& candidates) {
  // The distance table is word x candidate: no typo makes a word this long, and a long
  // value (a pasted paragraph) would cost time and memory for nothing.
  if (word.size() > 64) return {};
  const std::string* best = nullptr;
  std::size_t best_distance = 3;  // beyond 2 edits a "did you mean" is more noise than help
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    // Two edits in a three-letter word is another word, not a typo: scale with the length.
    const bool close = distance < best_distance && distance * 3 <= std::max(word.size(), candidate.size());
    const bool prefix = word.size() >= 3 && candidate.starts_with(word) && best == nullptr;
    if (close || prefix) {
      best = &candidate;
      best_distance = close ? distance : best_distance;
    }
  }
  return best == nullptr ? std::string() : " (did you mean '" + *best + "'?)";
}

Fields::Fields(const Reporter& reporter, const YAML::Node& node, int line, std::string where, std::string prefix,
               std::vector<std::string> allowed)
    : reporter_(reporter), line_(line), where_(std::move(where)), prefix_(std::move(prefix)) {
  std::sort(allowed.begin(), allowed.end());
  if (!node.IsMap()) {
    reporter_.fail(line_, where_ + " must be a mapping with keys: " + join(allowed) + "; got " + describe(node));
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    Entry entry{it->first, it->second};
    if (!entry.key.IsScalar()) {
      reporter_.fail(line_of(entry.key), "keys in " + where_ + " must be plain names; got " + describe(entry.key));
    }
    const std::string& key = entry.key.Scalar();
    if (!std::binary_search(allowed.begin(), allowed.end(), key)) {
      // Silently ignoring a typo would run a different center than the planner wrote.
      reporter_.fail(line_of(entry.key), "unknown key '" + key + "' in " + where_ + suggestion(key, allowed) +
                                             "; valid keys are: " + join(allowed));
    }
    if (const auto first = find(key)) {
      reporter_.fail(line_of(entry.key), "duplicate key '" + key + "' in " + where_ + " (first given " +
                                             reporter_.on_line(line_of(first->key)) + "); give each key once");
    }
    entries_.push_back(std::move(entry));
  }
}

std::optional<Entry> Fields::find(std::string_view key) const {
  for (const auto& entry : entries_) {
    if (entry.key.Scalar() == key) return entry;
  }
  return std::nullopt;
}

Entry Fields::require(std::string_view key, std::string_view hint) const {
  auto entry = find(key);
  if (!entry) reporter_.fail(line_, where_ + " is missing '" + std::string(key) + "' (" + std::string(hint) + ")");
  return *entry;
}

std::string Fields::path(std::string_view key) const {
  // Top-level keys are quoted ("'name' is empty"); nested ones read as paths ("time.duration").
  if (prefix_.empty()) return "'" + std::string(key) + "'";
  return prefix_ + "." + std::string(key);
}

std::string read_scalar(const Reporter& reporter, const Entry& entry, std::string_view path, std::string_view example) {
  const std::string where(path);
  if (entry.value.IsNull())
    reporter.fail(entry.line(), where + " is empty; give a value such as " + std::string(example));
  if (!entry.value.IsScalar()) {
    reporter.fail(entry.line(),
                  where + " must be a single value such as " + std::string(example) + "; got " + describe(entry.value));
  }
  return entry.value.Scalar();
}

bool read_flag(const Reporter& reporter, const Entry& entry, const std::string& path) {
  const std::string text = read_scalar(reporter, entry, path, "true");
  if (text == "true" || text == "yes") return true;
  if (text == "false" || text == "no") return false;
  reporter.fail(entry.line(), path + " must be true or false, got '" + text + "'");
}

std::string read_name(const Reporter& reporter, const Entry& entry, std::string_view path, std::string_view example) {
  std::string name = read_scalar(reporter, entry, path, example);
  if (name.find_first_not_of(" \t") == std::string::npos) {
    reporter.fail(entry.line(), std::string(path) + " must not be blank; give a name such as " + std::string(example));
  }
  return name;
}

std::string read_identifier(const Reporter& reporter, const Entry& entry, std::string_view path,
                            std::string_view example, NameKind kind) {
  std::string name = read_name(reporter, entry, path, example);
  if (const auto problem = name_problem(name, kind)) {
    reporter.fail(entry.line(), std::string(path) + " '" + shown(name) + "' " + *problem + "; " + name_rule(kind) +
                                    " (e.g. " + std::string(example) + ")");
  }
  return name;
}

double read_duration(const Reporter& reporter, const Entry& entry, std::string_view path, DurationBound bound) {
  const std::string text = read_scalar(reporter, entry, path, "20s");
  const auto seconds = parse_duration(text);
  const std::string where(path);
  if (!seconds)
    reporter.fail(entry.line(), where + " '" + text + "' is not a duration: expected " + std::string(kDurationHelp));
  if (bound == DurationBound::POSITIVE && *seconds <= 0) {
    reporter.fail(entry.line(), where + " must be greater than 0, got " + text);
  }
  if (bound == DurationBound::NOT_NEGATIVE && *seconds < 0) {
    reporter.fail(entry.line(), where + " must not be negative, got " + text);
  }
  // Beyond this, simulated times lose the precision events need (and no horizon reaches it).
  if (*seconds > limits::kDurationSeconds) {
    reporter.fail(entry.line(), where + " must be at most 36525d (100 years), got " + text);
  }
  return *seconds;
}

double read_rate(const Reporter& reporter, const Entry& entry, std::string_view path) {
  const std::string text = read_scalar(reporter, entry, path, "1000/h");
  const auto per_second = parse_rate(text);
  const std::string where(path);
  if (!per_second)
    reporter.fail(entry.line(), where + " '" + text + "' is not a rate: expected " + std::string(kRateHelp));
  if (*per_second <= 0) reporter.fail(entry.line(), where + " must be greater than 0, got " + text);
  return *per_second;
}

double read_number(const Reporter& reporter, const Entry& entry, std::string_view path) {
  const std::string text = read_scalar(reporter, entry, path, "0.8");
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
    reporter.fail(entry.line(), std::string(path) + " '" + text +
                                    "' is not a number; expected a plain number without a unit, e.g. 0.8");
  }
  return value;
}

// Numbers from 1e-6 to 1e15 without an exponent ("1000000", "0.000001", "0.25"), others in
// 6 significant digits ("2e+300"): limits read as a planner writes them.
std::string number_text(double value) {
  char buffer[48];
  const double size = std::abs(value);
  if (value == std::floor(value) && size < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else if (size >= 1e-6 && size < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.6f", value);
    std::string text = buffer;
    text.erase(text.find_last_not_of('0') + 1);
    return text;
  } else {
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
  }
  return buffer;
}

std::string seconds_text(double seconds) { return number_text(seconds) + "s"; }

std::string per_hour_text(double per_second) { return number_text(per_second * 3600) + "/h"; }

int read_count(const Reporter& reporter, const Entry& entry, std::string_view path) {
  return read_whole_number(reporter, entry, path, 1, limits::kAgentsPerGroup, "a count such as 55");
}

int read_whole_number(const Reporter& reporter, const Entry& entry, std::string_view path, int minimum, int maximum,
                      std::string_view expected) {
  const std::string text = read_scalar(reporter, entry, path, "55");
  const std::string where(path);
  const std::string too_small =
      minimum == 0 ? " must not be negative, got " : " must be at least " + std::to_string(minimum) + ", got ";
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  const bool whole = end == text.data() + text.size();
  const bool negative = !text.empty() && text.front() == '-';
  if (error == std::errc::result_out_of_range || (error == std::errc{} && whole && value > maximum)) {
    if (negative) reporter.fail(entry.line(), where + too_small + text);
    reporter.fail(entry.line(), where + " must be at most " + std::to_string(maximum) + ", got " + text);
  }
  if (error != std::errc{} || !whole) {
    reporter.fail(entry.line(), where + " '" + text + "' is not a whole number; expected " + std::string(expected));
  }
  if (value < minimum) reporter.fail(entry.line(), where + too_small + text);
  return static_cast<int>(value);
}

namespace {

std::string plain(double value) { return number_text(value); }

// "must be between 0 and 1", "must be greater than 0 and at most 1", "must not be negative".
std::string range_rule(NumberRange range) {
  const std::string low = range.low_open ? "greater than " + plain(range.low) : "at least " + plain(range.low);
  if (std::isinf(range.high)) return range.low == 0 && !range.low_open ? "must not be negative" : "must be " + low;
  if (!range.low_open && !range.high_open) return "must be between " + plain(range.low) + " and " + plain(range.high);
  return "must be " + low + " and " + (range.high_open ? "less than " : "at most ") + plain(range.high);
}

}  // namespace

double read_number_in(const Reporter& reporter, const Entry& entry, std::string_view path, NumberRange range) {
  const double value = read_number(reporter, entry, path);
  const bool above_low = range.low_open ? value > range.low : value >= range.low;
  const bool below_high = range.high_open ? value < range.high : value <= range.high;
  if (!above_low || !below_high) {
    reporter.fail(entry.line(), std::string(path) + " " + range_rule(range) + ", got " + entry.value.Scalar());
  }
  return value;
}

std::optional<YAML::Node> find_child(const YAML::Node& map, std::string_view key) {
  if (!map.IsMap()) return std::nullopt;
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
  }
  return std::nullopt;
}

double read_number_within(const Reporter& reporter, const Entry& entry, std::string_view path, NumberRange range,
                          double least, double most) {
  const double value = read_number_in(reporter, entry, path, range);
  if (value < least) {
    reporter.fail(entry.line(),
                  std::string(path) + " must be at least " + number_text(least) + ", got " + entry.value.Scalar());
  }
  if (value > most) {
    reporter.fail(entry.line(),
                  std::string(path) + " must be at most " + number_text(most) + ", got " + entry.value.Scalar());
  }
  return value;
}

std::string item_label(const YAML::Node& item, const std::string& noun, const std::string& path) {
  // Only a name that is itself valid labels the item: the message about an invalid one
  // names the item by its path and quotes the name once.
  if (const auto name = find_child(item, "name");
      name && name->IsScalar() && !name_problem(name->Scalar(), NameKind::PART)) {
    return noun + " '" + name->Scalar() + "'";
  }
  return path;
}

void check_unique(const Reporter& reporter, SeenNames& seen, const std::string& name, int line,
                  const std::string& noun) {
  for (const auto& [other, other_line] : seen) {
    if (other == name) {
      reporter.fail(line, noun + " name '" + name + "' is used twice (first " + reporter.on_line(other_line) +
                              "); give each " + noun + " a unique name");
    }
  }
  seen.emplace_back(name, line);
}

YAML::Node read_list(const Reporter& reporter, const Entry& entry, std::string_view path, std::string_view expected) {
  const std::string where(path);
  if (!entry.value.IsSequence()) {
    reporter.fail(entry.line(), where + " must be " + std::string(expected) + "; got " + describe(entry.value));
  }
  if (entry.value.size() == 0) reporter.fail(entry.line(), where + " is empty; it must be " + std::string(expected));
  return entry.value;
}

}  // namespace callsim::scenarios::detail
