#include "stores/safari_binarycookies.h"

#include <sys/stat.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "../support/binarycookies_fixtures.h"

namespace fs = std::filesystem;
using namespace cookiewarden::test;
using cookiewarden::binarycookies_page_checksum;
using cookiewarden::BinaryCookieJar;
using cookiewarden::BinaryCookieRecord;
using cookiewarden::SkipReason;
using cookiewarden::parse_binarycookies;
using cookiewarden::remove_from_binarycookies_file;
using cookiewarden::inspect_binarycookies_file;
using cookiewarden::serialize_binarycookies_without;

namespace {

const char* const kKooky = "kooky-safari-macos-cookie-db.binarycookies";
const char* const kDtformats = "libyal-dtformats-Cookies.binarycookies";
const char* const kYtdlp = "ytdlp-test-safari-localhost.binarycookies";

std::vector<const BinaryCookieRecord*> records_of(const BinaryCookieJar& jar) {
  std::vector<const BinaryCookieRecord*> out;
  for (const auto& page : jar.pages)
    for (const auto& record : page.records) out.push_back(&record);
  return out;
}

Bytes bytes_of(const BinaryCookieRecord& r) { return Bytes(r.bytes.begin(), r.bytes.end()); }

std::uint32_t be32_at(const Bytes& b, std::size_t at) {
  return std::uint32_t{b[at]} << 24 | std::uint32_t{b[at + 1]} << 16 | std::uint32_t{b[at + 2]} << 8 | b[at + 3];
}

// The checksum as the format defines it, recomputed from the raw file independently of the parser:
// page sizes from the header, one byte in four of each page.
std::uint32_t checksum_from_raw_file(const Bytes& b) {
  std::uint32_t pages = be32_at(b, 4), sum = 0;
  std::size_t at = 8 + 4 * pages;
  for (std::uint32_t i = 0; i < pages; ++i) {
    std::uint32_t size = be32_at(b, 8 + 4 * i);
    for (std::size_t j = 0; j < size; j += 4) sum += b[at + j];
    at += size;
  }
  return sum;
}

std::size_t checksum_offset(const Bytes& b) {
  std::uint32_t pages = be32_at(b, 4);
  std::size_t at = 8 + 4 * pages;
  for (std::uint32_t i = 0; i < pages; ++i) at += be32_at(b, 8 + 4 * i);
  return at;
}

// The product matches through SiteMatcher (PSL-aware); these fixtures need only the plain rule:
// the site itself or a subdomain, with or without the leading dot.
auto site_filter(std::string site) {
  return [site](const BinaryCookieRecord& r) {
    std::string_view d = r.domain;
    if (d.starts_with('.')) d.remove_prefix(1);
    return d == site || (d.size() > site.size() && d.ends_with("." + site));
  };
}

// A jar built here, for what the real files lack: a port and comments. One page, records in order.
struct RecordSpec {
  std::string domain, name, path, value;
  std::optional<std::uint16_t> port;
  std::optional<std::string> comment, comment_url;
  std::uint32_t flags = 0;
};

void put_le32(Bytes& out, std::uint32_t v) {
  for (int shift = 0; shift <= 24; shift += 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}
void put_be32(Bytes& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

Bytes build_record(const RecordSpec& spec) {
  std::uint32_t at = spec.port ? 58 : 56;
  Bytes strings;
  auto place = [&](const std::optional<std::string>& s) -> std::uint32_t {
    if (!s) return 0;
    std::uint32_t offset = at + static_cast<std::uint32_t>(strings.size());
    strings.insert(strings.end(), s->begin(), s->end());
    strings.push_back(0);
    return offset;
  };
  std::uint32_t comment = place(spec.comment), comment_url = place(spec.comment_url);
  std::uint32_t domain = place(spec.domain), name = place(spec.name), path = place(spec.path), value = place(spec.value);
  Bytes r;
  for (std::uint32_t v : {at + static_cast<std::uint32_t>(strings.size()), 0u, spec.flags, spec.port ? 1u : 0u, domain, name, path, value, comment, comment_url})
    put_le32(r, v);
  r.resize(r.size() + 16, 0);  // expiry, creation: 2001-01-01
  if (spec.port) {
    r.push_back(static_cast<std::uint8_t>(*spec.port));
    r.push_back(static_cast<std::uint8_t>(*spec.port >> 8));
  }
  r.insert(r.end(), strings.begin(), strings.end());
  return r;
}

Bytes build_jar(const std::vector<RecordSpec>& specs) {
  Bytes page{0x00, 0x00, 0x01, 0x00};
  put_le32(page, static_cast<std::uint32_t>(specs.size()));
  std::vector<Bytes> records;
  std::uint32_t offset = 12 + 4 * static_cast<std::uint32_t>(specs.size());
  for (const auto& spec : specs) {
    records.push_back(build_record(spec));
    put_le32(page, offset);
    offset += static_cast<std::uint32_t>(records.back().size());
  }
  put_le32(page, 0);
  for (const auto& r : records) page.insert(page.end(), r.begin(), r.end());
  Bytes file{'c', 'o', 'o', 'k'};
  put_be32(file, 1);
  put_be32(file, static_cast<std::uint32_t>(page.size()));
  file.insert(file.end(), page.begin(), page.end());
  put_be32(file, binarycookies_page_checksum(page));
  return file;  // no trailer, as some files end
}

// A scratch directory per test, removed at the end.
struct ScratchDir {
  fs::path path;
  ScratchDir() {
    std::string tmpl = (fs::temp_directory_path() / "cw-binarycookies-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~ScratchDir() { fs::remove_all(path); }
  std::size_t entries() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), {})); }
};

}  // namespace

