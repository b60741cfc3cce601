// Has the browser closed the native-messaging port? Browsers close our stdin when the port goes
// away (the page or extension let it go, the browser quit), often before they end the process.
// While a long delete_site runs nothing reads stdin, so the hang-up is only seen by asking.
#pragma once

namespace cookiewarden::protocol {

// True when `fd` (the port's read end) has hung up with nothing left to read in it, and the
// caller holds no buffered request either (`buffered`): a request sent before the close is
// still answered. False for a port still open, and for an fd that is not a pipe.
bool port_hung_up(int fd, bool buffered);

}  // namespace cookiewarden::protocol
