// Our engine, native: the same measurements run_engine.mjs takes for the JS engines, written in the
// same JSON shape (OUT/warden-native.json), plus the compiled engine buffer (OUT/engine.bin) that
// the WASM run loads. Driven by compare.mjs; prints numbers, asserts nothing.
//
//   native_bench --rules DIR --corpus DIR --out DIR --policy JSON --list FILE:CATEGORY [--list ...]
// --rules: engine/rules (the public suffix list; list FILEs are relative to it); --corpus: the
// folder holding requests.jsonl (WARDEN_CORPUS_DIR).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "warden/engine.h"
#include "warden/engine_builder.h"
#include "warden/policy.h"
#include "warden/snapshot.h"

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

double us_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::micro>(b - a).count();
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

struct Options {
  std::string rules, corpus, out, policy;
  std::vector<std::pair<std::string, warden::Category>> lists;
};

bool parse_args(int argc, char** argv, Options& o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string key = argv[i], value = argv[i + 1];
    if (key == "--rules") o.rules = value;
    else if (key == "--corpus") o.corpus = value;
    else if (key == "--out") o.out = value;
    else if (key == "--policy") o.policy = value;
    else if (key == "--list") {
      auto colon = value.rfind(':');
      auto category = colon == std::string::npos ? std::nullopt : warden::parse_category(value.substr(colon + 1));
      if (!category) return false;
      o.lists.emplace_back(value.substr(0, colon), *category);
    } else {
      return false;
    }
  }
  return !o.rules.empty() && !o.corpus.empty() && !o.out.empty() && !o.policy.empty() && !o.lists.empty();
}

struct BenchRequest {
  std::string url, frame_url;
  warden::ResourceType type;
};

bool usable(const std::string& u) {
  for (const char* scheme : {"http:", "https:", "ws:", "wss:"})
    if (u.rfind(scheme, 0) == 0) return true;
  return false;
}

// requests.jsonl filtered and mapped as bench/compare/requests.mjs does (parse_resource_type knows the
// Puppeteer names: document -> sub_frame, xhr/fetch -> xmlhttprequest, ...).
std::vector<BenchRequest> load_requests(const std::string& text, std::size_t& lines) {
  std::vector<BenchRequest> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    ++lines;
    auto r = json::parse(line, nullptr, false);
    if (!r.is_object() || !r["url"].is_string() || !r["frameUrl"].is_string() || !r["cpt"].is_string()) continue;
    std::string url = r["url"], frame = r["frameUrl"], cpt = r["cpt"];
    if (!usable(url) || !usable(frame)) continue;
    out.push_back({url, frame, warden::parse_resource_type(cpt).value_or(warden::ResourceType::other)});
  }
  return out;
}

double quantile(std::vector<double> sorted, double q) {
  if (sorted.empty()) return 0;
  auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size() - 1, i == 0 ? 0 : i - 1)];
}

