#include "warden/public_suffix.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "request_corpus.h"
#include "warden/punycode.h"
#include "warden/url.h"

using warden::PublicSuffixList;
using warden::Status;

namespace {

// Debian package publicsuffix (scripts/bootstrap): the upstream test vectors and an older list.
constexpr const char* kDebianTestVectors = "/usr/share/doc/publicsuffix/examples/test_psl.txt";
constexpr const char* kDebianList = "/usr/share/publicsuffix/public_suffix_list.dat";
const std::string kShippedList = std::string(WARDEN_SOURCE_DIR) + "/engine/rules/public_suffix_list.dat";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot open " << path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::uint8_t> compile_or_fail(std::string_view text) {
  auto blob = PublicSuffixList::compile(text);
  REQUIRE_MESSAGE(blob.ok(), blob.detail());
  return *blob;
}

PublicSuffixList view_or_fail(const std::vector<std::uint8_t>& blob) {
  auto list = PublicSuffixList::view(blob);
  REQUIRE_MESSAGE(list.ok(), list.detail());
  return *list;
}

// One `checkPublicSuffix('input', 'expected')` line; null is std::nullopt.
struct TestVector {
  int line = 0;
  std::optional<std::string> input;
  std::optional<std::string> expected;
};

std::optional<std::string> parse_argument(std::string_view& rest) {
  rest.remove_prefix(std::min(rest.find_first_not_of(", "), rest.size()));
  if (rest.starts_with("null")) {
    rest.remove_prefix(4);
    return std::nullopt;
  }
  REQUIRE(rest.starts_with("'"));
  std::size_t close = rest.find('\'', 1);
  REQUIRE(close != std::string_view::npos);
  std::string value(rest.substr(1, close - 1));
  rest.remove_prefix(close + 1);
  return value;
}

