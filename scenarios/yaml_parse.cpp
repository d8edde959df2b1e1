#include "scenarios/yaml_parse.hpp"

#include <yaml-cpp/eventhandler.h>

#include <sstream>
#include <utility>
#include <vector>

namespace callsim::scenarios::detail {

namespace {

// Builds nothing: only where each document starts, and where its content starts (the
// position yaml-cpp gives the document's root node); and for the first document, how many
// nodes it has with its aliases expanded (each alias adds its anchor's whole subtree, whose
// size is known when the anchored node ends: an alias can only follow its anchor).
class DocumentStarts : public YAML::EventHandler {
 public:
  explicit DocumentStarts(double limit) : limit_(limit) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    last = mark;
    content = YAML::Mark::null_mark();
  }
  void OnDocumentEnd() override { first_done_ = true; }
  // An empty document's null sits at the next token, often the next "---": not its place.
  void OnNull(const YAML::Mark&, YAML::anchor_t anchor) override {
    node(last);
    leaf(anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    node(mark);
    if (first_done_) return;
    expanded += anchor < sizes_.size() ? sizes_[anchor] : 1;
    if (expanded > limit_ && expanded_past.is_null()) expanded_past = mark;
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string&) override {
    node(mark);
    leaf(anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    node(mark);
    open(anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    node(mark);
    open(anchor);
  }
  void OnMapEnd() override { close(); }

  YAML::Mark last = YAML::Mark::null_mark();
  YAML::Mark content = YAML::Mark::null_mark();
  double expanded = 0;  ///< of the first document
  YAML::Mark expanded_past = YAML::Mark::null_mark();

 private:
  void node(const YAML::Mark& mark) {
    if (content.is_null()) content = mark;
  }
  void record(YAML::anchor_t anchor, double size) {
    if (anchor == YAML::NullAnchor) return;
    if (sizes_.size() <= anchor) sizes_.resize(anchor + 1, 1);
    sizes_[anchor] = size;
  }
  void leaf(YAML::anchor_t anchor) {
    if (first_done_) return;
    expanded += 1;
    record(anchor, 1);
  }
  void open(YAML::anchor_t anchor) {
    if (first_done_) return;
    open_.push_back({anchor, expanded});
    expanded += 1;
  }
  void close() {
    if (first_done_ || open_.empty()) return;
    record(open_.back().first, expanded - open_.back().second);
    open_.pop_back();
  }

  double limit_;
  bool first_done_ = false;
  std::vector<double> sizes_;                            ///< by anchor: its subtree's expanded size
  std::vector<std::pair<YAML::anchor_t, double>> open_;  ///< open collections: anchor, count before it
};

std::string token_at(const std::string& text, int pos) {
  if (pos < 0 || static_cast<std::size_t>(pos) >= text.size()) return "end of the text";
  const char c = text[static_cast<std::size_t>(pos)];
  if (c == ',') return "',' outside brackets (a list is written [a, b], a mapping {a: 1, b: 2})";
  if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) return "character";
  return "'" + std::string(1, c) + "'";
}

}  // namespace

YamlDocuments parse_yaml(const std::string& text, double expanded_limit) {
  YamlDocuments documents;
  {
    std::istringstream input(text);
    YAML::Parser parser(input);
    DocumentStarts starts(expanded_limit);
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
    documents.expanded = starts.expanded;
    documents.expanded_past = starts.expanded_past;
  }
  // Load would build the tree; a tree that expands past the limit is refused unbuilt.
  if (!documents.expanded_past.is_null()) return documents;
  if (documents.count > 0) {
    // Load parses the first document only (one HandleNextDocument): never the looping path.
    std::istringstream input(text);
    documents.first = YAML::Load(input);
  }
  return documents;
}

}  // namespace callsim::scenarios::detail
