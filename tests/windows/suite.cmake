# Windows code, run for real: tests/windows/build.sh builds `cookiewarden.exe` and the doctest suites
# with MinGW-w64 (the libraries they link from Debian's sources, scripts/build-windows-deps), and the
# tests below run them under Wine (tests/windows/wine-run). Compiling every engine and host source for
# Windows is part of the build. README lists what only real Windows can show.
find_program(WARDEN_MINGW_CXX x86_64-w64-mingw32-g++-posix)
find_program(WARDEN_WINE64 wine64 PATHS /usr/lib/wine)
if(NOT WARDEN_MINGW_CXX OR NOT WARDEN_WINE64)
  message(STATUS "MinGW-w64 or Wine not found: the Windows tests are not registered (scripts/bootstrap installs both)")
  return()
endif()
set(WARDEN_WINDOWS_DIR ${CMAKE_BINARY_DIR}/windows)
set(WARDEN_WINDOWS_CROSS ${WARDEN_WINDOWS_DIR}/cross)
# The doctest binaries share one Wine prefix under the build folder; windows/host makes its own.
set(WARDEN_WINE_ENV "WINEPREFIX=${WARDEN_WINDOWS_DIR}/wineprefix" "WARDEN_WINE=${WARDEN_WINE64}")

add_test(NAME windows/build COMMAND ${CMAKE_CURRENT_LIST_DIR}/build.sh ${PROJECT_SOURCE_DIR} ${WARDEN_WINDOWS_DIR})
# One CTest slot although it compiles with -j2: measured at a load of 1.5 on 2 cores (its precompiled
# headers and its links run alone), so the unit and browser tests fill the rest. COST starts it first,
# since a fresh clone has no cost data: the ten minutes it takes then run beside everything else.
set_tests_properties(windows/build PROPERTIES FIXTURES_SETUP windows_build TIMEOUT 3000 LABELS "windows" COST 10000)

# Without the request set the tests that need it are left out here (the native run reports them
# skipped), so that a lone clone still runs every other engine test on Windows.
if(WARDEN_CORPUS_DIR)
  set(engine_filter "")
else()
  set(engine_filter "--test-case-exclude=*request set*")
endif()
add_test(NAME windows/engine_tests
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/wine-run ${WARDEN_WINDOWS_CROSS}/tests/engine_tests.exe ${engine_filter})
add_test(NAME windows/native_host_tests
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/wine-run ${WARDEN_WINDOWS_CROSS}/tests/native_host_tests.exe)
set_tests_properties(windows/engine_tests windows/native_host_tests PROPERTIES
  ENVIRONMENT "${WARDEN_WINE_ENV};WARDEN_CORPUS_DIR=${WARDEN_CORPUS_DIR}"
  FIXTURES_REQUIRED windows_build RESOURCE_LOCK wine TIMEOUT 900 LABELS "windows")

find_program(WARDEN_NODE node)
if(WARDEN_NODE)
  add_test(NAME windows/host COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/windows_host.test.mjs
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(windows/host PROPERTIES
    ENVIRONMENT "WARDEN_WINDOWS_BUILD=${WARDEN_WINDOWS_CROSS};WARDEN_WINE=${WARDEN_WINE64}"
    FIXTURES_REQUIRED windows_build RESOURCE_LOCK wine TIMEOUT 900 LABELS "windows")
endif()
