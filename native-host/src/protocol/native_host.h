// The browser-launched face of the binary: check the caller, then serve requests on stdio.
#pragma once

#include "protocol/caller.h"

namespace cookiewarden::protocol {

// Returns the process exit code.
int run_native_host(const Caller& caller);

}  // namespace cookiewarden::protocol