TEST_CASE("the three real binarycookies files parse and their stored checksums are what the format computes") {
  struct Expect {
    const char* file;
    std::size_t pages, records, trailer;
    std::uint32_t checksum;
  };
  for (const auto& e : {Expect{kKooky, 2, 2, 83, 0x1135}, Expect{kYtdlp, 1, 1, 83, 0x534}, Expect{kDtformats, 29, 91, 4, 0x2b92e}}) {
    CAPTURE(e.file);
    auto bytes = binarycookies_fixture(e.file);
    auto jar = parse_binarycookies(bytes);
    REQUIRE_MESSAGE(jar.ok(), jar.detail());
    CHECK(jar->pages.size() == e.pages);
    CHECK(jar->record_count() == e.records);
    CHECK(jar->trailer.size() == e.trailer);
    CHECK(jar->checksum == e.checksum);
    CHECK(checksum_from_raw_file(bytes) == e.checksum);
    CHECK(be32_at(bytes, checksum_offset(bytes)) == e.checksum);
    std::uint32_t from_parsed_pages = 0;
    for (const auto& page : jar->pages) from_parsed_pages += binarycookies_page_checksum(page.bytes);
    CHECK(from_parsed_pages == e.checksum);
  }
}

TEST_CASE("kooky's Safari file: names, domains, flags, dates") {
  auto bytes = binarycookies_fixture(kKooky);
  auto jar = parse_binarycookies(bytes);
  REQUIRE(jar.ok());
  auto records = records_of(*jar);
  REQUIRE(records.size() == 2);
  CHECK(records[0]->domain == ".ycombinator.com");
  CHECK(records[0]->name == "__cfduid");
  CHECK(records[0]->path == "/");
  CHECK(records[0]->value == "df18e79ede20f18e7c846380faf82b1341513466557");
  CHECK(records[0]->flags == 4);
  CHECK(records[1]->domain == "news.ycombinator.com");
  CHECK(records[1]->name == "user");
  CHECK(records[1]->flags == 5);
  CHECK_FALSE(records[0]->port.has_value());
  CHECK_FALSE(records[0]->comment.has_value());
  // __cfduid was created in December 2017 and ran for a year.
  double created_unix = records[0]->creation + cookiewarden::kBinaryCookiesEpochUnix;
  CHECK(created_unix > 1512000000.0);
  CHECK(created_unix < 1515000000.0);
  CHECK(records[0]->expiry > records[0]->creation);
  CHECK(records[0]->bytes.size() == 0x80);
}

