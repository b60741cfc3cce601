#include "warden/decision.h"

namespace warden {

std::string_view action_name(Action a) { return a == Action::block ? "block" : "allow"; }

}  // namespace warden
