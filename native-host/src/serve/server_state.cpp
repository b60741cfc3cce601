#include "serve/server_state.h"

#include <boost/asio/post.hpp>

namespace cookiewarden::serve {

void ServerState::answer(std::string body, std::function<void(ApiReply)> deliver, ProgressText progress) {
  boost::asio::post(command_thread, [this, body = std::move(body), deliver = std::move(deliver),
                                     progress = std::move(progress)]() mutable {
    // The I/O thread runs what is posted in order, so each progress message precedes the reply.
    ProgressText to_io;
    if (progress)
      to_io = [this, &progress](std::string text) {
        boost::asio::post(io, [progress, text = std::move(text)] { progress(text); });
      };
    ApiReply reply = answer_request(body, ctx_, commands_, to_io);
    boost::asio::post(io, [reply = std::move(reply), deliver = std::move(deliver)]() mutable { deliver(std::move(reply)); });
  });
}

}  // namespace cookiewarden::serve
