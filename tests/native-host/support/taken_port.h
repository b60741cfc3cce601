// Test support: a loopback port that "another program" holds (a listening socket of the test's
// own), for the tests that check the server refuses it rather than serve half. POSIX sockets.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>

namespace cookiewarden::test {

class TakenPort {
 public:
  enum Loopback { ipv4, ipv6 };

  // Any free port on 127.0.0.1 or on [::1] (IPv6 only), listening until this goes.
  explicit TakenPort(Loopback loopback) {
    int family = loopback == ipv4 ? AF_INET : AF_INET6;
    fd_ = socket(family, SOCK_STREAM, 0);
    if (fd_ < 0) return;
    sockaddr_in v4{};
    sockaddr_in6 v6{};
    v4.sin_family = AF_INET;
    v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    v6.sin6_family = AF_INET6;
    v6.sin6_addr = in6addr_loopback;
    int one = 1;
    if (loopback == ipv6) setsockopt(fd_, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    auto* address = loopback == ipv4 ? reinterpret_cast<sockaddr*>(&v4) : reinterpret_cast<sockaddr*>(&v6);
    socklen_t length = loopback == ipv4 ? sizeof v4 : sizeof v6;
    if (bind(fd_, address, length) != 0 || listen(fd_, 1) != 0 || getsockname(fd_, address, &length) != 0) {
      close(fd_);
      fd_ = -1;
      return;
    }
    port_ = ntohs(loopback == ipv4 ? v4.sin_port : v6.sin6_port);
  }
  ~TakenPort() {
    if (fd_ >= 0) close(fd_);
  }
  TakenPort(const TakenPort&) = delete;
  TakenPort& operator=(const TakenPort&) = delete;

  // False when the machine has no such loopback address.
  bool held() const { return fd_ >= 0; }
  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace cookiewarden::test
