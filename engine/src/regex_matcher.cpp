#include "regex_matcher.h"

#include "warden/ascii_digits.h"

#include <array>
#include <cstdint>
#include <vector>

namespace warden {
namespace {

constexpr std::uint32_t kNone = 0xFFFFFFFFu;
constexpr unsigned kMaxRepeat = 1000;
constexpr unsigned kMaxDepth = 200;       // recursion frames: WASM stacks are small
constexpr unsigned kMaxSteps = 100000;    // per search; beyond it the rule does not match

enum class Kind : std::uint8_t { literal, any, char_class, line_start, line_end, group };

// A compiled pattern is linked lists of items (a sequence) and of alternatives (a group), so
// nested groups can be parsed in one pass into flat arrays that are reused between searches.
struct Item {
  Kind kind = Kind::literal;
  unsigned char ch = 0;
  std::uint16_t min = 1, max = 1;
  std::uint32_t index = kNone;  // char_class: bitmap; group: first alternative
  std::uint32_t next = kNone;   // next item of the same sequence
};

struct Alternative {
  std::uint32_t head = kNone;  // first item of the sequence, kNone when empty
  std::uint32_t next = kNone;
};

using Bitmap = std::array<std::uint64_t, 4>;

struct Program {
  std::vector<Item> items;
  std::vector<Alternative> alternatives;
  std::vector<Bitmap> classes;
  std::uint32_t root = kNone;  // first alternative of the whole pattern
};

void set_bit(Bitmap& b, unsigned char c) { b[c >> 6] |= 1ull << (c & 63); }
bool has_bit(const Bitmap& b, unsigned char c) { return (b[c >> 6] >> (c & 63)) & 1; }

bool is_word(unsigned char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool is_alnum(unsigned char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

void add_predicate(Bitmap& b, bool (*pred)(unsigned char), bool negate) {
  for (unsigned c = 0; c < 256; ++c)
    if (pred(static_cast<unsigned char>(c)) != negate) set_bit(b, static_cast<unsigned char>(c));
}

class Parser {
 public:
  Parser(std::string_view src, bool icase, Program& prog) : src_(src), icase_(icase), prog_(prog) {}

  bool parse() {
    prog_.items.clear();
    prog_.alternatives.clear();
    prog_.classes.clear();
    prog_.root = parse_alternatives(0);
    return ok_ && pos_ == src_.size();
  }

 private:
  bool at_end() const { return pos_ >= src_.size(); }
  unsigned char peek() const { return static_cast<unsigned char>(src_[pos_]); }

  std::uint32_t parse_alternatives(unsigned depth) {
    if (depth > 32) return fail();
    std::uint32_t first = kNone, last = kNone;
    while (ok_) {
      std::uint32_t head = parse_sequence(depth);  // may add nested alternatives first
      auto alt = static_cast<std::uint32_t>(prog_.alternatives.size());
      prog_.alternatives.push_back({head, kNone});
      if (last == kNone) first = alt; else prog_.alternatives[last].next = alt;
      last = alt;
      if (at_end() || peek() != '|') break;
      ++pos_;
    }
    return first;
  }

  std::uint32_t parse_sequence(unsigned depth) {
    std::uint32_t head = kNone, tail = kNone;
    while (ok_ && !at_end() && peek() != '|' && peek() != ')') {
      Item item;
      if (!parse_atom(item, depth)) return fail();
      if (!parse_quantifier(item)) return fail();
      auto index = static_cast<std::uint32_t>(prog_.items.size());
      prog_.items.push_back(item);
      if (tail == kNone) head = index; else prog_.items[tail].next = index;
      tail = index;
    }
    return head;
  }

  bool parse_atom(Item& item, unsigned depth) {
    unsigned char c = peek();
    ++pos_;
    switch (c) {
      case '.': item.kind = Kind::any; return true;
      case '^': item.kind = Kind::line_start; return true;
      case '$': item.kind = Kind::line_end; return true;
      case '[': return parse_class(item);
      case '\\': return parse_escape(item);
      case '(': {
        if (!at_end() && peek() == '?') {
          if (pos_ + 1 >= src_.size() || src_[pos_ + 1] != ':') return false;  // lookaround, named group
          pos_ += 2;
        }
        item.kind = Kind::group;
        item.index = parse_alternatives(depth + 1);
        if (!ok_ || at_end() || peek() != ')') return false;
        ++pos_;
        return true;
      }
      case '*': case '+': case '?': case '{': case ')': case ']': case '}':
        return c == ']' || c == '}' ? literal(item, c) : false;
      default: return literal(item, c);
    }
  }

  bool literal(Item& item, unsigned char c) {
    if (icase_ && c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
    item.kind = Kind::literal;
    item.ch = c;
    return true;
  }

  // \d \w \s and their negations become a class; escaped punctuation is a literal.
  bool class_escape(unsigned char e, Bitmap& b) {
    switch (e) {
      case 'd': add_predicate(b, [](unsigned char c) { return is_digit(c); }, false); return true;
      case 'D': add_predicate(b, [](unsigned char c) { return is_digit(c); }, true); return true;
      case 'w': add_predicate(b, is_word, false); return true;
      case 'W': add_predicate(b, is_word, true); return true;
      case 's': add_predicate(b, is_space, false); return true;
      case 'S': add_predicate(b, is_space, true); return true;
      default: return false;
    }
  }

  bool escaped_literal(unsigned char e, unsigned char& out) {
    if (e == 'n') { out = '\n'; return true; }
    if (e == 't') { out = '\t'; return true; }
    if (is_alnum(e)) return false;  // \b, \1, \u..., \x..: not in the subset
    out = e;
    return true;
  }

  bool parse_escape(Item& item) {
    if (at_end()) return false;
    unsigned char e = peek();
    ++pos_;
    Bitmap b{};
    if (class_escape(e, b)) return add_class(item, b);
    unsigned char lit = 0;
    return escaped_literal(e, lit) && literal(item, lit);
  }

  bool parse_class(Item& item) {
    Bitmap b{};
    bool negate = !at_end() && peek() == '^';
    if (negate) ++pos_;
    bool first = true;
    while (!at_end() && (peek() != ']' || first)) {
      first = false;
      unsigned char lo = peek();
      ++pos_;
      if (lo == '\\') {
        if (at_end()) return false;
        unsigned char e = peek();
        ++pos_;
        if (class_escape(e, b)) continue;
        if (!escaped_literal(e, lo)) return false;
      }
      unsigned char hi = lo;
      if (pos_ + 1 < src_.size() && peek() == '-' && src_[pos_ + 1] != ']') {
        hi = static_cast<unsigned char>(src_[pos_ + 1]);
        pos_ += 2;
        if (hi == '\\') {
          if (at_end() || !escaped_literal(peek(), hi)) return false;
          ++pos_;
        }
        if (hi < lo) return false;
      }
      for (unsigned c = lo; c <= hi; ++c) set_bit(b, static_cast<unsigned char>(c));
    }
    if (at_end()) return false;
    ++pos_;  // ']'
    if (negate)
      for (auto& word : b) word = ~word;
    return add_class(item, b);
  }

  bool add_class(Item& item, Bitmap b) {
    if (icase_)  // the text is lower-case: a class naming 'A' must accept 'a'
      for (unsigned c = 'A'; c <= 'Z'; ++c)
        if (has_bit(b, static_cast<unsigned char>(c))) set_bit(b, static_cast<unsigned char>(c + 32));
    item.kind = Kind::char_class;
    item.index = static_cast<std::uint32_t>(prog_.classes.size());
    prog_.classes.push_back(b);
    return true;
  }

  bool read_number(unsigned& out) {
    if (at_end() || !is_digit(peek())) return false;
    out = 0;
    while (!at_end() && is_digit(peek())) {
      out = out * 10 + (peek() - '0');
      if (out > kMaxRepeat) return false;
      ++pos_;
    }
    return true;
  }

  bool parse_quantifier(Item& item) {
    if (at_end()) return true;
    unsigned min = 1, max = 1;
    switch (peek()) {
      case '*': min = 0; max = kMaxRepeat; ++pos_; break;
      case '+': min = 1; max = kMaxRepeat; ++pos_; break;
      case '?': min = 0; max = 1; ++pos_; break;
      case '{': {
        ++pos_;
        if (!read_number(min)) return false;
        max = min;
        if (!at_end() && peek() == ',') {
          ++pos_;
          max = kMaxRepeat;
          if (!at_end() && peek() != '}' && !read_number(max)) return false;
        }
        if (at_end() || peek() != '}' || max < min) return false;
        ++pos_;
        break;
      }
      default: return true;
    }
    if (item.kind == Kind::line_start || item.kind == Kind::line_end) return false;
    if (!at_end() && peek() == '?') ++pos_;  // lazy: same answer for a search
    if (!at_end() && (peek() == '*' || peek() == '+' || peek() == '{')) return false;
    item.min = static_cast<std::uint16_t>(min);
    item.max = static_cast<std::uint16_t>(max);
    return true;
  }

  std::uint32_t fail() {
    ok_ = false;
    return kNone;
  }

  std::string_view src_;
  bool icase_;
  Program& prog_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

// Where a match can start. A search tries every position of the URL, and the lists' regexes begin
// with `^` or with a literal ("(https?:\/\/)...", "\/[0-9a-f]{32}\/..."): trying only the
// positions that can begin a match makes a search over a long URL a scan for one byte.
struct Starts {
  bool anchored = false;  // every alternative begins with `^`: position 0 only
  bool known = false;     // `bytes` holds every byte a match can begin with (no match is empty)
  Bitmap bytes{};
};

bool add_first_bytes_of_alternatives(const Program& prog, std::uint32_t alt, unsigned depth, Bitmap& out);

// Adds the bytes a match of the sequence from `item` can begin with; false when that is not known
// (the sequence may match the empty string, or begins with an anchor, or nests too deep).
bool add_first_bytes(const Program& prog, std::uint32_t item, unsigned depth, Bitmap& out) {
  for (; item != kNone; item = prog.items[item].next) {
    if (item >= prog.items.size() || depth > kMaxDepth) return false;
    const Item& it = prog.items[item];
    switch (it.kind) {
      case Kind::literal: set_bit(out, it.ch); break;
      case Kind::char_class:
        if (it.index >= prog.classes.size()) return false;
        for (std::size_t w = 0; w < out.size(); ++w) out[w] |= prog.classes[it.index][w];
        break;
      case Kind::group:
        if (!add_first_bytes_of_alternatives(prog, it.index, depth + 1, out)) return false;
        break;
      case Kind::any: case Kind::line_start: case Kind::line_end: return false;
    }
    if (it.min > 0) return true;  // an optional item: what follows it may begin the match too
  }
  return false;  // the whole sequence may be skipped: a match may be empty
}

bool add_first_bytes_of_alternatives(const Program& prog, std::uint32_t alt, unsigned depth, Bitmap& out) {
  if (alt == kNone) return false;
  for (std::size_t guard = 0; alt != kNone; alt = prog.alternatives[alt].next, ++guard)
    if (alt >= prog.alternatives.size() || guard >= prog.alternatives.size() ||
        !add_first_bytes(prog, prog.alternatives[alt].head, depth, out))
      return false;
  return true;
}

Starts starts_of(const Program& prog) {
  Starts s;
  s.anchored = prog.root != kNone;
  for (std::uint32_t alt = prog.root, guard = 0; alt != kNone && s.anchored; alt = prog.alternatives[alt].next, ++guard) {
    if (alt >= prog.alternatives.size() || guard >= prog.alternatives.size()) return {};
    const std::uint32_t head = prog.alternatives[alt].head;
    s.anchored = head < prog.items.size() && prog.items[head].kind == Kind::line_start;
  }
  if (!s.anchored) s.known = add_first_bytes_of_alternatives(prog, prog.root, 0, s.bytes);
  return s;
}

// What to do after the current sequence: continue another sequence, or repeat a group.
struct Continuation {
  const Item* repeat = nullptr;  // group being repeated, else continue `item`
  std::uint32_t item = kNone;
  unsigned count = 0;            // iterations of `repeat` done
  std::size_t start = 0;         // where this iteration of `repeat` started
  const Continuation* next = nullptr;
};

class Matcher {
 public:
  Matcher(const Program& prog, std::string_view text) : prog_(prog), text_(text) {}

  bool search() {
    const Starts starts = starts_of(prog_);
    const std::size_t last = starts.anchored ? 0 : text_.size();
    for (std::size_t start = 0; start <= last; ++start) {
      if (starts.known && (start == text_.size() || !has_bit(starts.bytes, static_cast<unsigned char>(text_[start]))))
        continue;
      if (match_alternatives(prog_.root, start, nullptr, 0)) return true;
      if (steps_ > kMaxSteps) return false;
    }
    return false;
  }

 private:
  bool single(const Item& item, std::size_t pos) const {
    if (pos >= text_.size()) return false;
    auto c = static_cast<unsigned char>(text_[pos]);
    switch (item.kind) {
      case Kind::literal: return c == item.ch;
      case Kind::any: return c != '\n' && c != '\r';
      case Kind::char_class: return item.index < prog_.classes.size() && has_bit(prog_.classes[item.index], c);
      default: return false;
    }
  }

  bool match_alternatives(std::uint32_t alt, std::size_t pos, const Continuation* k, unsigned depth) {
    for (std::size_t guard = 0; alt != kNone && alt < prog_.alternatives.size() && guard < prog_.alternatives.size(); ++guard) {
      if (match_sequence(prog_.alternatives[alt].head, pos, k, depth + 1)) return true;
      alt = prog_.alternatives[alt].next;
    }
    return false;
  }

  bool resume(const Continuation* k, std::size_t pos, unsigned depth) {
    if (k == nullptr) return true;
    if (k->repeat == nullptr) return match_sequence(k->item, pos, k->next, depth + 1);
    if (pos == k->start) return k->count >= k->repeat->min && resume(k->next, pos, depth + 1);  // empty iteration
    return match_group(*k->repeat, k->count, pos, k->next, depth + 1);
  }

  bool match_group(const Item& group, unsigned count, std::size_t pos, const Continuation* after, unsigned depth) {
    if (count < group.max) {
      Continuation again{&group, kNone, count + 1, pos, after};
      if (match_alternatives(group.index, pos, &again, depth)) return true;
    }
    return count >= group.min && resume(after, pos, depth + 1);
  }

  bool match_sequence(std::uint32_t index, std::size_t pos, const Continuation* k, unsigned depth) {
    if (++steps_ > kMaxSteps || depth > kMaxDepth) return false;
    if (index == kNone) return resume(k, pos, depth);
    if (index >= prog_.items.size()) return false;
    const Item& item = prog_.items[index];
    switch (item.kind) {
      case Kind::line_start: return pos == 0 && match_sequence(item.next, pos, k, depth + 1);
      case Kind::line_end: return pos == text_.size() && match_sequence(item.next, pos, k, depth + 1);
      case Kind::group: {
        Continuation after{nullptr, item.next, 0, 0, k};
        return match_group(item, 0, pos, &after, depth + 1);
      }
      default: break;
    }
    std::size_t n = 0;
    while (n < item.max && single(item, pos + n)) ++n;
    if (n < item.min) return false;
    for (std::size_t taken = n + 1; taken-- > item.min;)
      if (match_sequence(item.next, pos + taken, k, depth + 1)) return true;
    return false;
  }

  const Program& prog_;
  std::string_view text_;
  unsigned steps_ = 0;
};

Program& scratch_program() {
  thread_local Program program;
  return program;
}

}  // namespace

bool regex_supported(std::string_view source) {
  Program prog;
  return Parser(source, false, prog).parse();
}

std::vector<std::string> regex_tokens(std::string_view source) {
  std::vector<std::string> out;
  Program prog;
  if (!Parser(source, true, prog).parse() || prog.root == kNone || prog.alternatives[prog.root].next != kNone)
    return out;
  auto token_char = [](unsigned char c) { return is_alnum(c) || c == '%'; };
  // Walks the top-level sequence; `current` is the token being read, `bounded` whether what
  // precedes it is certainly a token boundary.
  std::string current;
  bool bounded = false;
  for (std::uint32_t i = prog.alternatives[prog.root].head; i != kNone && i < prog.items.size(); i = prog.items[i].next) {
    const Item& item = prog.items[i];
    bool single_literal = item.kind == Kind::literal && item.min == 1 && item.max == 1;
    if (single_literal && token_char(item.ch)) {
      current.push_back(static_cast<char>(item.ch));
      continue;
    }
    bool boundary = (single_literal && !token_char(item.ch)) || item.kind == Kind::line_start || item.kind == Kind::line_end;
    if (!current.empty() && bounded && boundary) out.push_back(current);
    current.clear();
    bounded = boundary;
  }
  return out;
}

bool regex_search(std::string_view source, std::string_view text, bool ignore_case) {
  Program& prog = scratch_program();
  if (!Parser(source, ignore_case, prog).parse()) return false;
  return Matcher(prog, text).search();
}

}  // namespace warden
