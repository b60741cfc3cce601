# Deleting one site from 3 Chromium + 2 Firefox profiles of 5,000 cookies each, built from the
# real cookie stores of the native host's test fixtures (tests/native-host/fixtures/cookie-stores).
# `make bench` runs bench/native-host/run-deletion.
add_executable(deletion_bench ${CMAKE_CURRENT_LIST_DIR}/deletion_bench.cpp)
target_link_libraries(deletion_bench PRIVATE cookiewarden_host)
target_compile_definitions(deletion_bench PRIVATE
  WARDEN_COOKIE_STORE_FIXTURES="${PROJECT_SOURCE_DIR}/tests/native-host/fixtures/cookie-stores")