std::vector<TestVector> debian_test_vectors() {
  std::istringstream text(read_file(kDebianTestVectors));
  std::vector<TestVector> vectors;
  int line_number = 0;
  constexpr std::string_view kCall = "checkPublicSuffix(";
  for (std::string line; std::getline(text, line);) {
    ++line_number;
    std::string_view rest = line;
    if (!rest.starts_with(kCall)) continue;  // comments, including commented-out vectors
    rest.remove_prefix(kCall.size());
    TestVector v;
    v.line = line_number;
    v.input = parse_argument(rest);
    v.expected = parse_argument(rest);
    REQUIRE(rest == ");");
    vectors.push_back(v);
  }
  return vectors;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The engine takes normalised ASCII hosts: lower-case, and punycode the IDN vectors.
std::string to_engine_host(const std::string& text) {
  auto ascii = warden::domain_to_ascii(text);
  REQUIRE_MESSAGE(ascii.ok(), ascii.detail());
  return *ascii;
}

struct VectorRun {
  std::size_t checked = 0;
  std::size_t converted_from_unicode = 0;
};

VectorRun check_debian_vectors(const PublicSuffixList& list) {
  VectorRun run;
  for (const auto& v : debian_test_vectors()) {
    std::string host = v.input ? to_engine_host(*v.input) : "";
    std::string expected = v.expected ? to_engine_host(*v.expected) : "";
    if (v.input && !is_ascii(*v.input)) ++run.converted_from_unicode;
    CAPTURE(v.line);
    CAPTURE(host);
    CHECK(list.registrable_domain(host) == expected);
    ++run.checked;
  }
  return run;
}

// The algorithm of https://publicsuffix.org/list/ taken literally, over plain string sets, as an
// independent reference for the compiled form.
class ReferencePsl {
 public:
  explicit ReferencePsl(const std::string& dat_text) {
    std::istringstream text(dat_text);
    for (std::string line; std::getline(text, line);) {
      std::istringstream words(line);
      std::string rule;
      if (!(words >> rule) || rule.starts_with("//")) continue;
      if (rule.starts_with("!")) {
        exceptions_.insert(to_engine_host(rule.substr(1)));
      } else if (rule.starts_with("*.")) {
        wildcards_.insert(to_engine_host(rule.substr(2)));
      } else {
        normal_.insert(to_engine_host(rule));
      }
    }
  }

  std::size_t rule_count() const { return normal_.size() + wildcards_.size() + exceptions_.size(); }

  std::string registrable_domain(const std::string& host) const {
    std::vector<std::string> suffixes;  // suffixes[k - 1] has k labels
    for (std::size_t end = host.size(); end != std::string::npos;) {
      std::size_t dot = host.rfind('.', end == host.size() ? std::string::npos : end - 1);
      suffixes.push_back(host.substr(dot == std::string::npos ? 0 : dot + 1));
      end = dot;
    }
    std::size_t public_labels = 1;  // the implicit "*" rule
    std::optional<std::size_t> exception;
    for (std::size_t k = 1; k <= suffixes.size(); ++k) {
      const std::string& s = suffixes[k - 1];
      if (exceptions_.count(s)) exception = k;
      if (normal_.count(s) || (k >= 2 && wildcards_.count(suffixes[k - 2]))) public_labels = std::max(public_labels, k);
    }
    if (exception) public_labels = *exception - 1;
    return public_labels < suffixes.size() ? suffixes[public_labels] : "";
  }

 private:
  std::set<std::string> normal_, wildcards_, exceptions_;
};

// Real hosts: every request and frame host of the public request set.
std::set<std::string> request_set_hosts(const std::string& requests_file) {
  std::istringstream text(read_file(requests_file));
  std::set<std::string> hosts;
  for (std::string line; std::getline(text, line);) {
    auto request = nlohmann::json::parse(line);
    for (const char* key : {"url", "frameUrl"}) {
      auto url = warden::parse_url(request[key].get<std::string>());
      if (url.ok() && !url->host_is_ip) hosts.insert(url->host);
    }
  }
  return hosts;
}

// Hosts around every rule: the rule itself, one and two labels below it, and below a wildcard.
std::vector<std::string> hosts_around_rules(const std::string& dat_text) {
  std::vector<std::string> hosts;
  std::istringstream text(dat_text);
  for (std::string line; std::getline(text, line);) {
    std::istringstream words(line);
    std::string rule;
    if (!(words >> rule) || rule.starts_with("//")) continue;
    if (rule.starts_with("!")) rule = rule.substr(1);
    if (rule.starts_with("*.")) rule = "wild." + rule.substr(2);
    std::string host = to_engine_host(rule);
    for (const char* prefix : {"", "a.", "b.a.", "c.b.a."}) hosts.push_back(prefix + host);
  }
  return hosts;
}

const char* const kProbeHosts[] = {
    "", "com", "example.com", "www.example.co.uk", "co.uk", "a.b.c.kobe.jp", "city.kobe.jp", "www.ck",
    "b.test.ck", "alice.github.io", "localhost", "127.0.0.1", "::1", ".com", "a..b", "EXAMPLE.COM",
    "xn--85x722f.xn--55qx5d.cn", "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z", "x.compute.amazonaws.com"};

// A lookup on a corrupt-but-accepted blob may give any answer, but only a suffix of the host.
void probe_lookups(const PublicSuffixList& list) {
  for (std::string_view host : kProbeHosts) {
    CAPTURE(host);
    for (std::string_view answer : {list.public_suffix(host), list.registrable_domain(host), list.site_of(host)}) {
      if (answer.empty()) continue;
      REQUIRE(answer.size() <= host.size());
      REQUIRE(answer.data() == host.data() + host.size() - answer.size());
    }
  }
}

constexpr std::string_view kSmallList =
    "// ===BEGIN ICANN DOMAINS===\n"
    "com\nuk\nco.uk\njp\n*.kobe.jp\n!city.kobe.jp\n*.ck\n!www.ck\n"
    "\xE5\x85\xAC\xE5\x8F\xB8.cn\n"  // 公司.cn, written in Unicode as in the real list
    "// ===END ICANN DOMAINS===\n"
    "// ===BEGIN PRIVATE DOMAINS===\n"
    "github.io\n"
    "// ===END PRIVATE DOMAINS===\n";

}  // namespace

TEST_CASE("every Debian test_psl.txt vector passes against the built-in list") {
  VectorRun run = check_debian_vectors(PublicSuffixList::builtin());
  CHECK(run.checked == 78);  // every uncommented checkPublicSuffix line in the file
  CHECK(run.converted_from_unicode == 9);  // IDN vectors, punycoded rather than skipped
}

TEST_CASE("every Debian test_psl.txt vector passes against the Debian package's own list") {
  auto blob = compile_or_fail(read_file(kDebianList));
  VectorRun run = check_debian_vectors(view_or_fail(blob));
  CHECK(run.checked == 78);
}

