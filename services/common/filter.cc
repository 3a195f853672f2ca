#include "services/common/filter.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/errors.h"

namespace corematch {

struct Filter::Node {
  enum class Kind { kAnd, kOr, kNot, kEquals, kNotEquals, kHas, kAll };
  Kind kind = Kind::kAll;
  std::vector<std::shared_ptr<const Node>> children;
  std::string field;
  std::string value;
};

namespace {

using Node = Filter::Node;
using NodePtr = std::shared_ptr<const Node>;

struct Token {
  enum class Kind { kWord, kString, kEquals, kNotEquals, kHas, kOpen, kClose, kEnd };
  Kind kind;
  std::string text;
};

absl::Status FilterError(absl::string_view why) {
  FieldViolations violations;
  violations.Add("filter", absl::StrCat(why,
                                        "; expected restrictions like `field = value` joined by "
                                        "AND, OR, NOT and parentheses"));
  return violations.ToStatus("INVALID_FILTER");
}

absl::StatusOr<std::vector<Token>> Tokenize(absl::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '(' || c == ')') {
      tokens.push_back({c == '(' ? Token::Kind::kOpen : Token::Kind::kClose, {}});
      ++i;
    } else if (c == '=') {
      tokens.push_back({Token::Kind::kEquals, {}});
      ++i;
    } else if (c == ':') {
      tokens.push_back({Token::Kind::kHas, {}});
      ++i;
    } else if (c == '!' && i + 1 < text.size() && text[i + 1] == '=') {
      tokens.push_back({Token::Kind::kNotEquals, {}});
      i += 2;
    } else if (c == '"') {
      std::string value;
      ++i;
      while (i < text.size() && text[i] != '"') {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        value.push_back(text[i++]);
      }
      if (i >= text.size()) return FilterError("unterminated string");
      ++i;
      tokens.push_back({Token::Kind::kString, std::move(value)});
    } else {
      size_t start = i;
      while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) &&
             text[i] != '(' && text[i] != ')' && text[i] != '=' && text[i] != ':' &&
             text[i] != '!' && text[i] != '"') {
        ++i;
      }
      if (i == start)
        return FilterError(absl::StrCat("unexpected character '", text.substr(i, 1), "'"));
      tokens.push_back({Token::Kind::kWord, std::string(text.substr(start, i - start))});
    }
  }
  tokens.push_back({Token::Kind::kEnd, {}});
  return tokens;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, const std::vector<std::string>& allowed)
      : tokens_(std::move(tokens)), allowed_(allowed) {}

  absl::StatusOr<NodePtr> ParseAll() {
    absl::StatusOr<NodePtr> root = ParseAnd();
    if (!root.ok()) return root;
    if (Peek().kind != Token::Kind::kEnd) return FilterError("unexpected text after the end");
    return root;
  }

 private:
  const Token& Peek() const { return tokens_[pos_]; }
  bool PeekWord(absl::string_view word) const {
    return Peek().kind == Token::Kind::kWord && Peek().text == word;
  }

  absl::StatusOr<NodePtr> ParseAnd() {
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::kAnd;
    while (true) {
      absl::StatusOr<NodePtr> child = ParseOr();
      if (!child.ok()) return child;
      node->children.push_back(*std::move(child));
      if (PeekWord("AND")) {
        ++pos_;
      } else if (Peek().kind == Token::Kind::kEnd || Peek().kind == Token::Kind::kClose) {
        break;
      }
      // Juxtaposition is an implicit AND in AIP-160.
    }
    return NodePtr(std::move(node));
  }

  absl::StatusOr<NodePtr> ParseOr() {
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::kOr;
    while (true) {
      absl::StatusOr<NodePtr> child = ParseUnary();
      if (!child.ok()) return child;
      node->children.push_back(*std::move(child));
      if (!PeekWord("OR")) break;
      ++pos_;
    }
    return NodePtr(std::move(node));
  }

  absl::StatusOr<NodePtr> ParseUnary() {
    if (PeekWord("NOT") || (Peek().kind == Token::Kind::kWord && Peek().text == "-")) {
      ++pos_;
      absl::StatusOr<NodePtr> child = ParseUnary();
      if (!child.ok()) return child;
      auto node = std::make_shared<Node>();
      node->kind = Node::Kind::kNot;
      node->children.push_back(*std::move(child));
      return NodePtr(std::move(node));
    }
    if (Peek().kind == Token::Kind::kOpen) {
      ++pos_;
      absl::StatusOr<NodePtr> inner = ParseAnd();
      if (!inner.ok()) return inner;
      if (Peek().kind != Token::Kind::kClose) return FilterError("missing ')'");
      ++pos_;
      return inner;
    }
    return ParseRestriction();
  }

  absl::StatusOr<NodePtr> ParseRestriction() {
    if (Peek().kind != Token::Kind::kWord) return FilterError("expected a field name");
    std::string field = tokens_[pos_++].text;
    if (std::find(allowed_.begin(), allowed_.end(), field) == allowed_.end()) {
      return FilterError(absl::StrCat("unknown field '", field,
                                      "'; supported fields: ", absl::StrJoin(allowed_, ", ")));
    }
    auto node = std::make_shared<Node>();
    switch (Peek().kind) {
      case Token::Kind::kEquals:
        node->kind = Node::Kind::kEquals;
        break;
      case Token::Kind::kNotEquals:
        node->kind = Node::Kind::kNotEquals;
        break;
      case Token::Kind::kHas:
        node->kind = Node::Kind::kHas;
        break;
      default:
        return FilterError(absl::StrCat("expected =, != or : after '", field, "'"));
    }
    ++pos_;
    if (Peek().kind != Token::Kind::kWord && Peek().kind != Token::Kind::kString) {
      return FilterError(absl::StrCat("expected a value for '", field, "'"));
    }
    node->field = std::move(field);
    node->value = absl::AsciiStrToLower(tokens_[pos_++].text);
    return NodePtr(std::move(node));
  }

  std::vector<Token> tokens_;
  const std::vector<std::string>& allowed_;
  size_t pos_ = 0;
};

