// What one caller keeps between decisions (Engine::classify / decide): the page its last request
// came from, parsed once and reused while the next requests come from the same page (they come in
// bursts), the last request host's suffix keys, and the buffers a decision writes into, so deciding
// does not allocate once they have grown.
//
// The engine holds no state of its own: a decision is a function of the engine, the policy, this
// context and the request. One context per thread (or per caller that decides in turn); a context
// is not shared by threads at once. It may serve several engines: what it keeps is keyed by engine.
// A moved-from context has no buffers: it may only be assigned to or destroyed.
#pragma once

#include <memory>
#include <string_view>

namespace warden {

class DecisionContext {
 public:
  DecisionContext();
  ~DecisionContext();
  DecisionContext(DecisionContext&&) noexcept;
  DecisionContext& operator=(DecisionContext&&) noexcept;

  // The top-level and frame URL of the last request decided with this context, as parsed; empty
  // when none parsed (the frame is empty when it is the top-level page or could not be parsed,
  // which decides the same). A caller that only sends a page when it changes (the WASM API)
  // passes these back for "the same page".
  std::string_view page_top() const;
  std::string_view page_frame() const;

  struct Scratch;  // defined by the engine (engine/src/engine.cpp), opaque to callers

 private:
  friend class Engine;
  std::unique_ptr<Scratch> scratch_;
};

}  // namespace warden