TEST_CASE("builtin() is the shipped list, compiled at build time exactly as compile() does") {
  const std::string text = read_file(kShippedList);
  auto blob = compile_or_fail(text);
  const PublicSuffixList& builtin = PublicSuffixList::builtin();
  CHECK(builtin.rule_count() == 10248);
  CHECK(builtin.rule_count() == ReferencePsl(text).rule_count());
  CHECK(std::equal(blob.begin(), blob.end(), builtin.bytes().begin(), builtin.bytes().end()));
  MESSAGE("public suffix list: " << builtin.rule_count() << " rules, " << builtin.bytes().size() << " bytes");
}

// The built-in list's registrable domain of each host equals the literal algorithm's on the shipped text.
template <typename Hosts>
void check_against_literal_algorithm(const Hosts& hosts) {
  const ReferencePsl reference(read_file(kShippedList));
  const PublicSuffixList& list = PublicSuffixList::builtin();
  for (const auto& host : hosts) {
    CAPTURE(host);
    CHECK(std::string(list.registrable_domain(host)) == reference.registrable_domain(host));
  }
}

TEST_CASE("the compiled list agrees with the literal algorithm around every rule") {
  std::vector<std::string> hosts = hosts_around_rules(read_file(kShippedList));
  CHECK(hosts.size() > 40000);
  check_against_literal_algorithm(hosts);
  MESSAGE("compared " << hosts.size() << " hosts");
}

TEST_CASE("the compiled list agrees with the literal algorithm on the real hosts of the request set") {
  auto requests_file = warden::test::corpus_file("requests.jsonl");
  if (!requests_file) return;
  std::set<std::string> real_hosts = request_set_hosts(*requests_file);
  CHECK(real_hosts.size() > 1000);
  check_against_literal_algorithm(real_hosts);
  MESSAGE("compared " << real_hosts.size() << " hosts from requests.jsonl");
}

TEST_CASE("different registrable domains under one public suffix are different sites") {
  const PublicSuffixList& psl = PublicSuffixList::builtin();
  CHECK(psl.registrable_domain("example.co.uk") == "example.co.uk");
  CHECK(psl.registrable_domain("www.example.co.uk") == "example.co.uk");
  CHECK(psl.site_of("shop.other.co.uk") == "other.co.uk");
  CHECK(psl.public_suffix("www.example.co.uk") == "co.uk");
  // PRIVATE section: github.io is a public suffix, so two users are two sites.
  CHECK(psl.site_of("alice.github.io") == "alice.github.io");
  CHECK(psl.site_of("bob.github.io") == "bob.github.io");
  CHECK(psl.site_of("www.alice.github.io") == "alice.github.io");
  CHECK(psl.site_of("github.io") == "github.io");
  CHECK(psl.registrable_domain("github.io").empty());
  CHECK(psl.site_of("store.myshopify.com") == "store.myshopify.com");
  CHECK(psl.site_of("preview.project.pages.dev") == "project.pages.dev");
}

TEST_CASE("a bare public suffix has no registrable domain and is its own site") {
  const PublicSuffixList& psl = PublicSuffixList::builtin();
  for (const char* suffix : {"com", "uk", "co.uk", "s3.amazonaws.com", "xn--fiqs8s"}) {
    CAPTURE(suffix);
    CHECK(psl.public_suffix(suffix) == suffix);
    CHECK(psl.registrable_domain(suffix).empty());
    CHECK(psl.site_of(suffix) == suffix);
  }
}

TEST_CASE("unlisted TLDs and localhost fall under the implicit * rule") {
  const PublicSuffixList& psl = PublicSuffixList::builtin();
  CHECK(psl.public_suffix("localhost") == "localhost");
  CHECK(psl.registrable_domain("localhost").empty());
  CHECK(psl.site_of("localhost") == "localhost");
  CHECK(psl.site_of("app.localhost") == "app.localhost");
  CHECK(psl.public_suffix("www.example.test") == "test");
  CHECK(psl.site_of("www.example.test") == "example.test");
  CHECK(psl.site_of("ads.tracker.test") == "tracker.test");
}

