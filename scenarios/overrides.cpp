#include "scenarios/overrides.hpp"

#include "scenarios/limits.hpp"
#include "scenarios/yaml_parse.hpp"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <optional>

namespace callsim::scenarios::detail {

namespace {

constexpr std::string_view kForm =
    "expected PATH=VALUE: dot-separated keys, '=' and a YAML value (e.g. --set call_types.retail.service.mean=200s)";

// One override as typed, split into its keys and its value text.
struct Override {
  std::string text;
  std::vector<std::string> keys;
  std::string value;
  int first_line = 0;  // the lines its nodes carry, see place()
  int last_line = 0;
};

// A node the path has reached, with how messages name it ("" is the whole scenario).
struct Target {
  YAML::Node node;
  std::string path;
  std::string list_key;  // for a list: the key it was reached by ("call_types"), for its noun
};

[[noreturn]] void fail(const Override& given, const std::string& message) {
  throw ScenarioError("--set " + given.text + ": " + message);
}

std::string trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  return std::string(text.substr(begin, text.find_last_not_of(" \t") - begin + 1));
}

Override split(const std::string& text) {
  Override given{text, {}, {}, 0, 0};
  const auto equals = text.find('=');
  if (equals == std::string::npos) fail(given, "no '=' in it; " + std::string(kForm));
  const std::string path = trim(std::string_view(text).substr(0, equals));
  if (path.empty()) fail(given, "the path before '=' is empty; " + std::string(kForm));
  std::size_t from = 0;
  while (true) {
    const auto dot = path.find('.', from);
    std::string key = trim(std::string_view(path).substr(from, dot == std::string::npos ? dot : dot - from));
    if (key.empty()) fail(given, "the path '" + path + "' has an empty key; separate keys with single dots");
    given.keys.push_back(std::move(key));
    if (dot == std::string::npos) break;
    from = dot + 1;
  }
  given.value = trim(std::string_view(text).substr(equals + 1));
  return given;
}

// `yaml` parsed so that its nodes sit on the override's own lines: yaml-cpp cannot give a
// node a position by any other means than parsing it at one. Parsed afresh for each place
// it goes to, so that a later override of one place leaves the others alone.
YAML::Node place(const Override& given, const std::string& yaml) {
  const std::string padding(static_cast<std::size_t>(given.first_line - 1), '\n');
  YamlDocuments documents;
  try {
    documents = parse_yaml(padding + yaml, limits::kExpandedValues);
  } catch (const YAML::Exception& error) {
    fail(given, "the value '" + given.value + "' is not valid YAML (" + error.msg +
                    "); check its brackets and quotes, and quote the whole --set argument for the shell");
  }
  if (!documents.expanded_past.is_null()) {
    fail(given, "with its YAML aliases (*name) expanded, the value holds more than " +
                    number_text(limits::kExpandedValues) + " values (each alias counts as all that its anchor holds)");
  }
  if (documents.count > 1) fail(given, "the value holds several YAML documents (separated by ---); give one value");
  // An empty value is YAML's null; it needs a position too, for "... is empty" messages.
  if (documents.count == 0) return parse_yaml(padding + "~").first;
  return documents.first;
}

// A key as a YAML node on the override's lines; quoted so that "yes" or "12" stay text.
YAML::Node key_node(const Override& given, const std::string& key) {
  std::string quoted = "'";
  for (const char c : key) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return place(given, quoted + "'");
}

std::string shown(const std::string& path) { return path.empty() ? "the scenario" : path; }

std::string child(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

std::vector<std::string> keys_of(const YAML::Node& map) {
  std::vector<std::string> keys;
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it->first.IsScalar()) keys.push_back(it->first.Scalar());
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

// The entry of `key` in `map` (by its text), or none.
std::optional<YAML::const_iterator> find_key(const YAML::Node& map, const std::string& key) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) return it;
  }
  return std::nullopt;
}

std::optional<std::size_t> as_index(const std::string& key) {
  std::size_t index = 0;
  const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), index);
  if (error != std::errc{} || end != key.data() + key.size()) return std::nullopt;
  return index;
}

std::string name_of(const YAML::Node& item) {
  if (!item.IsMap()) return {};
  const auto name = find_child(item, "name");
  return name && name->IsScalar() ? name->Scalar() : std::string();
}

// The 0-based indices `key` selects in the list `list`: by index, by name, or all (`*`).
std::vector<std::size_t> select(const Override& given, const Target& list, const std::string& key) {
  const std::size_t size = list.node.size();
  std::vector<std::size_t> indices;
  if (key == "*") {
    for (std::size_t i = 0; i < size; ++i) indices.push_back(i);
    if (indices.empty()) fail(given, shown(list.path) + " is an empty list; '*' selects no item");
    return indices;
  }
  if (const auto index = as_index(key)) {
    if (*index >= size) {
      fail(given, shown(list.path) + " has " + std::to_string(size) + (size == 1 ? " item" : " items") +
                      (size == 0 ? "" : " (0 to " + std::to_string(size - 1) + ")") + ", so there is no item " + key);
    }
    return {*index};
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < size; ++i) {
    const std::string name = name_of(list.node[i]);
    if (name == key) return {i};
    if (!name.empty()) names.push_back(name);
  }
  // The lists planners name items in get their own nouns, as in the loader's messages.
  const auto& of = list.list_key;
  const std::string noun = of == "call_types"     ? "call type"
                           : of == "agent_groups" ? "agent group"
                           : of == "nodes"        ? "IVR node"
                                                  : "";
  if (!noun.empty()) fail(given, "no " + noun + " named '" + key + "' (" + noun + "s: " + join(names) + ")");
  if (names.empty()) {
    fail(given, shown(list.path) + " has no item named '" + key +
                    "': its items have no names; select one by its "
                    "index, from 0");
  }
  fail(given, shown(list.path) + " has no item named '" + key + "' (names: " + join(names) + ")");
}

