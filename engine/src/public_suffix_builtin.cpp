#include <cstdlib>

#include "warden/public_suffix.h"

namespace warden {

// Defined in the .cpp that engine/tools/psl_compile.cpp generates at build time from
// engine/rules/public_suffix_list.dat (see engine/CMakeLists.txt). Kept in its own object file so
// a binary that never calls builtin() does not link the blob.
extern const std::uint8_t kBuiltinPublicSuffixBlob[];
extern const std::size_t kBuiltinPublicSuffixBlobSize;

const PublicSuffixList& PublicSuffixList::builtin() {
  static const PublicSuffixList list = [] {
    auto viewed = view({kBuiltinPublicSuffixBlob, kBuiltinPublicSuffixBlobSize});
    // The generator viewed these very bytes before writing them out, so failing here means the
    // binary itself is damaged: there is no sensible list to fall back to.
    if (!viewed.ok()) std::abort();
    return *viewed;
  }();
  return list;
}

}  // namespace warden
