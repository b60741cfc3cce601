// Opening the dashboard in the person's default browser: xdg-open (Linux), open (macOS), the
// shell's "open" verb (Windows, what `start` does). Best effort: the URL is printed anyway.
#pragma once

#include <string>

namespace cookiewarden::serve {

// Whether the opener could be started (not whether a browser appeared).
bool open_in_browser(const std::string& url);

}  // namespace cookiewarden::serve