TEST_CASE("yt-dlp's file keeps the undocumented 0x20 flag and its escaped value") {
  auto bytes = binarycookies_fixture(kYtdlp);
  auto jar = parse_binarycookies(bytes);
  REQUIRE(jar.ok());
  auto r = records_of(*jar).at(0);
  CHECK(r->domain == "localhost");
  CHECK(r->name == "foo");
  CHECK(r->value == "test%20%3Bcookie");
  CHECK(r->flags == 0x20);
}

TEST_CASE("the 2013 dtformats file: version-1 records, out-of-order strings, pseudo-domains") {
  auto bytes = binarycookies_fixture(kDtformats);
  auto jar = parse_binarycookies(bytes);
  REQUIRE(jar.ok());
  auto records = records_of(*jar);
  CHECK(records[0]->domain == "en.wikipedia.org");
  CHECK(records[0]->name == "centralnotice_bucket");
  CHECK(records[0]->value == "0-4.2");
  CHECK(records[1]->domain == "accounts.google.com");
  CHECK(records[1]->name == "GAPS");
  auto count_if = [&](auto pred) { return std::count_if(records.begin(), records.end(), [&](auto* r) { return pred(*r); }); };
  CHECK(count_if([](const BinaryCookieRecord& r) { return r.version == 1; }) == 3);
  CHECK(count_if([](const BinaryCookieRecord& r) { return r.domain == ".^filecookies^"; }) >= 1);
  CHECK(count_if([](const BinaryCookieRecord& r) { return r.domain == ".apple.com"; }) == 15);
  CHECK(count_if([](const BinaryCookieRecord& r) { return r.domain == "www.cnn.com"; }) == 4);
}

TEST_CASE("ports and comments are read, and records carrying them survive a deletion byte-for-byte") {
  RecordSpec with_port{"www.keep.test", "sid", "/app", "v1", 8443, "a comment", "https://keep.test/policy", 0x21};
  RecordSpec plain{".example.test", "gone", "/", "v2", std::nullopt, std::nullopt, std::nullopt, 0x1};
  RecordSpec comment_only{"keep.test", "c", "/", "v3", std::nullopt, "only a comment", std::nullopt, 0x18};
  auto bytes = build_jar({with_port, plain, comment_only});
  auto jar = parse_binarycookies(bytes);
  REQUIRE_MESSAGE(jar.ok(), jar.detail());
  auto records = records_of(*jar);
  REQUIRE(records.size() == 3);
  CHECK(records[0]->port == std::optional<std::uint16_t>(8443));
  CHECK(records[0]->comment == std::optional<std::string_view>("a comment"));
  CHECK(records[0]->comment_url == std::optional<std::string_view>("https://keep.test/policy"));
  CHECK(records[0]->domain == "www.keep.test");
  CHECK(records[0]->value == "v1");
  CHECK(records[0]->flags == 0x21);
  CHECK_FALSE(records[1]->port.has_value());
  CHECK(records[2]->comment == std::optional<std::string_view>("only a comment"));
  CHECK_FALSE(records[2]->comment_url.has_value());

  auto written = serialize_binarycookies_without(*jar, site_filter("example.test"));
  auto again = parse_binarycookies(written);
  REQUIRE(again.ok());
  auto kept = records_of(*again);
  REQUIRE(kept.size() == 2);
  CHECK(bytes_of(*kept[0]) == bytes_of(*records[0]));
  CHECK(bytes_of(*kept[1]) == bytes_of(*records[2]));
  CHECK(kept[0]->port == std::optional<std::uint16_t>(8443));

  // Field damage with the checksum made right again, so the field checks themselves must catch it.
  const std::size_t first_record = 12 + 24;  // file header, then a page header with 3 offsets
  auto damaged = [&](std::size_t at, std::uint8_t value) {
    Bytes b = bytes;
    b[at] = value;
    std::size_t sum_at = checksum_offset(b);
    std::uint32_t sum = checksum_from_raw_file(b);
    for (int i = 0; i < 4; ++i) b[sum_at + i] = static_cast<std::uint8_t>(sum >> (24 - 8 * i));
    return parse_binarycookies(b);
  };
  CHECK(damaged(first_record, bytes[first_record]).ok());  // the helper itself keeps a good file good
  CHECK_FALSE(damaged(first_record + 12, 2).ok());          // has_port neither 0 nor 1
  CHECK_FALSE(damaged(first_record + 16, 56).ok());         // domain string over the port field
  CHECK_FALSE(damaged(first_record + 32, 200).ok());        // comment offset past the record
}

