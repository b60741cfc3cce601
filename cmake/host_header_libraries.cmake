# Header-only libraries taken from the build machine in a cross build (Emscripten, MinGW-w64). Such
# toolchains confine find_package to their own sysroot, and the build machine's package configs
# would put all of /usr/include on the cross compiler's include path, whose glibc headers break the
# build. A build-tree folder holding just a link to each library's headers serves instead.
set(WARDEN_HOST_HEADERS "${CMAKE_BINARY_DIR}/host-headers")
file(MAKE_DIRECTORY "${WARDEN_HOST_HEADERS}")

# warden_host_header_library(TARGET HEADER): an INTERFACE target for the library whose HEADER
# ("nlohmann/json.hpp") is on the build machine; its top folder ("nlohmann") is linked.
function(warden_host_header_library target header)
  string(MAKE_C_IDENTIFIER "WARDEN_HOST_${header}" var)
  find_path(${var} ${header} PATHS /usr/local/include /usr/include NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH REQUIRED
            DOC "Directory holding ${header} on the build machine")
  string(REGEX REPLACE "/.*" "" top "${header}")
  file(CREATE_LINK "${${var}}/${top}" "${WARDEN_HOST_HEADERS}/${top}" SYMBOLIC)
  add_library(${target} INTERFACE IMPORTED GLOBAL)
  set_target_properties(${target} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${WARDEN_HOST_HEADERS}")
endfunction()
