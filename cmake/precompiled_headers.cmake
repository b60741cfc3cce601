# Precompiled headers for the two builds that CTest compiles as tests: the Windows cross build
# (tests/windows/build.sh: MinGW-w64 at -O0) and the fuzzers (the fuzz preset, which
# tests/fuzz/build_fuzzers.cmake builds). There, parsing the standard library, nlohmann/json and
# doctest again in every source is much of the cost (README, "What each part costs"). The native
# build keeps them off, so that it still catches a source that forgot one of its own #includes.
# Included before the targets are made (the compiler launcher is read then); the function after.

# A precompiled header is rebuilt with a new time stamp and defines of its own: ccache only hits
# the sources that use one with this sloppiness.
foreach(lang C CXX)
  if(CMAKE_${lang}_COMPILER_LAUNCHER MATCHES "ccache")
    set(CMAKE_${lang}_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env
        CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime ${CMAKE_${lang}_COMPILER_LAUNCHER})
  endif()
endforeach()

set(WARDEN_COMMON_HEADERS
  <algorithm> <array> <chrono> <cstdint> <filesystem> <fstream> <functional> <map> <memory>
  <optional> <span> <string> <string_view> <system_error> <vector> <nlohmann/json.hpp>)

# One per target: their compile definitions differ, and a precompiled header serves only sources
# compiled with the flags it was.
function(warden_precompile_headers)
  foreach(target warden_engine cookiewarden_host cookiewarden_host_fuzzed)
    if(TARGET ${target})
      target_precompile_headers(${target} PRIVATE ${WARDEN_COMMON_HEADERS})
    endif()
  endforeach()
  foreach(target engine_tests native_host_tests)
    if(TARGET ${target})
      target_precompile_headers(${target} PRIVATE ${WARDEN_COMMON_HEADERS} <doctest/doctest.h>)
    endif()
  endforeach()
endfunction()
