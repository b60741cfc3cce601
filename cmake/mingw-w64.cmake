# Cross build for Windows with MinGW-w64 (the `windows` preset), run under Wine. The C and C++
# libraries come from WARDEN_WINDOWS_DEPS (scripts/build-windows-deps); the header-only ones from the
# build machine (cmake/host_header_libraries.cmake). Executables are linked statically so that Wine
# needs no MinGW runtime DLLs, and run through tests/windows/wine-run (CTest, doctest discovery and
# the build's own steps that run a freshly built tool).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_TRY_COMPILE_PLATFORM_VARIABLES WARDEN_WINDOWS_DEPS)
set(CMAKE_FIND_ROOT_PATH ${WARDEN_WINDOWS_DEPS} /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(ENV{PKG_CONFIG_LIBDIR} ${WARDEN_WINDOWS_DEPS}/lib/pkgconfig)
set(CMAKE_EXE_LINKER_FLAGS_INIT -static)
set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/../tests/windows/wine-run)
