#include "protocol/session.h"

#include <doctest/doctest.h>

#include <sstream>
#include <stdexcept>

#include "frame_codec.h"

using namespace cookiewarden;
using namespace cookiewarden::protocol;
using cookiewarden::test::frame;
using cookiewarden::test::le32;
using cookiewarden::test::split_frames;
using nlohmann::json;

namespace {

CommandResult run_echo(const json& args, CommandContext&) { return CommandResult::success(args); }
CommandResult run_throw(const json&, CommandContext&) { throw std::runtime_error("kaput"); }
CommandResult run_refuse(const json&, CommandContext&) {
  return CommandResult::failure(ErrorCode::invalid_argument, "site is missing");
}
CommandResult run_big(const json& args, CommandContext&) {
  json rows = json::array();
  for (int i = 0; i < args.value("rows", 0); ++i) rows.push_back("row " + std::to_string(i) + std::string(100, '.'));
  return CommandResult::success(rows);
}

const Command kTestCommands[] = {{"echo", run_echo}, {"throw", run_throw}, {"refuse", run_refuse}, {"big", run_big}};

struct Outcome {
  int exit_code;
  std::vector<json> replies;
};

Outcome converse(const std::string& input, std::span<const Command> commands = kTestCommands) {
  Environment env;
  env.home = "/nonexistent-home";
  CommandContext ctx{env, warden::PublicSuffixList::builtin()};
  std::istringstream in(input, std::ios::binary);
  std::ostringstream out(std::ios::binary);
  Outcome outcome{run_session(in, out, ctx, commands), {}};
  for (const std::string& message : split_frames(out.str())) {
    CHECK(message.size() <= kMaxReplyBytes);
    outcome.replies.push_back(json::parse(message));
  }
  return outcome;
}

std::string error_code(const json& reply) { return reply["error"]["code"].get<std::string>(); }

}  // namespace

TEST_CASE("session: requests are answered in order and the session ends cleanly at EOF") {
  Outcome o = converse(frame(R"({"id":1,"cmd":"echo","args":{"x":1}})") + frame(R"({"id":"two","cmd":"echo"})"));
  CHECK(o.exit_code == 0);
  REQUIRE(o.replies.size() == 2);
  CHECK(o.replies[0] == json{{"id", 1}, {"ok", true}, {"result", {{"x", 1}}}});
  CHECK(o.replies[1] == json{{"id", "two"}, {"ok", true}, {"result", json::object()}});
}

TEST_CASE("session: every malformed message gets an error reply and the session goes on") {
  std::string input = frame("{\"id\":1,\"cmd\":\"echo\",\"args\":{\"s\":\"\xED\xA0\x80\"}}") +  // surrogate
                      frame("{not json") +                                                 //
                      frame("42") +                                                        //
                      frame(R"({"id":9,"cmd":5})") +                                       //
                      frame(R"({"id":10,"cmd":"nope"})") +                                 //
                      frame(R"({"id":11,"cmd":"throw"})") +                                //
                      frame(R"({"id":12,"cmd":"refuse"})") +                               //
                      le32(0) +                                                            //
                      frame(R"({"id":13,"cmd":"echo"})");
  Outcome o = converse(input);
  CHECK(o.exit_code == 0);
  REQUIRE(o.replies.size() == 9);
  CHECK(error_code(o.replies[0]) == "invalid_utf8");
  CHECK(o.replies[0]["id"].is_null());
  CHECK(error_code(o.replies[1]) == "invalid_json");
  CHECK(error_code(o.replies[2]) == "bad_request");
  CHECK(error_code(o.replies[3]) == "bad_request");
  CHECK(o.replies[3]["id"] == 9);
  CHECK(error_code(o.replies[4]) == "unknown_command");
  CHECK(o.replies[4]["id"] == 10);
  CHECK(error_code(o.replies[5]) == "internal");
  CHECK(o.replies[5]["error"]["message"].get<std::string>().find("kaput") != std::string::npos);
  CHECK(error_code(o.replies[6]) == "invalid_argument");
  CHECK(o.replies[6]["error"]["message"] == "site is missing");
  CHECK(error_code(o.replies[7]) == "bad_frame");
  CHECK(o.replies[8]["ok"] == true);
}

TEST_CASE("session: an oversized request is skipped and answered, the next request still works") {
  std::string huge = R"({"id":1,"cmd":"echo","args":{"pad":")" + std::string(kMaxRequestBytes, 'p') + "\"}}";
  Outcome o = converse(frame(huge) + frame(R"({"id":2,"cmd":"echo"})"));
  CHECK(o.exit_code == 0);
  REQUIRE(o.replies.size() == 2);
  CHECK(error_code(o.replies[0]) == "too_large");
  CHECK(o.replies[1]["id"] == 2);
}

