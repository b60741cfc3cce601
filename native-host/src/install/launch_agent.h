// Safari's way to the host: a Safari web extension talks over native messaging only to the app
// it ships in, so it reaches `cookiewarden serve` on loopback instead (paired once). On macOS
// `install --safari` keeps serve running with a launchd agent: a property list in
// ~/Library/LaunchAgents that launchd reads at login and that runs `cookiewarden serve --no-open`
// (no dashboard opened at every login; serve reopens the port the paired extensions know).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "platform/environment.h"

namespace cookiewarden::install {

// launchd's job label, also the plist's file name.
inline constexpr std::string_view kLaunchAgentLabel = "org.cookiewarden.serve";

// ~/Library/LaunchAgents/org.cookiewarden.serve.plist
std::filesystem::path launch_agent_path(const Environment& env);

// The XML property list: Label, ProgramArguments {binary, serve, --no-open}, RunAtLoad (start
// at login), and KeepAlive only after a failed exit (serve stopped on purpose exits 0 and stays
// stopped). `binary` is absolute.
std::string launch_agent_plist(const std::filesystem::path& binary);

// Whether the text is a property list whose Label is kLaunchAgentLabel: uninstall removes
// only such a file.
bool is_our_launch_agent(std::string_view plist);

}  // namespace cookiewarden::install
