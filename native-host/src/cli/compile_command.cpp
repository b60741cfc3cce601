// `cookiewarden compile`: rule sources in, one compiled engine buffer out.
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>

#include "cli/arguments.h"
#include "cli/cli_command.h"
#include "platform/file_contents.h"
#include "warden/dnr_compiler.h"
#include "warden/engine.h"
#include "warden/engine_builder.h"

namespace cookiewarden::cli {
namespace {

constexpr std::string_view kCompileUsage = R"(Usage: cookiewarden compile [--list FILE:CATEGORY]... [--vendors FILE]... [--psl FILE] [--dnr-static DIR] [--stats] -o OUT

Compiles the built-in vendor rules, the given filter lists and vendor databases, and the public
suffix list into one engine buffer (loaded without parsing by 'classify --engine' and the extension).

Options:
  --list FILE:CATEGORY  an Adblock Plus / uBlock Origin filter list whose blocking rules mean CATEGORY
                        (necessary, functional, analytics, social, marketing); repeatable
  --vendors FILE        an extra vendor database (JSON, format in engine/rules/README.md); repeatable
  --psl FILE            a public_suffix_list.dat to use instead of the built-in copy
  --dnr-static DIR      also write one declarativeNetRequest ruleset per category, DIR/warden_<category>.json,
                        from the compiled host rules, and print its rule count against the browsers' static limits
  --stats               also print the buffer's size by section (what each part of the format costs)
  -o FILE               where to write the buffer (replaced atomically)
Prints, per list, how many rules were loaded and how many were skipped, by reason.
)";

int fail(Io io, int code, const std::string& message) {
  io.err << "cookiewarden compile: " << message << "\n";
  return code;
}

void print_report(std::ostream& out, const warden::FilterListReport& report) {
  out << report.name << " (" << warden::category_name(report.category) << "): " << report.loaded << " rules loaded";
  std::size_t skipped = 0;
  for (const auto& [reason, count] : report.skipped) skipped += count;
  out << ", " << skipped << " skipped\n";
  for (const auto& [reason, count] : report.skipped) out << "    " << count << "  " << reason << "\n";
}

void print_static_fit(std::ostream& out, std::span<const warden::DnrStaticRuleset> rulesets, const warden::DnrLimits& limits) {
  out << "  " << limits.browser << " (" << limits.static_rules << " static rules, " << limits.enabled_rulesets
      << " enabled rulesets): " << (warden::fits_static_limits(rulesets, limits) ? "all fit" : "do NOT all fit") << "\n";
}

// Static rulesets are what Chromium enforces without the engine; the extension enables the
// refused categories' ones, so each is written whole even where a browser's budget is smaller.
int write_static_rulesets(const warden::Engine& engine, const std::string& dir, Io io) {
  std::string hosts;
  const auto host_rules = warden::dnr_host_rules(engine, hosts);
  const auto rulesets = warden::compile_dnr_static(host_rules);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return fail(io, kExitFailure, "cannot create " + dir + ": " + ec.message());
  std::size_t total = 0;
  for (const auto& set : rulesets) {
    const auto path = std::filesystem::path(dir) / (set.id + ".json");
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(set.rules_json.data());
    if (write_file_atomically(path, {bytes, set.rules_json.size()}) != warden::Status::ok)
      return fail(io, kExitFailure, "cannot write " + path.string());
    io.out << "wrote " << path.string() << ": " << set.rules << " rules, " << set.rules_json.size() << " bytes ("
           << warden::category_name(set.category) << ")\n";
    total += set.rules;
  }
  io.out << "static rulesets: " << rulesets.size() << ", " << total << " rules\n";
  print_static_fit(io.out, rulesets, warden::kChromiumDnrLimits);
  print_static_fit(io.out, rulesets, warden::kFirefoxDnrLimits);
  return kExitOk;
}

int run_compile(std::span<const std::string_view> args, Io io) {
  auto parsed = Arguments::parse(args, {{"--stats"}, {"--list", "--vendors", "--psl", "--dnr-static", "-o"}, 0});
  if (!parsed.ok()) return fail(io, kExitUsage, parsed.detail());
  auto out_path = parsed->value("-o");
  if (!out_path) return fail(io, kExitUsage, "-o FILE is required");

  warden::EngineBuilder builder;
  if (auto s = builder.add_default_rules(); s != warden::Status::ok)
    return fail(io, kExitFailure, "the built-in rules do not load: " + std::string(warden::status_message(s)));
  if (auto psl = parsed->value("--psl")) {
    auto text = read_text_file(*psl);
    if (!text.ok()) return fail(io, kExitFailure, text.detail());
    if (builder.set_public_suffix_list(*text) != warden::Status::ok) return fail(io, kExitFailure, *psl + ": not a public suffix list");
  }
  for (const auto& path : parsed->values("--vendors")) {
    auto text = read_text_file(path);
    if (!text.ok()) return fail(io, kExitFailure, text.detail());
    auto db = warden::parse_vendor_database(*text);
    if (!db.ok()) return fail(io, kExitFailure, path + ": " + db.detail());
    builder.add_vendors(*db);
  }
  for (const auto& spec : parsed->values("--list")) {
    std::size_t colon = spec.rfind(':');
    auto category = colon == std::string::npos ? std::nullopt : warden::parse_category(spec.substr(colon + 1));
    if (!category) return fail(io, kExitUsage, "--list takes FILE:CATEGORY, e.g. easyprivacy.txt:analytics (got '" + spec + "')");
    std::string path = spec.substr(0, colon);
    auto text = read_text_file(path);
    if (!text.ok()) return fail(io, kExitFailure, text.detail());
    print_report(io.out, builder.add_filter_list(path, *text, *category));
  }
  auto buffer = builder.build();
  if (!buffer.ok()) return fail(io, kExitFailure, buffer.detail());
  auto engine = warden::Engine::load(*buffer);
  if (!engine.ok()) return fail(io, kExitFailure, "the compiled buffer does not load back: " + engine.detail());
  if (write_file_atomically(*out_path, *buffer) != warden::Status::ok) return fail(io, kExitFailure, "cannot write " + *out_path);
  auto stats = engine->stats();
  io.out << "wrote " << *out_path << ": " << stats.buffer_bytes << " bytes; " << stats.vendors << " vendors, "
         << stats.host_rules << " host rules, " << stats.cookie_rules << " cookie rules, " << stats.filter_rules
         << " filter rules, " << stats.psl_rules << " public suffix rules\n";
  if (parsed->has("--stats"))
    for (const auto& section : stats.sections)
      io.out << "  " << section.name << ": " << section.bytes << " bytes\n";
  if (auto dir = parsed->value("--dnr-static")) return write_static_rulesets(*engine, *dir, io);
  return kExitOk;
}

}  // namespace

extern const CliCommand kCompileCommand{"compile", "compile rules and filter lists into one engine buffer", kCompileUsage,
                                        run_compile};

}  // namespace cookiewarden::cli