TEST_CASE("session: an impossible length or a truncated frame ends the session with exit code 1") {
  Outcome fatal = converse(le32(0x7FFFFFFFu) + "garbage");
  CHECK(fatal.exit_code == 1);
  REQUIRE(fatal.replies.size() == 1);
  CHECK(error_code(fatal.replies[0]) == "too_large");

  Outcome cut = converse(frame(R"({"id":1,"cmd":"echo"})") + le32(50) + "{\"id\":2");
  CHECK(cut.exit_code == 1);
  REQUIRE(cut.replies.size() == 1);
  CHECK(cut.replies[0]["id"] == 1);

  Outcome header_cut = converse(std::string("\x05\x00", 2));
  CHECK(header_cut.exit_code == 1);
  CHECK(header_cut.replies.empty());
}

TEST_CASE("session: a result over 1 MiB arrives as pages that reassemble to the result") {
  Outcome o = converse(frame(R"({"id":"p","cmd":"big","args":{"rows":20000}})") + frame(R"({"id":"q","cmd":"echo"})"));
  CHECK(o.exit_code == 0);
  REQUIRE(o.replies.size() >= 3);
  std::string text;
  std::size_t pages = o.replies.size() - 1;
  for (std::size_t i = 0; i < pages; ++i) {
    CHECK(o.replies[i]["id"] == "p");
    CHECK(o.replies[i]["page"]["index"] == i);
    CHECK(o.replies[i]["page"]["count"] == pages);
    text += o.replies[i]["result_part"].get<std::string>();
  }
  json rows = json::parse(text);
  REQUIRE(rows.size() == 20000);
  CHECK(rows[19999] == "row 19999" + std::string(100, '.'));
  CHECK(o.replies.back()["id"] == "q");
}

TEST_CASE("session: refuse_session answers the first request with its id, then stops") {
  std::istringstream in(frame(R"({"id":77,"cmd":"hello"})") + frame(R"({"id":78,"cmd":"hello"})"), std::ios::binary);
  std::ostringstream out(std::ios::binary);
  CHECK(refuse_session(in, out, {ErrorCode::not_allowed, "nope"}) == 1);
  auto replies = split_frames(out.str());
  REQUIRE(replies.size() == 1);
  json reply = json::parse(replies[0]);
  CHECK(reply["id"] == 77);
  CHECK(reply["error"]["code"] == "not_allowed");
}

TEST_CASE("session: an error reply never exceeds the reply limit, however long the echoed input") {
  std::string long_cmd(kMaxRequestBytes - 100, 'c');
  Outcome unknown = converse(frame(R"({"id":1,"cmd":")" + long_cmd + "\"}"));
  REQUIRE(unknown.replies.size() == 1);
  CHECK(error_code(unknown.replies[0]) == "unknown_command");
  CHECK(unknown.replies[0]["error"]["message"].get<std::string>().size() < 200);

  // A handler's own message is cut to fit, on a code-point boundary.
  static const Command chatty[] = {{"chatty", [](const json&, CommandContext&) {
                                      std::string message;
                                      for (int i = 0; i < 300000; ++i) message += "\xC3\xBC\xE2\x9C\x93";  // ü✓
                                      return CommandResult::failure(ErrorCode::io_error, message);
                                    }}};
  Outcome cut = converse(frame(R"({"id":2,"cmd":"chatty"})"), chatty);  // converse checks ≤ 1 MiB
  REQUIRE(cut.replies.size() == 1);
  std::string message = cut.replies[0]["error"]["message"];
  CHECK(message.size() > kMaxReplyBytes / 2);
  CHECK(message.ends_with("..."));
  CHECK(message.find("\xEF\xBF\xBD") == std::string::npos);  // no code point was split (U+FFFD)
}

namespace {

// A stream buffer that hands its bytes on only when flushed, like a pipe to the browser:
// `delivered` is what the other end has seen.
class FlushedOnly : public std::stringbuf {
 public:
  std::string delivered;

 protected:
  int sync() override {
    delivered = str();
    return 0;
  }
};

FlushedOnly* g_pipe = nullptr;        // the session's output, for the handler below
std::vector<std::size_t> g_seen;      // frames delivered when each step had been reported

CommandResult run_steps(const json& args, CommandContext& ctx) {
  for (int step = 1; step <= args.value("steps", 0); ++step) {
    if (ctx.progress) ctx.progress({{"done", step - 1}, {"total", args["steps"]}, {"state", "deleting"}});
    if (g_pipe) g_seen.push_back(split_frames(g_pipe->delivered).size());
  }
  if (args.value("fail", false)) return CommandResult::failure(ErrorCode::io_error, "disk gone");
  if (args.value("throw", false)) throw std::runtime_error("kaput");
  return CommandResult::success({{"steps", args["steps"]}});
}

CommandResult run_huge_progress(const json&, CommandContext& ctx) {
  ctx.progress({{"state", "deleting"}, {"profile", std::string(kMaxReplyBytes, 'p')}});
  ctx.progress({{"state", "done"}});
  return CommandResult::success(true);
}

const Command kProgressCommands[] = {{"steps", run_steps}, {"huge_progress", run_huge_progress}};

}  // namespace

