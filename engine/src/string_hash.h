// The one string hash of the compiled engine (FNV-1a, 32 bit).
//
// Persisted: host, token, domain and cookie tables in compiled buffers are keyed by it, so changing
// it means bumping kSnapshotVersion. It is incremental so that label suffixes and "entity.*" keys
// can be hashed without building strings on the decision path.
#pragma once

#include <cstdint>
#include <string_view>

namespace warden {

inline constexpr std::uint32_t kHashSeed = 2166136261u;

inline constexpr std::uint32_t kHashPrime = 16777619u;

constexpr std::uint32_t hash_continue(std::uint32_t h, std::string_view s) {
  for (char c : s) {
    h ^= static_cast<std::uint8_t>(c);
    h *= kHashPrime;
  }
  return h;
}

constexpr std::uint32_t hash_string(std::string_view s) { return hash_continue(kHashSeed, s); }

// Token-table key of a `domain=` include: rules with no usable token are indexed under the domains
// they are restricted to. The suffix cannot occur in a URL token, so the keys stay apart.
constexpr std::uint32_t domain_key(std::uint32_t domain_hash) { return hash_continue(domain_hash, "\x01"); }

// Token-table key of an exception (`@@`) rule's token or domain key. Exceptions are only looked
// for once a block rule matched, so keeping them under their own keys spares every block lookup
// from walking past them (half the candidates on the request set).
constexpr std::uint32_t exception_key(std::uint32_t key) { return hash_continue(key, "\x02"); }

// Token-table key of a pattern with no whole token, under the last kTokenSuffixLength bytes of a
// token that a literal ends ("%2Fevent" in `%2Fevent.gif%3F`): any URL it matches has a token
// ending in those bytes, wherever that token starts.
inline constexpr std::size_t kTokenSuffixLength = 6;
constexpr std::uint32_t token_suffix_key(std::string_view suffix) { return hash_continue(hash_string(suffix), "\x03"); }

}  // namespace warden
