// Writes the compiled engine buffers the node tests load: the shipped default rules (vendors.json,
// Open Cookie Database, built-in public suffix list) plus any filter lists given, the way
// `cookiewarden compile` does it. A test helper, not a product tool.
//   make_test_engine OUT.bin [--list FILE:CATEGORY ...]
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "warden/category.h"
#include "warden/engine_builder.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc % 2 != 0) {
    std::fprintf(stderr, "usage: make_test_engine OUT.bin [--list FILE:CATEGORY ...]\n");
    return 2;
  }
  warden::EngineBuilder builder;
  if (builder.add_default_rules() != warden::Status::ok) {
    std::fprintf(stderr, "make_test_engine: the default rules do not load\n");
    return 1;
  }
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string spec = argv[i + 1];
    auto colon = spec.rfind(':');
    auto category = colon == std::string::npos ? std::nullopt : warden::parse_category(spec.substr(colon + 1));
    std::ifstream in(spec.substr(0, colon), std::ios::binary);
    if (std::string(argv[i]) != "--list" || !category || !in) {
      std::fprintf(stderr, "make_test_engine: cannot use %s %s\n", argv[i], spec.c_str());
      return 2;
    }
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto report = builder.add_filter_list(spec.substr(0, colon), text, *category);
    std::fprintf(stderr, "make_test_engine: %s: %zu rules loaded\n", report.name.c_str(), report.loaded);
  }
  auto buffer = builder.build();
  if (!buffer.ok()) {
    std::fprintf(stderr, "make_test_engine: %s\n", buffer.detail().c_str());
    return 1;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out.write(reinterpret_cast<const char*>(buffer->data()), static_cast<std::streamsize>(buffer->size()));
  return out ? 0 : 1;
}
