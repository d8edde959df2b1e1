#include "scenarios/yaml_parse.hpp"

#include <yaml-cpp/eventhandler.h>

#include <sstream>

namespace callsim::scenarios::detail {

namespace {

// Builds nothing: only where each document starts, and where its content starts (the
// position yaml-cpp gives the document's root node).
class DocumentStarts : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    last = mark;
    content = YAML::Mark::null_mark();
  }
  void OnDocumentEnd() override {}
  // An empty document's null sits at the next token, often the next "---": not its place.
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { node(last); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override {
    node(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    node(mark);
  }
  void OnMapEnd() override {}

  YAML::Mark last = YAML::Mark::null_mark();
  YAML::Mark content = YAML::Mark::null_mark();

 private:
  void node(const YAML::Mark& mark) {
    if (content.is_null()) content = mark;
  }
};

std::string token_at(const std::string& text, int pos) {
  if (pos < 0 || static_cast<std::size_t>(pos) >= text.size()) return "end of the text";
  const char c = text[static_cast<std::size_t>(pos)];
  if (c == ',') return "',' outside brackets (a list is written [a, b], a mapping {a: 1, b: 2})";
  if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) return "character";
  return "'" + std::string(1, c) + "'";
}

}  // namespace

YamlDocuments parse_yaml(const std::string& text) {
  YamlDocuments documents;
  {
    std::istringstream input(text);
    YAML::Parser parser(input);
    DocumentStarts starts;
    int previous = -1;
    // A document that starts where the one before started consumed nothing: the parser is
    // stuck on a token it will never take. Every other document moves on by at least one
    // byte, so there are at most text.size() + 1 rounds; the bound is only a safeguard.
    for (std::size_t round = 0; round <= text.size() + 1; ++round) {
      if (!parser.HandleNextDocument(starts)) break;
      if (documents.count > 0 && starts.last.pos == previous) {
        throw YAML::ParserException(starts.last, "unexpected " + token_at(text, starts.last.pos));
      }
      if (documents.count == 1) documents.second_start = starts.content.is_null() ? starts.last : starts.content;
      previous = starts.last.pos;
      ++documents.count;
    }
  }
  if (documents.count > 0) {
    // Load parses the first document only (one HandleNextDocument): never the looping path.
    std::istringstream input(text);
    documents.first = YAML::Load(input);
  }
  return documents;
}

}  // namespace callsim::scenarios::detail
