// How WebKit names the origin a piece of website data belongs to (WebKit's own source is the
// reference: Source/WebKit/NetworkProcess/storage/ and WebCore's SecurityOriginData).
//
// 1. The general storage folder (GNOME Web's storage/, Safari's WebsiteData/Default and named
//    profiles' Origins/) holds <salted hash of the top origin>/<salted hash of the origin>/, and in
//    each such folder a file `origin`: WTF::Persistence encoding of the ClientOrigin, the top-frame
//    origin then the frame's origin, each as scheme, host (String: u32le length, u8 1 for Latin-1 or
//    0 for UTF-16LE, then the characters; length 0xFFFFFFFF is the null string) and port (u8 0 for
//    none, else u8 1 then u16le). The hashes cannot be computed without the salt file; the origin
//    file is what says whose folder it is.
// 2. The legacy layouts GNOME Web uses because it names localstorage/ and databases/indexeddb/
//    itself: file and folder names are the origin's database identifier "scheme_host_port", port 0
//    for the scheme's default ("http_www.example.test_0", "https_a.test_8443").
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deletion/site_store.h"

namespace cookiewarden {

// A ClientOrigin as serialised origins "scheme://host[:port]".
struct WebKitClientOrigin {
  std::string top;    // the top-level page's origin
  std::string frame;  // the origin that owns the data (== top for first-party data)
};

// The two origins an `origin` file holds; nothing when the bytes are not one (truncated, trailing
// bytes, a scheme or host that is empty or not ASCII).
std::optional<WebKitClientOrigin> webkit_origin_file(std::string_view bytes);

// The `origin` file of a per-origin folder, read without following a symlink; nothing when it is
// missing, larger than any origin file, or not one.
std::optional<WebKitClientOrigin> webkit_folder_origin(const std::filesystem::path& folder);

// The folders directly in `dir` (symlinks passed over) that hold an `origin` file, with its origins.
struct WebKitOriginFolder {
  std::filesystem::path folder;
  WebKitClientOrigin origin;
};
std::vector<WebKitOriginFolder> webkit_origin_folders(const std::filesystem::path& dir);

// A per-origin folder as a deletion item of `kind`: the frame's origin owns it, partitioned under
// the top origin when that is another one.
SiteItem webkit_folder_item(const std::filesystem::path& folder, const WebKitClientOrigin& origin, ItemKind kind);

// "http_www.example.test_0" → "http://www.example.test"; "https_a.test_8443" → "https://a.test:8443".
// Empty when the name is not a database identifier. A suffix after the identifier (".localstorage")
// must be removed first.
std::string webkit_identifier_origin(std::string_view identifier);

}  // namespace cookiewarden
