// Status codes and Result<T>: how every engine function reports failure.
//
// The engine never throws across its public API (it is compiled to WebAssembly, where a C ABI
// carries a status code, not an exception). Callers test `ok()` and read `status()` plus a
// human-readable `detail()` that names the offending input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace warden {

// Persisted in the WASM ABI and the JS status table: append only, do not reorder.
enum class Status : std::uint8_t {
  ok = 0,
  invalid_url,
  invalid_host,
  invalid_json,
  invalid_rule,
  invalid_policy,
  invalid_argument,
  corrupt_buffer,
  version_mismatch,
  unsupported,
  kStatusCount  // sentinel: number of codes
};

// Stable snake_case name of a code ("invalid_url"), used in JSON replies.
std::string_view status_name(Status s);
// One-sentence English description of a code.
std::string_view status_message(Status s);

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status, std::string detail) : status_(status), detail_(std::move(detail)) {}

  bool ok() const { return status_ == Status::ok; }
  Status status() const { return status_; }
  const std::string& detail() const { return detail_; }

  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }
  const T& operator*() const { return *value_; }

 private:
  Status status_ = Status::ok;
  std::string detail_;
  std::optional<T> value_;
};

}  // namespace warden
