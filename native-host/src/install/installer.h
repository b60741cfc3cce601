// Carries out an InstallPlan (manifest files, Windows registry values, the install record) and
// undoes exactly what was recorded.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "install/install_plan.h"
#include "platform/environment.h"

namespace cookiewarden::install {

struct InstallOutcome {
  std::vector<std::filesystem::path> written;  // manifest files
  std::vector<std::string> registry_written;   // HKCU keys
  std::vector<std::string> not_done;           // what could not be done, and why
  bool ok() const { return not_done.empty(); }
};

struct UninstallOutcome {
  std::vector<std::filesystem::path> removed;  // files and (empty) directories
  std::vector<std::string> registry_removed;
  std::vector<std::string> left_alone;  // recorded but changed since: not ours anymore
  std::vector<std::string> not_done;    // could not be removed, and why (kept in the record)
  bool ok() const { return not_done.empty(); }
};

InstallOutcome perform_install(const Environment& env, const InstallPlan& plan);
UninstallOutcome perform_uninstall(const Environment& env);

}  // namespace cookiewarden::install
