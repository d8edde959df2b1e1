#pragma once
/// \file
/// Parses YAML text without yaml-cpp 0.7's `LoadAll`, which loops for ever, allocating about
/// 1 GB/s, on a stray flow indicator such as `,` or `!a,` (its parser hands out empty
/// documents at the same position without consuming the token; fixed upstream after 0.7).
/// Internal to scenarios/.

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>

namespace callsim::scenarios::detail {

/// The documents of a YAML text: the first as a tree, the others only counted.
struct YamlDocuments {
  std::size_t count = 0;    ///< 0 for a text of only comments and blank lines
  YAML::Node first;         ///< the first document (a Null node when count is 0)
  YAML::Mark second_start;  ///< where the second document's content starts, when count > 1
  /// The first document's nodes with every alias counted as all that its anchor holds:
  /// what a reader that walks the tree visits (aliases of aliases multiply). Counted from
  /// the scan's events, without expanding anything.
  double expanded = 0;
  /// The alias at which `expanded` first passed `expanded_limit` (null mark if it did not).
  YAML::Mark expanded_past = YAML::Mark::null_mark();
};

/// Parses `text`. Throws YAML::ParserException (with the position) on a syntax error,
/// including a token no document can start with, which yaml-cpp 0.7 would never consume:
/// "unexpected ','". Scans the text once without building anything (each document must
/// move the parser on, so the scan ends), then builds the first document only.
YamlDocuments parse_yaml(const std::string& text, double expanded_limit = 1e300);

}  // namespace callsim::scenarios::detail
