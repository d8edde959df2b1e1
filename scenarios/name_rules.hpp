#pragma once
/// \file
/// What a name in a scenario may be, when it becomes part of the results: the scenario's
/// name (the run's HDF5 group, and `<name>.h5` by default), call type and agent group names
/// (HDF5 attributes, CSV columns, report labels) and IVR node names. And how user text is
/// shown in messages: printable, one line. Internal to scenarios/.

#include <optional>
#include <string>
#include <string_view>

namespace callsim::scenarios::detail {

/// Which rules apply: every name follows the common ones; a scenario's name must also not
/// be one of the results file's own root entries.
enum class NameKind { SCENARIO, PART };

/// What is wrong with `name` ("contains '/'", "is longer than 64 bytes (70)"), or nullopt
/// when it is valid: 1 to 64 bytes of UTF-8 without control characters (C0, DEL, C1, line
/// and paragraph separators, bidirectional controls, byte order marks), '/' or ',', no
/// space at either end, not '.' or '..'; for a scenario not 'scenario' or 'comparison'.
std::optional<std::string> name_problem(std::string_view name, NameKind kind);

/// The rule name_problem checks, as one clause for messages ("a name is ...").
std::string name_rule(NameKind kind);

/// `text` safe to print on one line: control characters and bytes that are not UTF-8 become
/// \xNN (\n, \t and \r as such), the rest is kept as is.
std::string printable(std::string_view text);

/// printable(text), cut to about `max_bytes` with "..." after it (at a character boundary).
std::string shown(std::string_view text, std::size_t max_bytes = 40);

}  // namespace callsim::scenarios::detail
