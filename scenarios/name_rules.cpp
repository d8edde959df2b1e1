#include "scenarios/name_rules.hpp"

#include <cstdint>
#include <cstdio>

#include "scenarios/limits.hpp"

namespace callsim::scenarios::detail {

namespace {

// One UTF-8 sequence at the start of `text`: its code point and length, or length 0 when
// the bytes are not well-formed UTF-8 (overlong forms, surrogates and values past
// U+10FFFF included, as RFC 3629 rules them out).
struct Decoded {
  std::uint32_t code = 0;
  std::size_t length = 0;
};

Decoded decode(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  std::uint32_t code = 0;
  std::uint32_t least = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code = lead & 0x1Fu, least = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code = lead & 0x0Fu, least = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code = lead & 0x07u, least = 0x10000;
  } else {
    return {};
  }
  if (text.size() < length) return {};
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return {};
    code = (code << 6) | (byte(i) & 0x3Fu);
  }
  if (code < least || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return {};
  return {code, length};
}

// Characters that change how a line prints rather than print: C0 and C1 controls, DEL,
// line and paragraph separators, bidirectional embeddings, overrides and isolates, and the
// byte order mark (zero width).
bool is_control(std::uint32_t code) {
  return code < 0x20 || (code >= 0x7F && code <= 0x9F) || code == 0x2028 || code == 0x2029 ||
         (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069) || code == 0xFEFF || code == 0x200E ||
         code == 0x200F;
}

// Spaces a reader cannot see at the end of a name: ASCII space and the Unicode spaces.
bool is_space(std::uint32_t code) {
  return code == 0x20 || code == 0xA0 || code == 0x1680 || (code >= 0x2000 && code <= 0x200A) || code == 0x202F ||
         code == 0x205F || code == 0x3000;
}

std::string hex_escape(unsigned char byte) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\x%02X", byte);
  return buffer;
}

}  // namespace

std::optional<std::string> name_problem(std::string_view name, NameKind kind) {
  if (name.empty()) return "is empty";
  if (name.size() > limits::kNameBytes) {
    return "is longer than " + std::to_string(limits::kNameBytes) + " bytes (" + std::to_string(name.size()) + ")";
  }
  std::uint32_t first = 0, last = 0;
  for (std::size_t at = 0; at < name.size();) {
    const Decoded d = decode(name.substr(at));
    if (d.length == 0) return "is not valid UTF-8 text";
    if (d.code == 0) return "contains a NUL byte";
    if (is_control(d.code)) return "contains a control character";
    if (d.code == '/') return "contains '/'";
    if (d.code == ',') return "contains ','";
    if (at == 0) first = d.code;
    last = d.code;
    at += d.length;
  }
  if (is_space(first) || is_space(last)) return "begins or ends with a space";
  if (name == "." || name == "..") return "is reserved: '.' and '..' name directories";
  // The results file keeps the scenario text and the comparison beside the runs, under
  // these names (store/results_store.hpp: run_name_problem).
  if (kind == NameKind::SCENARIO && (name == "scenario" || name == "comparison")) {
    return "is reserved: the results file has its own '/" + std::string(name) + "'";
  }
  return std::nullopt;
}

std::string name_rule(NameKind kind) {
  return "a name is 1 to " + std::to_string(limits::kNameBytes) +
         " bytes of UTF-8 text without '/', ',' or control characters and without spaces at either end, and is not "
         "'.' or '..'" +
         (kind == NameKind::SCENARIO ? std::string(", 'scenario' or 'comparison'") : std::string());
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const Decoded d = decode(text.substr(at));
    if (d.length == 0) {
      out += hex_escape(static_cast<unsigned char>(text[at]));
      ++at;
      continue;
    }
    if (d.code == '\n') {
      out += "\\n";
    } else if (d.code == '\t') {
      out += "\\t";
    } else if (d.code == '\r') {
      out += "\\r";
    } else if (is_control(d.code)) {
      for (std::size_t i = 0; i < d.length; ++i) out += hex_escape(static_cast<unsigned char>(text[at + i]));
    } else {
      out.append(text.substr(at, d.length));
    }
    at += d.length;
  }
  return out;
}

std::string shown(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return printable(text);
  std::size_t cut = max_bytes;
  // Back to the start of a UTF-8 sequence, so that the cut never splits a character.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return printable(text.substr(0, cut)) + "...";
}

}  // namespace callsim::scenarios::detail
