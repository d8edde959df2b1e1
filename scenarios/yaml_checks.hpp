#pragma once
/// \file
/// Checks on a yaml-cpp tree that yaml-cpp does not make itself, each failing with one
/// planner-readable ScenarioError "FILE:LINE: what is wrong; what is valid". yaml-cpp 0.7
/// accepts duplicate keys silently and its conversions fail with a bare "bad conversion",
/// so the loader never calls `as<T>()`: it reads scalars as text through these helpers.
/// Internal to scenarios/ (the public API does not expose yaml-cpp).

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/name_rules.hpp"

namespace callsim::scenarios::detail {

/// Lines past the end of a scenario file that stand for one `--set` override: the nodes an
/// override puts into the tree carry them (see overrides.hpp), so that a message about
/// such a node names the override instead of a line the file does not have.
struct OverrideLines {
  int first = 0;     ///< 1-based, inclusive
  int last = 0;      ///< 1-based, inclusive
  std::string text;  ///< "PATH=VALUE" as typed
};

/// Throws ScenarioError "FILE:LINE: message" for one scenario file, or "--set PATH=VALUE:
/// message" when the line is one of an override's.
class Reporter {
 public:
  explicit Reporter(std::string file, std::vector<OverrideLines> overrides = {})
      : file_(std::move(file)), overrides_(std::move(overrides)) {}
  /// `line` is 1-based.
  [[noreturn]] void fail(int line, std::string_view message) const;
  /// The file name as given, for messages without a line.
  [[nodiscard]] const std::string& file() const { return file_; }
  /// Where `line` is, to begin a message or a warning: "FILE:LINE" or "--set PATH=VALUE".
  [[nodiscard]] std::string where(int line) const;
  /// How a message points at another line: "line 9" or "--set PATH=VALUE".
  [[nodiscard]] std::string line_ref(int line) const;
  /// As line_ref, after "first given": "on line 9" or "in --set PATH=VALUE".
  [[nodiscard]] std::string on_line(int line) const;

 private:
  [[nodiscard]] const OverrideLines* override_at(int line) const;

  std::string file_;
  std::vector<OverrideLines> overrides_;
};

/// The 1-based line of `node`; 1 when the node has no position (a missing node).
int line_of(const YAML::Node& node);

/// The value of `key` in the mapping `map` (keys compared as text), or nullopt when `map`
/// is not a mapping or lacks the key. Used instead of yaml-cpp's operator[], whose result
/// for a missing key throws YAML::InvalidNode on every use (IsScalar(), Mark(), ...).
std::optional<YAML::Node> find_child(const YAML::Node& map, std::string_view key);

/// One key of a mapping and its value, both with their positions.
struct Entry {
  YAML::Node key;
  YAML::Node value;
  /// Where to point for a problem with the value: the value's line, or the key's when the
  /// value is empty (yaml-cpp places an empty value at the next token, often a later line).
  [[nodiscard]] int line() const { return value.IsNull() ? line_of(key) : line_of(value); }
};

/// For "got ..." in messages: "'200h'", "a list", "a mapping" or "an empty value".
std::string describe(const YAML::Node& node);

/// "a, b, c".
std::string join(const std::vector<std::string>& names);

/// " (did you mean 'x'?)" when one of `candidates` is a likely typo fix for `word`,
/// otherwise "". Edit distance at most 2 (and small for the length), or a prefix; never for
/// a word longer than 64 bytes.
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates);

/// The keys of one mapping, checked: the node is a mapping, every key is a plain name from
/// `allowed` and none is given twice. Names the mapping in messages by `where` ("'time'",
/// "call type 'general'") and its values by `prefix` + key ("time.duration").
class Fields {
 public:
  /// Fails on a non-mapping, a non-scalar key, an unknown key or a duplicate key.
  /// `line` is where to point when the mapping itself is wrong (see Entry::line()).
  Fields(const Reporter& reporter, const YAML::Node& node, int line, std::string where, std::string prefix,
         std::vector<std::string> allowed);

  /// The entry for `key`, or nullopt when absent.
  [[nodiscard]] std::optional<Entry> find(std::string_view key) const;
  /// The entry for `key`; fails "WHERE is missing 'KEY' (HINT)" when absent.
  [[nodiscard]] Entry require(std::string_view key, std::string_view hint) const;
  /// The key path of `key` for messages: "time.duration", "call_types[0].arrivals.rate".
  [[nodiscard]] std::string path(std::string_view key) const;
  /// How messages name this mapping.
  [[nodiscard]] const std::string& where() const { return where_; }
  /// The line of the mapping.
  [[nodiscard]] int line() const { return line_; }

 private:
  const Reporter& reporter_;
  std::vector<Entry> entries_;
  int line_;
  std::string where_;
  std::string prefix_;
};

