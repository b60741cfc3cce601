# Native host suites beyond the doctest units: the doctest binary also launches the built
# `cookiewarden` (protocol/native_host_test.cpp), and a node test has real Chromium launch it as a
# native messaging host.
if(TARGET native_host_tests)
  add_dependencies(native_host_tests cookiewarden)
  target_compile_definitions(native_host_tests PRIVATE COOKIEWARDEN_BINARY="$<TARGET_FILE:cookiewarden>")
endif()

find_program(WARDEN_NODE node)
if(WARDEN_NODE)
  add_test(NAME native-host/browser_native_messaging
           COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/browser_native_messaging.test.mjs
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(native-host/browser_native_messaging PROPERTIES
    ENVIRONMENT "COOKIEWARDEN_BINARY=$<TARGET_FILE:cookiewarden>"
    RESOURCE_LOCK browser
    TIMEOUT 180
    LABELS "e2e;browser")
endif()

include(${CMAKE_CURRENT_LIST_DIR}/io_failure/suite.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/filled_disk/suite.cmake)