TEST_CASE("deleting one site keeps every other record byte-for-byte and yields a valid file") {
  struct Case {
    const char* file;
    const char* site;
    std::size_t removed;
  };
  for (const auto& c : {Case{kDtformats, "cnn.com", 12}, Case{kDtformats, "google.com", 9}, Case{kDtformats, "apple.com", 17},
                        Case{kKooky, "ycombinator.com", 2}, Case{kYtdlp, "localhost", 1}, Case{kDtformats, "go.com", 3}}) {
    CAPTURE(c.file);
    CAPTURE(c.site);
    auto original = binarycookies_fixture(c.file);
    auto jar = parse_binarycookies(original);
    REQUIRE(jar.ok());
    auto remove = site_filter(c.site);
    std::vector<Bytes> expected_survivors;
    for (const auto* r : records_of(*jar))
      if (!remove(*r)) expected_survivors.push_back(bytes_of(*r));
    REQUIRE(jar->record_count() - expected_survivors.size() == c.removed);

    auto written = serialize_binarycookies_without(*jar, remove);
    CHECK(be32_at(written, checksum_offset(written)) == checksum_from_raw_file(written));
    auto again = parse_binarycookies(written);
    REQUIRE_MESSAGE(again.ok(), again.detail());
    std::vector<Bytes> survivors;
    for (const auto* r : records_of(*again)) survivors.push_back(bytes_of(*r));
    CHECK(survivors == expected_survivors);
    for (const auto* r : records_of(*again)) CHECK_FALSE(remove(*r));
    for (const auto& page : again->pages) CHECK_FALSE(page.records.empty());
    CHECK(Bytes(again->trailer.begin(), again->trailer.end()) == Bytes(jar->trailer.begin(), jar->trailer.end()));
  }
}

TEST_CASE("pages that lose no record are copied unchanged") {
  auto original = binarycookies_fixture(kDtformats);
  auto jar = parse_binarycookies(original);
  REQUIRE(jar.ok());
  auto remove = site_filter("cnn.com");
  auto again_bytes = serialize_binarycookies_without(*jar, remove);
  auto again = parse_binarycookies(again_bytes);
  REQUIRE(again.ok());
  std::vector<Bytes> untouched_before, after;
  for (const auto& page : jar->pages)
    if (std::none_of(page.records.begin(), page.records.end(), remove)) untouched_before.emplace_back(page.bytes.begin(), page.bytes.end());
  for (const auto& page : again->pages) after.emplace_back(page.bytes.begin(), page.bytes.end());
  for (const auto& page : untouched_before) CHECK(std::find(after.begin(), after.end(), page) != after.end());
}

TEST_CASE("deleting no record reproduces the file exactly, deleting every record leaves an empty valid jar") {
  for (const char* file : {kKooky, kYtdlp, kDtformats}) {
    CAPTURE(file);
    auto original = binarycookies_fixture(file);
    auto jar = parse_binarycookies(original);
    REQUIRE(jar.ok());
    CHECK(serialize_binarycookies_without(*jar, [](const BinaryCookieRecord&) { return false; }) == original);

    auto empty = serialize_binarycookies_without(*jar, [](const BinaryCookieRecord&) { return true; });
    auto parsed = parse_binarycookies(empty);
    REQUIRE_MESSAGE(parsed.ok(), parsed.detail());
    CHECK(parsed->pages.empty());
    CHECK(parsed->checksum == 0);
    CHECK(empty.size() == 12 + jar->trailer.size());
  }
}

