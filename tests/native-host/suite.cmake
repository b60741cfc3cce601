# Native host suites beyond the doctest units: the doctest binary also launches the built
# `cookiewarden` (protocol/native_host_test.cpp), and a node test has real Chromium launch it as a
# native messaging host.
if(TARGET native_host_tests)
  add_dependencies(native_host_tests cookiewarden)
  target_compile_definitions(native_host_tests PRIVATE COOKIEWARDEN_BINARY="$<TARGET_FILE:cookiewarden>")
endif()
