// The C ABI of warden.wasm: the only extern "C" file. Each cw_* function unpacks its arguments,
// calls the engine, and stores the outcome; none holds logic. Documented in wasm/README.md.
//
// Memory contract (all offsets are uint32 addresses in linear memory):
//  * Inputs: JS writes UTF-8 strings back to back into the module's input buffer (cw_input) and
//    passes their byte lengths. The buffer is reused; it only grows when a larger input arrives.
//  * Outputs: every call returns a Status and fills the module's result area (cw_result) with
//    {status, ptr, len}. ptr/len point at bytes the module owns, valid until the next cw_* call:
//    a decision record, a JSON text, or on failure the error detail. JS copies what it keeps.
//  * The vendor string inside a decision record points into the engine buffer and stays valid
//    until cw_engine_free; the rule is a reference (warden::RuleRef) that cw_rule_text resolves.
//  * The engine bytes: JS asks for a buffer (cw_bytes_alloc), copies the compiled engine into it
//    once, and hands it to cw_engine_create, which takes ownership whatever the outcome.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "warden/dnr_compiler.h"
#include "warden/engine.h"
#include "warden/policy.h"
#include "warden/request.h"
#include "warden/status.h"
#include "warden/url.h"

// Hands JS one piece of the text a call is producing (warden.js sets Module.cwDnrPiece for the
// duration of the call); the piece is valid during this call only.
EM_JS(void, cw_js_dnr_piece, (const char* text, std::size_t length), {
  Module['cwDnrPiece'](text, length);
});

namespace {

using warden::Status;

struct CwResult {
  std::uint32_t status;
  std::uint32_t ptr;
  std::uint32_t len;
};

// A decision as JS reads it: six uint32 (warden.js DECISION_WORDS).
struct CwDecision {
  std::uint32_t action;
  std::uint32_t category;
  std::uint32_t third_party;
  std::uint32_t vendor_ptr;
  std::uint32_t vendor_len;
  std::uint32_t rule;  // RuleRef::value(), 0 for none
};

// A host's site as JS reads it: four uint32 (warden.js SITE_WORDS). Both texts are suffixes of the
// normalised host the module keeps until the next cw_site_of.
struct CwSite {
  std::uint32_t site_ptr;
  std::uint32_t site_len;
  std::uint32_t suffix_ptr;
  std::uint32_t suffix_len;
};

struct CwMemory {
  std::uint32_t linear_bytes;
  std::uint32_t engine_bytes;
};

struct CwEngine {
  std::unique_ptr<std::uint8_t, decltype(&std::free)> bytes;
  std::uint32_t size;
  warden::Engine engine;
  warden::Policy policy;
  std::string rule_text;  // the last cw_rule_text's, when the engine had to build it
  // Built at the first cw_compile_dnr and kept: most of a compilation's work does not depend on
  // the policy, and the extension compiles on every policy change.
  std::unique_ptr<warden::DnrRuleIndex> dnr_index;
  // What deciding reuses, the page of the last request or cookie write included (kSamePage).
  warden::DecisionContext context;
};

// top_len of cw_decide_request meaning "the page this engine's context holds" (the last decision's,
// DecisionContext::page_top()): requests come in bursts from one page, and encoding its two URLs
// again was a third of the JS side's work.
constexpr std::uint32_t kSamePage = 0xFFFFFFFFu;

CwResult g_result{};
CwDecision g_decision{};
CwSite g_site{};
std::string g_site_host;
CwMemory g_memory{};
std::vector<char> g_input;
std::string g_detail;

std::uint32_t addr(const void* p) { return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(p)); }

std::uint32_t finish(Status status, const void* ptr = nullptr, std::size_t len = 0) {
  g_result = {static_cast<std::uint32_t>(status), addr(ptr), static_cast<std::uint32_t>(len)};
  return g_result.status;
}

std::uint32_t fail(Status status, std::string detail) {
  g_detail = std::move(detail);
  return finish(status, g_detail.data(), g_detail.size());
}

template <class T>
std::uint32_t fail(const warden::Result<T>& r) {
  return fail(r.status(), r.detail());
}

CwEngine* engine_of(std::uint32_t handle) { return reinterpret_cast<CwEngine*>(static_cast<std::uintptr_t>(handle)); }

