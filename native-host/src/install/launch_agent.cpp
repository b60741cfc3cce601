#include "install/launch_agent.h"

#include "platform/path_text.h"

namespace cookiewarden::install {
namespace {

// The five characters XML gives meaning to, in a path that may hold any of them.
std::string xml_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string label_line() { return "  <key>Label</key>\n  <string>" + std::string(kLaunchAgentLabel) + "</string>\n"; }

}  // namespace

std::filesystem::path launch_agent_path(const Environment& env) {
  return env.home / "Library" / "LaunchAgents" / (std::string(kLaunchAgentLabel) + ".plist");
}

std::string launch_agent_plist(const std::filesystem::path& binary) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
         "<plist version=\"1.0\">\n"
         "<dict>\n" +
         label_line() +
         "  <key>ProgramArguments</key>\n"
         "  <array>\n"
         "    <string>" + xml_text(path_text(binary)) + "</string>\n"
         "    <string>serve</string>\n"
         "    <string>--no-open</string>\n"
         "  </array>\n"
         "  <key>RunAtLoad</key>\n"
         "  <true/>\n"
         "  <key>KeepAlive</key>\n"
         "  <dict>\n"
         "    <key>SuccessfulExit</key>\n"
         "    <false/>\n"
         "  </dict>\n"
         "</dict>\n"
         "</plist>\n";
}

bool is_our_launch_agent(std::string_view plist) {
  return plist.starts_with("<?xml") && plist.find(label_line()) != std::string_view::npos;
}

}  // namespace cookiewarden::install
