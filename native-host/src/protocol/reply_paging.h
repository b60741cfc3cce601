// Turns a command's result into the messages that carry it (the paging scheme is described in
// message.h): one message when it fits, else pages of JSON text, each a complete message
// within the browser's host→browser limit.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/message.h"

namespace cookiewarden::protocol {

// Serialised success-reply messages, each at most max_message_bytes; a single too_large error
// reply when the result exceeds kMaxPagedResultBytes. max_message_bytes is kMaxReplyBytes on the
// wire; tests pass smaller values to exercise many pages cheaply.
std::vector<std::string> result_reply_messages(const nlohmann::json& id, const nlohmann::json& result,
                                               std::size_t max_message_bytes = kMaxReplyBytes);

}  // namespace cookiewarden::protocol
