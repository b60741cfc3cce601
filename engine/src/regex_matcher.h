// A small backtracking matcher for the regular expressions filter lists use (`/.../` rules).
//
// Why not std::regex: it is slow, throws, and adds hundreds of KB to warden.wasm. The lists use
// a small subset of JavaScript regex syntax: literals and escapes, `.`, classes `[...]` with
// ranges and \d \w \s (and negations), groups `(...)` / `(?:...)`, alternation, the quantifiers
// `* + ? {n} {n,} {n,m}` (lazy ones too: for "is there a match" greedy and lazy agree), `^`, `$`.
// Lookarounds, backreferences and \b are rejected by regex_supported(), so such rules are
// skipped at load. Matching is bounded in steps and depth: a pathological pattern or a corrupted
// buffer yields "no match", never a hang or a stack overflow.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace warden {

bool regex_supported(std::string_view source);

// Lower-case tokens (runs of [a-z0-9%]) every match must contain as whole URL tokens: literal
// runs of the top-level sequence, bounded on both sides by a literal non-token character or by
// `^`/`$`. Lets the engine index a regex rule like any pattern instead of testing it on every
// request.
std::vector<std::string> regex_tokens(std::string_view source);

// Searches `text` for `source` anywhere (JavaScript RegExp.test semantics). With `ignore_case`,
// `text` must already be lower-case; letters in the pattern match both cases.
bool regex_search(std::string_view source, std::string_view text, bool ignore_case);

}  // namespace warden