TEST_CASE("wildcard and exception rules") {
  const PublicSuffixList& psl = PublicSuffixList::builtin();
  // *.ck and !www.ck
  CHECK(psl.public_suffix("ck") == "ck");
  CHECK(psl.registrable_domain("test.ck").empty());
  CHECK(psl.registrable_domain("b.test.ck") == "b.test.ck");
  CHECK(psl.registrable_domain("www.ck") == "www.ck");
  CHECK(psl.registrable_domain("a.www.ck") == "www.ck");
  CHECK(psl.public_suffix("a.www.ck") == "ck");
  // *.kawasaki.jp and !city.kawasaki.jp, under the normal rule jp
  CHECK(psl.public_suffix("kawasaki.jp") == "jp");
  CHECK(psl.registrable_domain("x.kawasaki.jp").empty());
  CHECK(psl.registrable_domain("www.x.kawasaki.jp") == "www.x.kawasaki.jp");
  CHECK(psl.registrable_domain("www.city.kawasaki.jp") == "city.kawasaki.jp");
  // PRIVATE wildcard *.compute.amazonaws.com below an unlisted amazonaws.com
  CHECK(psl.public_suffix("ec2.eu-west-1.compute.amazonaws.com") == "eu-west-1.compute.amazonaws.com");
  CHECK(psl.site_of("ec2.eu-west-1.compute.amazonaws.com") == "ec2.eu-west-1.compute.amazonaws.com");
  CHECK(psl.site_of("bucket.s3.amazonaws.com") == "bucket.s3.amazonaws.com");
  CHECK(psl.site_of("www.amazonaws.com") == "amazonaws.com");
}

TEST_CASE("hosts from URLs: upper case and ports go through normalize_host") {
  const PublicSuffixList& psl = PublicSuffixList::builtin();
  for (const char* raw : {"WWW.Example.CO.UK", "www.example.co.uk:8443", "WWW.EXAMPLE.CO.UK.", "www.example.co.uk:443"}) {
    CAPTURE(raw);
    auto host = warden::normalize_host(raw);
    REQUIRE(host.ok());
    CHECK(psl.site_of(*host) == "example.co.uk");
  }
  auto url = warden::parse_url("HTTPS://Alice.GitHub.IO:444/repo");
  REQUIRE(url.ok());
  CHECK(psl.site_of(url->host) == "alice.github.io");
}

TEST_CASE("an upper-case host that skipped normalisation still matches the rules") {
  // Defensive: merging every .co.uk site into "CO.UK" would be the worst kind of wrong answer.
  const PublicSuffixList& psl = PublicSuffixList::builtin();
  CHECK(psl.registrable_domain("WWW.EXAMPLE.CO.UK") == "EXAMPLE.CO.UK");
  CHECK(psl.public_suffix("Alice.GitHub.io") == "GitHub.io");
}

TEST_CASE("IP literals have no public suffix and are their own site") {
  const PublicSuffixList& psl = PublicSuffixList::builtin();
  for (const char* ip : {"127.0.0.1", "192.168.1.20", "::1", "[::1]", "2001:db8::ff00:42:8329", "::ffff:10.0.0.1"}) {
    CAPTURE(ip);
    CHECK(psl.public_suffix(ip).empty());
    CHECK(psl.registrable_domain(ip).empty());
    CHECK(psl.site_of(ip) == ip);
  }
  auto url = warden::parse_url("http://[2001:db8::1]:8080/");
  REQUIRE(url.ok());
  CHECK(psl.site_of(url->host) == "2001:db8::1");
}

TEST_CASE("empty and malformed hosts give no public suffix and never crash") {
  const PublicSuffixList& psl = PublicSuffixList::builtin();
  for (const char* bad : {"", ".", "..", ".com", "example.com.", "a..example.com", ".example.example"}) {
    CAPTURE(bad);
    CHECK(psl.public_suffix(bad).empty());
    CHECK(psl.registrable_domain(bad).empty());
    CHECK(psl.site_of(bad) == bad);
  }
  std::string long_label(300, 'a');
  CHECK(psl.site_of(long_label + ".com") == long_label + ".com");
  CHECK(psl.site_of(long_label) == long_label);
}

TEST_CASE("compile reads comments, blank lines, CRLF and text after whitespace, merges duplicates") {
  auto blob = compile_or_fail("// comment\r\n\r\n  com\r\ncom\n*.ck extra words\n!www.ck\t// note\n\n");
  PublicSuffixList list = view_or_fail(blob);
  CHECK(list.rule_count() == 3);
  CHECK(list.registrable_domain("a.example.com") == "example.com");
  CHECK(list.registrable_domain("b.test.ck") == "b.test.ck");
  CHECK(list.registrable_domain("www.ck") == "www.ck");
}