TEST_CASE("a file cut at any length is rejected, except where a complete shorter trailer ends") {
  for (const char* file : {kKooky, kYtdlp, kDtformats}) {
    CAPTURE(file);
    auto original = binarycookies_fixture(file);
    std::size_t after_checksum = checksum_offset(original) + 4;
    // No trailer, the old 4-byte footer, the full 8-byte footer: all exist in real files.
    std::set<std::size_t> legitimate{after_checksum, after_checksum + 4, after_checksum + 8};
    std::size_t accepted = 0;
    for (std::size_t length = 0; length < original.size(); ++length) {
      Bytes cut(original.begin(), original.begin() + static_cast<std::ptrdiff_t>(length));
      bool ok = parse_binarycookies(cut).ok();
      CAPTURE(length);
      CHECK(ok == (legitimate.count(length) == 1));
      accepted += ok;
    }
    CHECK(accepted >= 1);
  }
}

TEST_CASE("structural corruption is rejected with an error that names the offset") {
  auto original = binarycookies_fixture(kKooky);
  auto corrupt_at = [&](std::size_t at, std::uint8_t value) {
    Bytes b = original;
    b[at] = value;
    return parse_binarycookies(b);
  };
  CHECK(corrupt_at(0, 'C').status() == warden::Status::corrupt_buffer);   // magic
  CHECK(corrupt_at(7, 0x40).status() == warden::Status::corrupt_buffer);  // page count
  CHECK(corrupt_at(10, 0x7f).status() == warden::Status::corrupt_buffer); // first page size beyond the file
  CHECK(corrupt_at(0x10 + 2, 0x02).status() == warden::Status::corrupt_buffer);  // page header
  CHECK(corrupt_at(0x14, 0xff).status() == warden::Status::corrupt_buffer);      // record count
  CHECK(corrupt_at(0x18, 0xf0).status() == warden::Status::corrupt_buffer);      // record offset
  CHECK(corrupt_at(0x20, 0xff).status() == warden::Status::corrupt_buffer);      // record size
  CHECK(corrupt_at(0x2c, 0x02).status() == warden::Status::corrupt_buffer);      // has_port
  CHECK(corrupt_at(0x30, 0xf0).status() == warden::Status::corrupt_buffer);      // domain offset past the record
  CHECK(corrupt_at(0x30, 0x04).status() == warden::Status::corrupt_buffer);      // domain offset inside the fixed fields
  CHECK(corrupt_at(0x9f, 'x').status() == warden::Status::corrupt_buffer);       // last string loses its NUL
  CHECK(corrupt_at(0x98, 'x').status() == warden::Status::corrupt_buffer);       // a checksummed byte changed
  CHECK(corrupt_at(0x12f, 0x00).status() == warden::Status::corrupt_buffer);     // stored checksum
  CHECK(corrupt_at(0x130, 0x08).status() == warden::Status::corrupt_buffer);     // footer
  auto detail = corrupt_at(0x18, 0xf0).detail();
  CHECK(detail.find("offset 24") != std::string::npos);
}