bool AnyEquals(const std::vector<std::string>& values, absl::string_view wanted) {
  return std::any_of(values.begin(), values.end(),
                     [&](const std::string& v) { return absl::EqualsIgnoreCase(v, wanted); });
}

bool Evaluate(const Node& node, const FieldValues& values) {
  switch (node.kind) {
    case Node::Kind::kAll:
      return true;
    case Node::Kind::kAnd:
      return std::all_of(node.children.begin(), node.children.end(),
                         [&](const NodePtr& c) { return Evaluate(*c, values); });
    case Node::Kind::kOr:
      return std::any_of(node.children.begin(), node.children.end(),
                         [&](const NodePtr& c) { return Evaluate(*c, values); });
    case Node::Kind::kNot:
      return !Evaluate(*node.children[0], values);
    case Node::Kind::kEquals:
    case Node::Kind::kHas:
      return AnyEquals(values(node.field), node.value);
    case Node::Kind::kNotEquals:
      return !AnyEquals(values(node.field), node.value);
  }
  return false;
}

}  // namespace

absl::StatusOr<Filter> Filter::Parse(absl::string_view text,
                                     const std::vector<std::string>& allowed_fields) {
  if (absl::StripAsciiWhitespace(text).empty()) return Filter(std::make_shared<Node>());
  absl::StatusOr<std::vector<Token>> tokens = Tokenize(text);
  if (!tokens.ok()) return tokens.status();
  Parser parser(*std::move(tokens), allowed_fields);
  absl::StatusOr<NodePtr> root = parser.ParseAll();
  if (!root.ok()) return root.status();
  return Filter(*std::move(root));
}

bool Filter::Matches(const FieldValues& values) const { return Evaluate(*root_, values); }

}  // namespace corematch
