#include "serve/server_state.h"

#include <boost/asio/post.hpp>

namespace cookiewarden::serve {

void ServerState::answer(std::string body, std::function<void(ApiReply)> deliver) {
  boost::asio::post(command_thread, [this, body = std::move(body), deliver = std::move(deliver)]() mutable {
    ApiReply reply = answer_request(body, ctx_, commands_);
    boost::asio::post(io, [reply = std::move(reply), deliver = std::move(deliver)]() mutable { deliver(std::move(reply)); });
  });
}

}  // namespace cookiewarden::serve
