// The ICANN section of the Public Suffix List alone: the suffixes registries operate (com, co.uk,
// each name under *.ck), without the PRIVATE section, where a company lists its own domain so that
// its users' subdomains count as separate sites (carrd.co, github.io). A name the PRIVATE section
// lists is then still a site of its own; one the ICANN section lists is nobody's site.
// Compiled in at build time from the same public_suffix_list.dat as PublicSuffixList::builtin().
#pragma once

#include "warden/public_suffix.h"

namespace cookiewarden {

const warden::PublicSuffixList& icann_suffixes();

}  // namespace cookiewarden
