// The buffer format's version follows its layout: the section table's fingerprint is recorded with
// the version it belongs to, so changing a record size, a section or its checks without bumping
// kSnapshotVersion fails here instead of letting an old engine.bin be read with the new layout.
#include "snapshot_layout.h"

#include <doctest/doctest.h>

#include <utility>

#include "warden/snapshot.h"

using namespace warden::snapshot;

TEST_CASE("the buffer format version changes when the section layout does") {
  INFO("the layout fingerprint is now " << layout_fingerprint()
                                         << ": bump kSnapshotVersion (snapshot.h) and record both in kFormatFingerprint");
  CHECK(kFormatFingerprint.version == warden::kSnapshotVersion);
  CHECK(kFormatFingerprint.fingerprint == layout_fingerprint());
}

TEST_CASE("the layout fingerprint sees record sizes, order and checks of the section table") {
  constexpr std::uint32_t current = layout_fingerprint();
  // Recomputed over an edited copy of the table: each kind of edit must move the fingerprint.
  auto with = [](auto edit) {
    SectionSpec specs[kSectionCount];
    for (std::uint32_t i = 0; i < kSectionCount; ++i) specs[i] = kSectionSpecs[i];
    edit(specs);
    return layout_fingerprint_of(specs);
  };
  CHECK(with([](SectionSpec*) {}) == current);
  CHECK(with([](SectionSpec* s) { s[kPatterns].record_size += 4; }) != current);
  CHECK(with([](SectionSpec* s) { s[kHostBloom].flags = 0; }) != current);
  CHECK(with([](SectionSpec* s) { std::swap(s[kDomains].name, s[kPatterns].name); }) != current);
}
