// The few HKEY_CURRENT_USER operations the installer needs on Windows (a key whose default
// value is a host manifest's path). Only built for Windows; other OSes plan these writes as data
// (install_plan.h) and never perform them.
#pragma once

#if defined(_WIN32)

#include <optional>
#include <string>

namespace cookiewarden {

// Keys and values are UTF-8; keys are relative to HKEY_CURRENT_USER.
bool registry_set_default_value(const std::string& key, const std::string& value);
std::optional<std::string> registry_default_value(const std::string& key);
bool registry_delete_key(const std::string& key);

}  // namespace cookiewarden

#endif
