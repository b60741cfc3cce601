# nlohmann/json for the Emscripten build. The toolchain confines find_package to Emscripten's sysroot,
# and the build machine's package config would put all of /usr/include on em++'s include path (whose
# glibc headers break the build). The library is header-only, so a build-tree directory holding just
# a link to its headers serves.
find_path(WARDEN_NLOHMANN_INCLUDE nlohmann/json.hpp PATHS /usr/local/include /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED
          DOC "Directory holding nlohmann/json.hpp on the build machine")
set(_warden_nlohmann_dir "${CMAKE_BINARY_DIR}/host-headers")
file(MAKE_DIRECTORY "${_warden_nlohmann_dir}")
file(CREATE_LINK "${WARDEN_NLOHMANN_INCLUDE}/nlohmann" "${_warden_nlohmann_dir}/nlohmann" SYMBOLIC)
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
set_target_properties(nlohmann_json::nlohmann_json PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${_warden_nlohmann_dir}"
  INTERFACE_COMPILE_DEFINITIONS "JSON_NOEXCEPTION")