int run(const Options& o) {
  std::string psl_text, requests_text;
  if (!read_file(o.rules + "/public_suffix_list.dat", psl_text)) {
    std::fprintf(stderr, "native_bench: cannot read the public suffix list in %s\n", o.rules.c_str());
    return 1;
  }
  if (!read_file(o.corpus + "/requests.jsonl", requests_text)) {
    std::fprintf(stderr, "native_bench: cannot read requests.jsonl in %s\n", o.corpus.c_str());
    return 1;
  }
  auto policy = warden::parse_policy(o.policy);
  if (!policy.ok()) {
    std::fprintf(stderr, "native_bench: bad policy: %s\n", policy.detail().c_str());
    return 1;
  }
  std::vector<std::string> list_texts(o.lists.size());
  for (std::size_t i = 0; i < o.lists.size(); ++i)
    if (!read_file(o.rules + "/" + o.lists[i].first, list_texts[i])) {
      std::fprintf(stderr, "native_bench: cannot read %s\n", o.lists[i].first.c_str());
      return 1;
    }

  json result = {{"engine", "warden-native"}, {"version", "native (this build)"}};
  warden::EngineBuilder builder;
  if (builder.set_public_suffix_list(psl_text) != warden::Status::ok) return 1;
  json reports = json::array();
  const auto t0 = Clock::now();
  for (std::size_t i = 0; i < o.lists.size(); ++i) {
    auto report = builder.add_filter_list(o.lists[i].first, list_texts[i], o.lists[i].second);
    reports.push_back({{"list", report.name}, {"lines", report.lines}, {"loaded", report.loaded}, {"skipped", report.skipped}});
  }
  auto buffer = builder.build();
  const auto t1 = Clock::now();
  if (!buffer.ok()) {
    std::fprintf(stderr, "native_bench: build failed: %s\n", buffer.detail().c_str());
    return 1;
  }
  result["buildMs"] = us_between(t0, t1) / 1000;
  result["lists"] = reports;
  result["serializedBytes"] = buffer->size();
  std::ofstream(o.out + "/engine.bin", std::ios::binary)
      .write(reinterpret_cast<const char*>(buffer->data()), static_cast<std::streamsize>(buffer->size()));

  // Load = what a service worker start pays: Engine::load over bytes already in memory.
  std::vector<double> loads;
  for (int i = 0; i < 200; ++i) {
    const auto a = Clock::now();
    auto e = warden::Engine::load(*buffer);
    const auto b = Clock::now();
    if (!e.ok()) {
      std::fprintf(stderr, "native_bench: load failed: %s\n", e.detail().c_str());
      return 1;
    }
    loads.push_back(us_between(a, b));
  }
  std::sort(loads.begin(), loads.end());
  result["loadMs"] = quantile(loads, 0.5) / 1000;
  const auto v0 = Clock::now();
  const auto verified = warden::verify_snapshot(*buffer);
  result["verifyMs"] = us_between(v0, Clock::now()) / 1000;
  result["verifyStatus"] = warden::status_name(verified);
  const auto engine = std::move(warden::Engine::load(*buffer)).value();
  result["memory"] = {{"engineBytes", buffer->size()}};

  std::size_t lines = 0;
  const auto requests = load_requests(requests_text, lines);
  result["datasetLines"] = lines;
  result["evaluated"] = requests.size();
  warden::DecisionContext context;  // one caller deciding in turn, as the extension's worker does
  auto decide = [&](const BenchRequest& r) {
    return engine.decide(warden::Request{r.url, r.frame_url, r.frame_url, r.type}, *policy, context);
  };

  std::string decisions(requests.size(), '0');
  json rules = json::array();
  std::size_t blocked = 0, errors = 0;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    auto d = decide(requests[i]);
    if (!d.ok()) {
      ++errors;
      rules.push_back("error " + std::string(warden::status_name(d.status())) + ": " + d.detail());
      continue;
    }
    const bool block = d->action == warden::Action::block;
    decisions[i] = block ? '1' : '0';
    blocked += block;
    const auto& c = d->classification;
    if (c.rule.empty()) rules.push_back(nullptr);
    else rules.push_back(std::string(warden::action_name(d->action)) + " " + std::string(warden::category_name(c.category)) + " " + engine.rule_text(c.rule));
  }

  std::vector<double> single(requests.size());
  std::size_t sink = 0;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto a = Clock::now();
    auto d = decide(requests[i]);
    const auto b = Clock::now();
    sink += d.ok() && d->action == warden::Action::block;
    single[i] = us_between(a, b);
  }
  constexpr std::size_t kBatch = 64;
  std::vector<double> batches;
  const auto all0 = Clock::now();
  for (std::size_t lo = 0; lo < requests.size(); lo += kBatch) {
    const std::size_t hi = std::min(requests.size(), lo + kBatch);
    const auto a = Clock::now();
    for (std::size_t i = lo; i < hi; ++i) sink += decide(requests[i]).ok();
    batches.push_back(us_between(a, Clock::now()) / static_cast<double>(hi - lo));
  }
  const double mean = us_between(all0, Clock::now()) / static_cast<double>(requests.size());
  std::sort(single.begin(), single.end());
  std::sort(batches.begin(), batches.end());
  result["medianUs"] = quantile(single, 0.5);
  result["p99Us"] = quantile(single, 0.99);
  result["maxUs"] = single.empty() ? 0 : single.back();
  result["meanUs"] = mean;
  result["batchMedianUs"] = quantile(batches, 0.5);
  result["batchP99Us"] = quantile(batches, 0.99);
  result["batch"] = kBatch;
  result["blocked"] = blocked;
  result["errors"] = errors;
  result["decisions"] = decisions;
  result["rules"] = std::move(rules);
  result["sink"] = sink;  // keeps the timed calls observable

  std::ofstream(o.out + "/warden-native.json") << result.dump();
  std::fprintf(stderr, "warden-native: blocked %zu/%zu, median %.2f µs, buffer %zu bytes\n", blocked, requests.size(),
               quantile(single, 0.5), buffer->size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse_args(argc, argv, options)) {
    std::fprintf(stderr, "usage: native_bench --rules DIR --corpus DIR --out DIR --policy JSON --list FILE:CATEGORY...\n");
    return 2;
  }
  return run(options);
}
