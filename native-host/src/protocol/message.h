// The native messaging protocol's messages: requests, replies, error codes, paging.
//
// Request:  {"id": <integer | string of ≤ 256 bytes>, "cmd": <string>, "args": <object, optional,
//            default {}>, "progress": <bool, optional, default false>}, nested at most 64 levels deep
// Replies:  {"id": <id>, "ok": true,  "result": <any JSON>}
//           {"id": <id|null>, "ok": false, "error": {"code": <string>, "number": <ErrorCode>,
//                                                     "message": <string>}}
// The id is echoed unchanged; it is null only when the request's id could not be read (bad
// frame, invalid UTF-8/JSON, missing or ill-typed id).
//
// Paging. Browsers drop a host→browser message over 1 MiB (kMaxReplyBytes, exactly
// 1 048 576 bytes of JSON). A reply whose serialisation would be larger is sent as n ≥ 2
// messages, in order, with the same id:
//   {"id": <id>, "ok": true, "page": {"index": i, "count": n}, "result_part": <string>}
// where result_part is a slice of the UTF-8 JSON text of the result (cut on code-point
// boundaries). The receiver concatenates result_part for i = 0..n-1 and JSON.parse()s the
// text. Every command pages this way, so handlers never think about the limit. A result over
// kMaxPagedResultBytes is replaced by a `too_large` error. (reply_paging.h does the split.)
//
// Progress. Asked for with "progress": true, a command that walks every browser profile
// (delete_site, sweep, site_data) sends, before its reply, non-final messages with the request's id and
// neither "ok" nor "page":
//   {"id": <id>, "progress": {"done": n, "total": m, "browser": <browser name>,
//                             "profile": <profile name>, "state": <state>, ...}}
// per profile, once before it ("deleting" / "reading", done = profiles finished so far) and once
// after it, done then counting it:
//   "done"     + "deleted": items removed (or, with "dry_run": true, that would be), "complete"
//              (delete_site, sweep), or "cookies" (site_data)
//   "skipped"  + "reason": e.g. "running" (the browser is open; nothing was touched)
// Opt-in, so that a caller that cannot skip them (runtime.sendNativeMessage takes the first
// message as the reply) and hosts older than this field (they ignore it) work unchanged. The
// reply (or error) that ends the request is exactly as above, whether or not progress came
// first. Each progress message fits kMaxReplyBytes (names are cut to kMaxProgressNameBytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

namespace cookiewarden::protocol {

inline constexpr int kProtocolVersion = 1;
// Requests are small (a command and a few arguments); Chromium would send up to 64 MiB, we
// accept 1 MiB and reject larger frames before allocating.
inline constexpr std::size_t kMaxRequestBytes = std::size_t{1} << 20;
// What the browser itself would deliver: frames between our cap and this are skipped and
// answered; a larger length is no browser's and ends the session.
inline constexpr std::size_t kMaxBrowserFrameBytes = std::size_t{64} << 20;
inline constexpr std::size_t kMaxReplyBytes = std::size_t{1} << 20;
inline constexpr std::size_t kMaxPagedResultBytes = std::size_t{256} << 20;
inline constexpr std::size_t kMaxProgressNameBytes = 256;

// Numeric values are stable (extensions may switch on them): append only, never reorder.
enum class ErrorCode : std::uint8_t {
  bad_frame = 1,     // zero length, truncated frame
  invalid_utf8,      // the frame is not strict UTF-8 (overlong, surrogate, > U+10FFFF, cut)
  invalid_json,      // not JSON
  bad_request,       // JSON, but not {"id","cmd","args"} with the right types
  unknown_command,   // cmd names no command
  invalid_argument,  // the command rejected an argument
  not_allowed,       // the caller is not an extension this host was installed for
  too_large,         // request over kMaxRequestBytes or result over kMaxPagedResultBytes
  internal,          // a bug or an unexpected failure in the host
  not_found,         // a browser, profile or site named in args does not exist
  busy,              // sent by no command: a running browser's profile is a result skipped "running"; kept so the numbers after it stay
  io_error,          // a file could not be read or written
};

// "bad_frame", "invalid_utf8", ... (the wire form of the code).
std::string_view error_code_name(ErrorCode code);
// One English sentence describing the code, used when a handler gives no message.
std::string_view error_code_message(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;
};

struct Request {
  nlohmann::json id;
  std::string cmd;
  nlohmann::json args;  // always an object
  bool progress = false;  // the caller takes progress messages before the reply
};

// The request, or an error reply carrying whatever id could be read (else null).
struct ParseFailure {
  nlohmann::json id;
  Error error;
};
using ParsedRequest = std::variant<Request, ParseFailure>;

// Validates strict UTF-8, parses JSON and checks the request shape.
ParsedRequest parse_request(std::string_view frame);

nlohmann::json error_reply(const nlohmann::json& id, const Error& error);
// {"id": id, "progress": report}: a non-final message (see Progress above).
nlohmann::json progress_message(const nlohmann::json& id, const nlohmann::json& report);

// JSON text of a reply. Strings that are not valid UTF-8 (a path on a Linux disk can be any
// bytes) are written with U+FFFD instead of throwing.
std::string serialize(const nlohmann::json& message);

}  // namespace cookiewarden::protocol