// The input strings, in the order JS wrote them; false when the lengths overrun the buffer.
template <std::size_t N>
bool take_inputs(const std::uint32_t (&lens)[N], std::string_view (&out)[N]) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < N; ++i) {
    if (lens[i] > g_input.size() - at) return false;
    out[i] = std::string_view(g_input.data() + at, lens[i]);
    at += lens[i];
  }
  return true;
}

std::uint32_t finish_decision(const warden::Result<warden::Decision>& d) {
  if (!d.ok()) return fail(d);
  const auto& c = d->classification;
  g_decision = {static_cast<std::uint32_t>(d->action), static_cast<std::uint32_t>(c.category),
                c.third_party ? 1u : 0u,    addr(c.vendor.data()), static_cast<std::uint32_t>(c.vendor.size()),
                c.rule.value()};
  return finish(Status::ok, &g_decision, sizeof g_decision);
}

}  // namespace

extern "C" {

// The result area's address; JS reads it after every call.
const CwResult* cw_result() { return &g_result; }

// The input buffer, grown to at least `bytes`; 0 when memory is exhausted.
std::uint32_t cw_input(std::uint32_t bytes) {
  if (g_input.size() < bytes) g_input.resize(bytes);
  return addr(g_input.data());
}

// A buffer for the compiled engine; JS copies the bytes in, then calls cw_engine_create.
std::uint32_t cw_bytes_alloc(std::uint32_t bytes) { return addr(std::malloc(bytes ? bytes : 1)); }

// Views the bytes as an engine (taking ownership of them). result.ptr = the engine handle.
std::uint32_t cw_engine_create(std::uint32_t bytes_ptr, std::uint32_t size) {
  std::unique_ptr<std::uint8_t, decltype(&std::free)> bytes(reinterpret_cast<std::uint8_t*>(bytes_ptr), &std::free);
  if (!bytes) return fail(Status::invalid_argument, "no engine bytes");
  auto loaded = warden::Engine::load(std::span<const std::uint8_t>(bytes.get(), size));
  if (!loaded.ok()) return fail(loaded);
  auto* e = new CwEngine{std::move(bytes), size, std::move(loaded).value(), warden::Policy::allow_all(), {}, {}, {}};
  return finish(Status::ok, e, sizeof *e);
}

void cw_engine_free(std::uint32_t handle) { delete engine_of(handle); }

// Policy JSON (policy.h) of `json_len` bytes in the input buffer.
std::uint32_t cw_set_policy(std::uint32_t handle, std::uint32_t json_len) {
  std::string_view in[1];
  if (!take_inputs({json_len}, in)) return fail(Status::invalid_argument, "input length overruns the buffer");
  auto policy = warden::parse_policy(in[0]);
  if (!policy.ok()) return fail(policy);
  engine_of(handle)->policy = std::move(policy).value();
  return finish(Status::ok);
}

// url, top_url, frame_url in the input buffer, or url alone with top_len == kSamePage (frame_len
// ignored) for the page the engine's context holds; type = warden::ResourceType.
std::uint32_t cw_decide_request(std::uint32_t handle, std::uint32_t url_len, std::uint32_t top_len,
                                std::uint32_t frame_len, std::uint32_t type) {
  auto* e = engine_of(handle);
  std::string_view in[3];
  if (top_len == kSamePage) {
    std::string_view url[1];
    if (!take_inputs({url_len}, url)) return fail(Status::invalid_argument, "input length overruns the buffer");
    if (e->context.page_top().empty()) return fail(Status::invalid_argument, "no page held to reuse");
    in[0] = url[0];
    in[1] = e->context.page_top();
    in[2] = e->context.page_frame();
  } else if (!take_inputs({url_len, top_len, frame_len}, in)) {
    return fail(Status::invalid_argument, "input length overruns the buffer");
  }
  if (type >= static_cast<std::uint32_t>(warden::ResourceType::kCount)) return fail(Status::invalid_argument, "unknown resource type");
  warden::Request request{in[0], in[1], in[2], static_cast<warden::ResourceType>(type)};
  return finish_decision(e->engine.decide(request, e->policy, e->context));
}

// name, domain, top_url, script_url in the input buffer; source = warden::CookieSource.
std::uint32_t cw_decide_cookie(std::uint32_t handle, std::uint32_t name_len, std::uint32_t domain_len,
                               std::uint32_t top_len, std::uint32_t script_len, std::uint32_t source) {
  std::string_view in[4];
  if (!take_inputs({name_len, domain_len, top_len, script_len}, in)) return fail(Status::invalid_argument, "input length overruns the buffer");
  if (source > static_cast<std::uint32_t>(warden::CookieSource::script)) return fail(Status::invalid_argument, "unknown cookie source");
  auto* e = engine_of(handle);
  warden::CookieWrite cookie{in[0], in[1], in[2], static_cast<warden::CookieSource>(source), in[3]};
  return finish_decision(e->engine.decide(cookie, e->policy, e->context));
}

// Policy JSON then options JSON in the input buffer. The text of dnr_compilation_to_json() goes to
// JS in pieces (cw_js_dnr_piece) as it is written, never whole in linear memory, which keeps its
// peak for good: a compilation can list every host of a list (megabytes). Result: empty.
std::uint32_t cw_compile_dnr(std::uint32_t handle, std::uint32_t policy_len, std::uint32_t options_len) {
  std::string_view in[2];
  if (!take_inputs({policy_len, options_len}, in)) return fail(Status::invalid_argument, "input length overruns the buffer");
  auto policy = warden::parse_policy(in[0]);
  if (!policy.ok()) return fail(policy);
  auto options = warden::parse_dnr_options(in[1]);
  if (!options.ok()) return fail(options);
  auto* e = engine_of(handle);
  if (!e->dnr_index) e->dnr_index = std::make_unique<warden::DnrRuleIndex>(e->engine);
  const warden::DnrJsonSink to_js = [](std::string_view piece) { cw_js_dnr_piece(piece.data(), piece.size()); };
  to_js(warden::kDnrJsonHead);
  const auto compiled = warden::compile_dnr(*e->dnr_index, *policy, *options, to_js);
  to_js(warden::dnr_json_tail(compiled));
  return finish(Status::ok);
}

// A host or cookie domain (any case; optional leading dot, port or trailing dot) in the input
// buffer; result = CwSite: the
// engine's site_of (the registrable domain, or the host itself when it has none) and the public
// suffix (equal to the host when the host is itself a public suffix; empty for an IP literal).
std::uint32_t cw_site_of(std::uint32_t handle, std::uint32_t host_len) {
  std::string_view in[1];
  if (!take_inputs({host_len}, in)) return fail(Status::invalid_argument, "input length overruns the buffer");
  std::string_view host = in[0];
  if (host.starts_with('.')) host.remove_prefix(1);  // a domain cookie's ".example.com"
  if (Status s = warden::normalize_host(host, g_site_host); s != Status::ok) return fail(s, "not a host name: " + std::string(in[0]));
  const auto& psl = engine_of(handle)->engine.public_suffixes();
  const std::string_view site = psl.site_of(g_site_host);
  const std::string_view suffix = psl.public_suffix(g_site_host);
  g_site = {addr(site.data()), static_cast<std::uint32_t>(site.size()), addr(suffix.data()), static_cast<std::uint32_t>(suffix.size())};
  return finish(Status::ok, &g_site, sizeof g_site);
}

// The text of a decision's rule (CwDecision::rule); empty for 0 or a value no decision gave.
std::uint32_t cw_rule_text(std::uint32_t handle, std::uint32_t rule) {
  auto* e = engine_of(handle);
  const std::string_view text = e->engine.rule_text(warden::RuleRef::from_value(rule), e->rule_text);
  return finish(Status::ok, text.data(), text.size());
}

// {linear memory bytes, engine buffer bytes}; handle may be 0.
std::uint32_t cw_memory(std::uint32_t handle) {
  g_memory = {static_cast<std::uint32_t>(__builtin_wasm_memory_size(0) * 65536u),
              handle ? engine_of(handle)->size : 0u};
  return finish(Status::ok, &g_memory, sizeof g_memory);
}

// name, domain, path, partition_key of a stored cookie (warden::StoredCookie) in the input buffer;
// an empty partition_key means unpartitioned.
std::uint32_t cw_decide_stored_cookie(std::uint32_t handle, std::uint32_t name_len, std::uint32_t domain_len,
                                      std::uint32_t path_len, std::uint32_t partition_len) {
  std::string_view in[4];
  if (!take_inputs({name_len, domain_len, path_len, partition_len}, in))
    return fail(Status::invalid_argument, "input length overruns the buffer");
  auto* e = engine_of(handle);
  return finish_decision(e->engine.decide(warden::StoredCookie{in[0], in[1], in[2], in[3]}, e->policy, e->context));
}

}  // extern "C"