TEST_CASE("binarycookies_random_corruption_never_reads_out_of_bounds_and_a_rejected_file_stays_untouched_on_disk") {
  ScratchDir dir;
  fs::path path = dir.path / "Cookies.binarycookies";
  std::mt19937 rng(20261129);
  std::size_t rejected = 0, accepted = 0;
  for (const char* file : {kKooky, kYtdlp, kDtformats}) {
    auto original = binarycookies_fixture(file);
    for (int round = 0; round < 300; ++round) {
      Bytes b = original;
      int flips = 1 + static_cast<int>(rng() % 4);
      for (int i = 0; i < flips; ++i) b[rng() % b.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
      auto parsed = parse_binarycookies(b);
      if (parsed.ok()) {
        ++accepted;
        // Whatever was accepted must survive a rewrite.
        auto rewritten = serialize_binarycookies_without(*parsed, site_filter("cnn.com"));
        CHECK(parse_binarycookies(rewritten).ok());
        continue;
      }
      ++rejected;
      write_bytes(path, b);
      auto result = remove_from_binarycookies_file(path, [](const BinaryCookieRecord&) { return true; });
      CHECK(result.skipped == SkipReason::corrupt);
      CHECK(read_bytes(path) == b);
    }
  }
  CHECK(dir.entries() == 1);  // no temporary file left behind
  MESSAGE("random corruption: " << rejected << " rejected, " << accepted << " accepted (flips in unchecked string bytes)");
  CHECK(rejected > accepted);
}

TEST_CASE("remove_from_binarycookies_file rewrites in place, keeps the mode, leaves no temporary file") {
  ScratchDir dir;
  fs::path path = dir.path / "Cookies.binarycookies";
  auto original = binarycookies_fixture(kDtformats);
  write_bytes(path, original);
  REQUIRE(::chmod(path.c_str(), 0600) == 0);

  auto inspected = inspect_binarycookies_file(path, site_filter("cnn.com"));
  REQUIRE_MESSAGE(inspected.ok(), inspected.message);
  CHECK(inspected.matched.size() == 12);
  CHECK(inspected.matched[0].domain.ends_with("cnn.com"));
  CHECK(inspected.kept == 79);
  CHECK(read_bytes(path) == original);

  auto result = remove_from_binarycookies_file(path, site_filter("cnn.com"));
  REQUIRE_MESSAGE(result.ok(), result.message);
  CHECK(result.matched.size() == 12);
  CHECK(result.kept == 79);
  auto now = read_bytes(path);
  auto jar = parse_binarycookies(now);
  REQUIRE(jar.ok());
  CHECK(jar->record_count() == 79);
  auto expected = serialize_binarycookies_without(*parse_binarycookies(original), site_filter("cnn.com"));
  CHECK(now == expected);
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0600);
  CHECK(dir.entries() == 1);

  auto second = remove_from_binarycookies_file(path, site_filter("cnn.com"));
  CHECK(second.ok());
  CHECK(second.matched.empty());
}

TEST_CASE("nothing to delete: the file is not rewritten") {
  ScratchDir dir;
  fs::path path = dir.path / "Cookies.binarycookies";
  write_bytes(path, binarycookies_fixture(kKooky));
  struct stat before {}, after {};
  REQUIRE(::stat(path.c_str(), &before) == 0);
  auto result = remove_from_binarycookies_file(path, site_filter("example.test"));
  CHECK(result.ok());
  CHECK(result.matched.empty());
  CHECK(result.kept == 2);
  REQUIRE(::stat(path.c_str(), &after) == 0);
  CHECK(before.st_ino == after.st_ino);
}

TEST_CASE("missing files, symlinks and directories are clear errors") {
  ScratchDir dir;
  auto all = [](const BinaryCookieRecord&) { return true; };
  CHECK(remove_from_binarycookies_file(dir.path / "absent", all).skipped == SkipReason::not_present);
  write_bytes(dir.path / "real", binarycookies_fixture(kKooky));
  fs::create_symlink(dir.path / "real", dir.path / "link");
  auto linked = remove_from_binarycookies_file(dir.path / "link", all);
  CHECK(linked.skipped == SkipReason::unsafe_path);
  CHECK(linked.message.find("link") != std::string::npos);
  CHECK(read_bytes(dir.path / "real") == binarycookies_fixture(kKooky));
  fs::create_directory(dir.path / "sub");
  CHECK(inspect_binarycookies_file(dir.path / "sub", all).skipped == SkipReason::unsafe_path);
}

TEST_CASE("an unreadable file is permission_denied and stays untouched") {
  if (::geteuid() == 0) {
    MESSAGE("running as root: file permissions do not apply, skipped");
    return;
  }
  ScratchDir dir;
  fs::path path = dir.path / "Cookies.binarycookies";
  write_bytes(path, binarycookies_fixture(kKooky));
  REQUIRE(::chmod(path.c_str(), 0000) == 0);
  auto result = remove_from_binarycookies_file(path, [](const BinaryCookieRecord&) { return true; });
  CHECK(result.skipped == SkipReason::permission_denied);
  REQUIRE(::chmod(path.c_str(), 0600) == 0);
  CHECK(read_bytes(path) == binarycookies_fixture(kKooky));
}
