#include "url_pattern.h"

#include <cstring>

#include "warden/filter_list.h"

namespace warden {
namespace {

// `^`: anything but a letter, digit or one of "_-.%"; also matches the end of the URL.
bool is_separator(char c) {
  return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.' || c == '%');
}

// Matches the segment that starts `seg` (up to its first '*', or all of it) at `pos`; returns the
// end position in `text` or npos, and sets `seg_end` to where the segment ends in `seg`. Stopping
// at the '*' itself saves a search for it first: most calls fail within a few bytes.
std::size_t match_segment(std::string_view seg, std::string_view text, std::size_t pos, std::size_t& seg_end) {
  std::size_t i = 0;
  for (; i < seg.size() && seg[i] != '*'; ++i) {
    char p = seg[i];
    if (pos == text.size()) {
      // Only trailing separators can match the end of the URL.
      for (; i < seg.size() && seg[i] != '*'; ++i)
        if (seg[i] != '^') return std::string_view::npos;
      break;
    }
    char c = text[pos];
    if (p == '^' ? !is_separator(c) : p != c) return std::string_view::npos;
    ++pos;
  }
  seg_end = i;
  return pos;
}

std::size_t match_segment(std::string_view seg, std::string_view text, std::size_t pos) {
  std::size_t seg_end = 0;
  return match_segment(seg, text, pos, seg_end);
}

// The first position >= `from` where `seg` matches, or npos. When the segment starts with a
// literal byte it jumps between that byte's occurrences instead of trying every position;
// match_segment() then rejects most of them on the next byte, cheaper than a substring search
// that would compare the whole head before match_segment() compares it again.
std::size_t find_segment(std::string_view seg, std::string_view text, std::size_t from, std::size_t& end) {
  const bool literal_start = !seg.empty() && seg[0] != '^';
  for (std::size_t p = from; p <= text.size(); ++p) {
    if (literal_start) {
      const void* at = p < text.size() ? std::memchr(text.data() + p, seg[0], text.size() - p) : nullptr;
      if (at == nullptr) return std::string_view::npos;
      p = static_cast<std::size_t>(static_cast<const char*>(at) - text.data());
    }
    if ((end = match_segment(seg, text, p)) != std::string_view::npos) return p;
  }
  return std::string_view::npos;
}

// Matches the segments of `pattern` (split on '*') with the first one fixed at `pos`. For a
// wildcard pattern the leftmost occurrence of each later segment is the right choice: segments
// have fixed length, so taking the earliest can only leave more room for the rest.
bool match_from(std::string_view pattern, std::string_view text, std::size_t pos, bool right_anchor) {
  std::size_t star = 0;
  std::size_t end = match_segment(pattern, text, pos, star);
  if (end == std::string_view::npos) return false;
  if (star == pattern.size()) return !right_anchor || end == text.size();
  std::string_view rest = pattern.substr(star + 1);
  while (true) {
    std::size_t next_star = rest.find('*');
    std::string_view seg = rest.substr(0, next_star);
    bool last = next_star == std::string_view::npos;
    if (last && right_anchor) {
      // The last segment must end the URL: try the positions from the right.
      for (std::size_t p = text.size() + 1; p-- > end;) {
        std::size_t e = match_segment(seg, text, p);
        if (e == text.size()) return true;
        if (text.size() - p > seg.size()) break;
      }
      return false;
    }
    std::size_t seg_end = 0;
    if (find_segment(seg, text, end, seg_end) == std::string_view::npos) return false;
    end = seg_end;
    if (last) return true;
    rest = rest.substr(next_star + 1);
  }
}

}  // namespace

bool pattern_matches_at(std::string_view pattern, std::uint16_t flags, const UrlView& url, std::size_t start) {
  if (start > url.text.size()) return false;
  if ((flags & kFilterLeftAnchor) && start != 0) return false;
  if (flags & kFilterHostAnchor) {
    if (start < url.host_begin || start >= url.host_end || url.host_end > url.text.size()) return false;
    if (start != url.host_begin && url.text[start - 1] != '.') return false;
  }
  return match_from(pattern, url.text, start, flags & kFilterRightAnchor);
}

bool pattern_matches(std::string_view pattern, std::uint16_t flags, const UrlView& url) {
  const bool right = flags & kFilterRightAnchor;
  std::string_view text = url.text;
  if (flags & kFilterLeftAnchor) return match_from(pattern, text, 0, right);
  if (flags & kFilterHostAnchor) {
    // `||` anchors at the start of the host or of any of its labels.
    if (url.host_end > text.size() || url.host_begin > url.host_end) return false;
    for (std::size_t p = url.host_begin; p < url.host_end; ++p)
      if ((p == url.host_begin || text[p - 1] == '.') && match_from(pattern, text, p, right)) return true;
    return false;
  }
  if (pattern.empty()) return true;
  std::string_view first = pattern.substr(0, pattern.find('*'));
  std::size_t end = 0;
  for (std::size_t p = 0; (p = find_segment(first, text, p, end)) != std::string_view::npos; ++p)
    if (match_from(pattern, text, p, right)) return true;
  return false;
}

}  // namespace warden