/// The text of a single-value entry; fails on a list, a mapping or an empty value, citing
/// `example` ("1000/h") as what a valid value looks like.
std::string read_scalar(const Reporter& reporter, const Entry& entry, std::string_view path, std::string_view example);

/// `true` or `false` (YAML's `yes` and `no` too); fails "PATH must be true or false, got 'X'".
bool read_flag(const Reporter& reporter, const Entry& entry, const std::string& path);

/// A non-blank text ("general", "volumes.csv"); `example` shows one. For references to
/// names and for file names; a name that becomes part of the results is read_identifier's.
std::string read_name(const Reporter& reporter, const Entry& entry, std::string_view path, std::string_view example);

/// A name that becomes part of the results (the scenario's, a call type's, an agent
/// group's, an IVR node's), valid by name_problem() (see name_rules.hpp). Fails e.g.
/// "FILE:LINE: call_types[0].name 'a/b' contains '/'; a name is 1 to 64 bytes of UTF-8 text
/// without '/', ',' or control characters and without spaces at either end, and is not
/// '.' or '..' (e.g. general)"; a blank one as read_name.
std::string read_identifier(const Reporter& reporter, const Entry& entry, std::string_view path,
                            std::string_view example, NameKind kind);

/// Which durations are valid, for read_duration.
enum class DurationBound { NOT_NEGATIVE, POSITIVE };

/// Seconds in a duration entry such as "20s" or "1.5h", at most limits::kDurationSeconds
/// (100 years: "PATH must be at most 36525d (100 years), got 1e300h").
double read_duration(const Reporter& reporter, const Entry& entry, std::string_view path, DurationBound bound);

/// Calls per second in a rate entry such as "1000/h"; must be > 0 (the caller checks the
/// upper limit, after any scale: check_rate).
double read_rate(const Reporter& reporter, const Entry& entry, std::string_view path);

/// A finite plain number (no unit), e.g. a coefficient of variation.
double read_number(const Reporter& reporter, const Entry& entry, std::string_view path);

/// A whole number of agents, 1 to limits::kAgentsPerGroup.
int read_count(const Reporter& reporter, const Entry& entry, std::string_view path);

/// A whole number from `minimum` to `maximum`; `expected` shows a valid one ("a count such
/// as 20"). Below the minimum: "must not be negative" (minimum 0) or "must be at least N";
/// above the maximum: "must be at most N".
int read_whole_number(const Reporter& reporter, const Entry& entry, std::string_view path, int minimum, int maximum,
                      std::string_view expected);

/// Numbers from 1e-6 to 1e15 without an exponent ("1000000", "0.25"), others with
/// ("2e+300"), for messages.
std::string number_text(double value);

/// "0.5s", "3.6e+06s": seconds for messages.
std::string seconds_text(double seconds);

/// "1000000/h", "2e+300/h": a rate given in calls per second, for messages.
std::string per_hour_text(double per_second);

/// The valid values of a plain number, for read_number_in: from `low` to `high`, each end
/// included unless open. `high` may be infinity.
struct NumberRange {
  double low;
  bool low_open;
  double high;
  bool high_open;
};
/// [0, 1]: a probability that may be 0.
inline constexpr NumberRange kProbability{0, false, 1, false};

/// A plain number in `range`; outside it fails e.g. "PATH must be between 0 and 1, got 1.5".
double read_number_in(const Reporter& reporter, const Entry& entry, std::string_view path, NumberRange range);

/// As read_number_in(range), then within the limits [`least`, `most`] (see limits.hpp): a
/// value outside `range` gets its usual message ("must not be negative"), one inside it but
/// past a limit "PATH must be at most 100, got 1e9" (or "at least").
double read_number_within(const Reporter& reporter, const Entry& entry, std::string_view path, NumberRange range,
                          double least, double most);

/// How messages name a list item: "NOUN 'NAME'" when the item is a mapping with a usable
/// `name`, else `path` ("call_types[2]").
std::string item_label(const YAML::Node& item, const std::string& noun, const std::string& path);

/// Names already given in a list, with their lines, for check_unique.
using SeenNames = std::vector<std::pair<std::string, int>>;

/// Fails when `name` is in `seen` ("NOUN name 'x' is used twice (first on line N); ..."),
/// else adds it.
void check_unique(const Reporter& reporter, SeenNames& seen, const std::string& name, int line,
                  const std::string& noun);

/// The sequence at `entry`; fails unless it is a non-empty list. `expected` says what the
/// list holds ("a list of call types, each with name, arrivals and service").
YAML::Node read_list(const Reporter& reporter, const Entry& entry, std::string_view path, std::string_view expected);

}  // namespace callsim::scenarios::detail