// "{b: {c: VALUE}}" for the keys after `at`: how to give a missing mapping whole.
std::string nested_value(const Override& given, std::size_t at) {
  std::string value = given.value;
  for (std::size_t i = given.keys.size(); i-- > at + 1;) value = "{" + given.keys[i] + ": " + value + "}";
  return value;
}

// The nodes key `at` of the path reaches from `target`, for the keys after it.
std::vector<Target> step(const Override& given, const Target& target, std::size_t at) {
  const std::string& key = given.keys[at];
  if (target.node.IsSequence()) {
    std::vector<Target> items;
    for (const std::size_t i : select(given, target, key)) {
      const std::string name = name_of(target.node[i]);
      items.push_back({target.node[i], child(target.path, name.empty() ? std::to_string(i) : name), key});
    }
    return items;
  }
  if (!target.node.IsMap()) {
    fail(given,
         shown(target.path) + " is " + describe(target.node) + ", not a mapping or a list, so it has no '" + key + "'");
  }
  const std::vector<std::string> keys = keys_of(target.node);
  if (key == "*") {
    fail(given, "'*' selects every item of a list, but " + shown(target.path) +
                    " is a mapping; name one of its keys: " + join(keys));
  }
  const auto found = find_key(target.node, key);
  if (!found) {
    const std::string hint = suggestion(key, keys);
    if (!hint.empty()) {
      fail(given, shown(target.path) + " has no key '" + key + "'" + hint + "; its keys are: " + join(keys));
    }
    fail(given, shown(target.path) + " has no key '" + key + "' to set '" + given.keys[at + 1] +
                    "' in; its keys are: " + join(keys) + " (to add '" + key + "', set it whole, e.g. --set " +
                    child(target.path, key) + "=" + nested_value(given, at) + ")");
  }
  return {{(*found)->second, child(target.path, key), key}};
}

// Sets the last key of the path in `target` to the override's value.
void set(const Override& given, Target& target) {
  const std::string& key = given.keys.back();
  if (target.node.IsSequence()) {
    for (const std::size_t i : select(given, target, key)) {
      YAML::Node item = target.node[i];
      item = place(given, given.value);  // assigning through a tree node replaces it in the tree
    }
    return;
  }
  if (!target.node.IsMap()) {
    fail(given,
         shown(target.path) + " is " + describe(target.node) + ", not a mapping or a list, so it has no '" + key + "'");
  }
  if (key == "*") {
    fail(given, "'*' selects every item of a list, but " + shown(target.path) +
                    " is a mapping; name one of its keys: " + join(keys_of(target.node)));
  }
  for (auto it = target.node.begin(); it != target.node.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) {
      it->second = place(given, given.value);  // in place: the order of keys can matter (IVR branches)
      return;
    }
  }
  // A new key: whether it is valid is for the validation to say, in its usual words.
  target.node.force_insert(key_node(given, key), place(given, given.value));
}

}  // namespace

int line_count(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1; }

std::vector<OverrideLines> apply_overrides(YAML::Node& root, const std::vector<std::string>& overrides,
                                           int file_lines) {
  if (overrides.size() > limits::kOverrides) {
    throw ScenarioError("--set is given " + std::to_string(overrides.size()) + " times; at most " +
                        std::to_string(limits::kOverrides) + " overrides are allowed in one run");
  }
  std::vector<OverrideLines> lines;
  int next = file_lines + 1;
  for (const std::string& text : overrides) {
    Override given = split(text);
    given.first_line = next;
    given.last_line = next + line_count(given.value) - 1;
    next = given.last_line + 1;
    std::vector<Target> targets{{root, "", ""}};
    for (std::size_t at = 0; at + 1 < given.keys.size(); ++at) {
      std::vector<Target> reached;
      for (const Target& target : targets) {
        for (Target& next_target : step(given, target, at)) reached.push_back(std::move(next_target));
      }
      targets = std::move(reached);
    }
    for (Target& target : targets) set(given, target);
    lines.push_back({given.first_line, given.last_line, given.text});
  }
  return lines;
}

ScenarioError blame_override(const ScenarioError& error, const std::vector<std::string>& overrides,
                             const std::function<void(const std::vector<std::string>&)>& loads) {
  const std::string message = error.what();
  if (overrides.empty() || message.find("--set ") != std::string::npos) return error;
  // The load with the first k overrides: nothing when it loads, else its error.
  const auto attempt = [&](std::size_t k) -> std::optional<ScenarioError> {
    try {
      loads(std::vector<std::string>(overrides.begin(), overrides.begin() + static_cast<std::ptrdiff_t>(k)));
      return std::nullopt;
    } catch (const ScenarioError& failed) {
      return failed;
    }
  };
  if (attempt(0)) return error;  // the file itself is wrong, whatever the overrides
  // With none the scenario loads, with all it fails (`error`): halving finds k where the
  // first k - 1 load and the first k fail, in log2(n) loads rather than up to n (1,000
  // overrides of a large scenario took minutes). Where overrides interact (a later one
  // undoes what an earlier one broke) this is such a k, not always the first.
  std::size_t good = 0, bad = overrides.size();
  std::optional<ScenarioError> failed = error;
  while (bad - good > 1) {
    const std::size_t middle = good + (bad - good) / 2;
    if (auto at = attempt(middle)) {
      bad = middle;
      failed = std::move(at);
    } else {
      good = middle;
    }
  }
  const std::string found = failed->what();
  if (found.find("--set ") != std::string::npos) return *failed;
  return ScenarioError("--set " + overrides[bad - 1] + ": " + found);
}

}  // namespace callsim::scenarios::detail