TEST_CASE("compile converts Unicode rules to punycode") {
  auto blob = compile_or_fail(kSmallList);
  PublicSuffixList list = view_or_fail(blob);
  CHECK(list.rule_count() == 10);
  CHECK(list.public_suffix("www.xn--85x722f.xn--55qx5d.cn") == "xn--55qx5d.cn");
  CHECK(list.registrable_domain("xn--55qx5d.cn").empty());
}

TEST_CASE("compile rejects what it cannot represent, naming the line") {
  struct Bad {
    const char* text;
    Status status;
  };
  for (const Bad& bad : {Bad{"com\nexa$mple.com\n", Status::invalid_rule}, Bad{"a..b\n", Status::invalid_rule},
                         Bad{".com\n", Status::invalid_rule}, Bad{"com.\n", Status::invalid_rule},
                         Bad{"!com\n", Status::invalid_rule}, Bad{"!\n", Status::invalid_rule},
                         Bad{"*.\n", Status::invalid_rule}, Bad{"a.*.b\n", Status::unsupported},
                         Bad{"*\n", Status::unsupported}, Bad{"bad\xC3.cn\n", Status::invalid_rule},
                         Bad{"", Status::invalid_argument}, Bad{"// only comments\n\n", Status::invalid_argument}}) {
    CAPTURE(bad.text);
    auto blob = PublicSuffixList::compile(bad.text);
    CHECK(blob.status() == bad.status);
    CHECK_FALSE(blob.detail().empty());
  }
  CHECK(PublicSuffixList::compile("com\nexa$mple.com\n").detail().find("line 2") != std::string::npos);
  CHECK(PublicSuffixList::compile("x." + std::string(64, 'a') + "\n").status() == Status::invalid_rule);
}

TEST_CASE("view rejects a blob truncated at every length, or with trailing bytes") {
  auto blob = compile_or_fail(kSmallList);
  for (std::size_t size = 0; size < blob.size(); ++size) {
    CAPTURE(size);
    std::vector<std::uint8_t> prefix(blob.begin(), blob.begin() + static_cast<std::ptrdiff_t>(size));
    CHECK(PublicSuffixList::view(prefix).status() == Status::corrupt_buffer);
  }
  blob.push_back(0);
  CHECK(PublicSuffixList::view(blob).status() == Status::corrupt_buffer);
}

TEST_CASE("view checks the magic, the format version and the header counts") {
  const auto good = compile_or_fail(kSmallList);
  auto with_byte = [&](std::size_t offset, std::uint8_t value) {
    auto copy = good;
    copy[offset] = value;
    return PublicSuffixList::view(copy).status();
  };
  CHECK(with_byte(0, 'X') == Status::corrupt_buffer);       // magic
  CHECK(with_byte(4, 2) == Status::version_mismatch);       // format version
  CHECK(with_byte(8, good[8] + 1) == Status::corrupt_buffer);   // rule count
  CHECK(with_byte(12, good[12] + 1) == Status::corrupt_buffer); // node count
  CHECK(with_byte(16, good[16] + 1) == Status::corrupt_buffer); // slot count
  CHECK(with_byte(20, good[20] + 1) == Status::corrupt_buffer); // pool size
  CHECK(with_byte(24, 1) == Status::corrupt_buffer);        // reserved
}

TEST_CASE("random byte flips are rejected or leave lookups within the host") {
  std::mt19937 random(20260819);
  auto flip_and_probe = [&](std::vector<std::uint8_t> blob, int rounds) {
    std::size_t accepted = 0;
    for (int round = 0; round < rounds; ++round) {
      auto copy = blob;
      int flips = 1 + static_cast<int>(random() % 4);
      for (int i = 0; i < flips; ++i) copy[random() % copy.size()] ^= static_cast<std::uint8_t>(1u << (random() % 8));
      auto list = PublicSuffixList::view(copy);
      if (!list.ok()) {
        CHECK((list.status() == Status::corrupt_buffer || list.status() == Status::version_mismatch));
        continue;
      }
      ++accepted;
      probe_lookups(*list);
    }
    return accepted;
  };
  std::size_t small_accepted = flip_and_probe(compile_or_fail(kSmallList), 20000);
  auto builtin = PublicSuffixList::builtin().bytes();
  std::size_t big_accepted = flip_and_probe(std::vector<std::uint8_t>(builtin.begin(), builtin.end()), 300);
  MESSAGE("flipped blobs still accepted: " << small_accepted << " of 20000 small, " << big_accepted << " of 300 full");
}
