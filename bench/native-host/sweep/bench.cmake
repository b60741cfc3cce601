# Sweeping 3 Chromium + 2 Firefox profiles of 5,000 cookies each under "necessary only", with the
# engine the host loads by default (engine.bin beside cookiewarden). `make bench` runs
# bench/native-host/run-sweep.
add_executable(sweep_bench ${CMAKE_CURRENT_LIST_DIR}/sweep_bench.cpp)
target_link_libraries(sweep_bench PRIVATE cookiewarden_host)
target_compile_definitions(sweep_bench PRIVATE
  WARDEN_COOKIE_STORE_FIXTURES="${PROJECT_SOURCE_DIR}/tests/native-host/fixtures/cookie-stores"
  WARDEN_HOST_ENGINE="$<TARGET_FILE_DIR:cookiewarden>/engine.bin")
if(TARGET cookiewarden_engine)
  add_dependencies(sweep_bench cookiewarden_engine)
endif()
