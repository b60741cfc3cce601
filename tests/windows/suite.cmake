# The Windows code paths (registry, LockFileEx, CreateFileW/MoveFileExW, Winsock) cannot run here;
# every engine and native-host source is at least compiled against MinGW-w64's Windows headers.
find_program(WARDEN_MINGW_CXX x86_64-w64-mingw32-g++-posix)
if(NOT WARDEN_MINGW_CXX)
  message(STATUS "x86_64-w64-mingw32-g++-posix not found: the Windows syntax check is not registered")
  return()
endif()
add_test(NAME windows/syntax
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/syntax_check.sh ${PROJECT_SOURCE_DIR} ${WARDEN_MINGW_CXX})
set_tests_properties(windows/syntax PROPERTIES TIMEOUT 900 LABELS "windows")