TEST_CASE("session: progress messages carry the request's id and come before its reply") {
  Outcome o = converse(frame(R"({"id":"a","cmd":"steps","progress":true,"args":{"steps":2}})") +
                           frame(R"({"id":5,"cmd":"steps","progress":true,"args":{"steps":1}})"),
                       kProgressCommands);
  CHECK(o.exit_code == 0);
  REQUIRE(o.replies.size() == 5);
  CHECK(o.replies[0] == json{{"id", "a"}, {"progress", {{"done", 0}, {"total", 2}, {"state", "deleting"}}}});
  CHECK(o.replies[1] == json{{"id", "a"}, {"progress", {{"done", 1}, {"total", 2}, {"state", "deleting"}}}});
  CHECK(o.replies[2] == json{{"id", "a"}, {"ok", true}, {"result", {{"steps", 2}}}});
  CHECK(o.replies[3] == json{{"id", 5}, {"progress", {{"done", 0}, {"total", 1}, {"state", "deleting"}}}});
  CHECK(o.replies[4] == json{{"id", 5}, {"ok", true}, {"result", {{"steps", 1}}}});
  for (const json& message : o.replies)  // a progress message is never mistaken for a reply or a page
    CHECK(message.contains("progress") != (message.contains("ok") || message.contains("page")));
}

TEST_CASE("session: each progress message is flushed to the browser as it happens") {
  FlushedOnly pipe;
  std::ostream out(&pipe);
  std::istringstream in(frame(R"({"id":1,"cmd":"steps","progress":true,"args":{"steps":3}})"), std::ios::binary);
  Environment env;
  env.home = "/nonexistent-home";
  CommandContext ctx{env, warden::PublicSuffixList::builtin()};
  g_pipe = &pipe;
  g_seen.clear();
  int exit_code = run_session(in, out, ctx, kProgressCommands);
  g_pipe = nullptr;
  CHECK(exit_code == 0);
  CHECK(g_seen == std::vector<std::size_t>{1, 2, 3});  // delivered while the command still ran
  CHECK(split_frames(pipe.delivered).size() == 4);
}

TEST_CASE("session: a command that fails or throws after progress still ends with its error reply") {
  Outcome o = converse(frame(R"({"id":1,"cmd":"steps","progress":true,"args":{"steps":1,"fail":true}})") +
                           frame(R"({"id":2,"cmd":"steps","progress":true,"args":{"steps":2,"throw":true}})") +
                           frame(R"({"id":3,"cmd":"steps","progress":true,"args":{"steps":0}})"),
                       kProgressCommands);
  CHECK(o.exit_code == 0);
  REQUIRE(o.replies.size() == 6);
  CHECK(o.replies[0]["id"] == 1);
  CHECK(o.replies[0].contains("progress"));
  CHECK(o.replies[1]["id"] == 1);
  CHECK(error_code(o.replies[1]) == "io_error");
  CHECK(o.replies[1]["error"]["message"] == "disk gone");
  CHECK(o.replies[2]["id"] == 2);
  CHECK(o.replies[3]["id"] == 2);
  CHECK(o.replies[3].contains("progress"));
  CHECK(o.replies[4]["id"] == 2);
  CHECK(error_code(o.replies[4]) == "internal");
  CHECK(o.replies[5] == json{{"id", 3}, {"ok", true}, {"result", {{"steps", 0}}}});
}

TEST_CASE("session: a progress message too large for the browser is dropped, the rest still arrive") {
  Outcome o = converse(frame(R"({"id":1,"cmd":"huge_progress","progress":true})"), kProgressCommands);  // converse checks ≤ 1 MiB
  CHECK(o.exit_code == 0);
  REQUIRE(o.replies.size() == 2);
  CHECK(o.replies[0] == json{{"id", 1}, {"progress", {{"state", "done"}}}});
  CHECK(o.replies[1] == json{{"id", 1}, {"ok", true}, {"result", true}});
}

TEST_CASE("session: without \"progress\": true only the reply comes (one-shot callers take the first message)") {
  Outcome o = converse(frame(R"({"id":1,"cmd":"steps","args":{"steps":3}})") +
                           frame(R"({"id":2,"cmd":"steps","progress":false,"args":{"steps":2,"fail":true}})"),
                       kProgressCommands);
  CHECK(o.exit_code == 0);
  REQUIRE(o.replies.size() == 2);
  CHECK(o.replies[0] == json{{"id", 1}, {"ok", true}, {"result", {{"steps", 3}}}});
  CHECK(error_code(o.replies[1]) == "io_error");
}
