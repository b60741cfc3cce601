# libFuzzer targets: every tests/fuzz/<name>_fuzzer.cpp, linked against warden_engine, or against
# cookiewarden_host_fuzzed (the host without its CLI and installer: native-host/CMakeLists.txt) when
# <name> starts with "native_host_". Seeds live in tests/fuzz/corpus/<name>/
# (optional); runs write new inputs to the build tree, never to the sources.
#
# Two ways in:
#  - the fuzz preset (clang-14, WARDEN_FUZZ=ON) builds the fuzzers and registers one short CTest
#    run per fuzzer: `cmake --preset fuzz && cmake --build --preset fuzz --target fuzzers &&
#    ctest --test-dir build/fuzz -L fuzz`; a long run: build/fuzz/tests/<name> -max_total_time=600 \
#    <new-corpus-dir> tests/fuzz/corpus/<name>;
#  - any other build (the native preset, so `make test`) cannot link libFuzzer, so it registers
#    fuzz/build, which configures and builds the fuzz preset's fuzzers in <build>/fuzz-smoke, and
#    one fuzz/<name> test per fuzzer that runs that binary briefly.
file(GLOB WARDEN_FUZZER_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*_fuzzer.cpp)
set(WARDEN_FUZZ_SECONDS 12 CACHE STRING "How long each fuzzer runs in the fuzz smoke tests (all of them: <= 3 min)")

# fuzz_test(<name> <binary>): one short run of a fuzzer on its seeds.
function(warden_fuzz_test name binary)
  set(new_corpus ${CMAKE_BINARY_DIR}/fuzz-corpus/${name})
  set(seeds ${CMAKE_CURRENT_LIST_DIR}/corpus/${name})
  file(MAKE_DIRECTORY ${new_corpus})
  set(corpus_dirs ${new_corpus})
  if(EXISTS ${seeds})
    list(APPEND corpus_dirs ${seeds})
  endif()
  # Through `cmake -E env`: in non-fuzz builds the binary only exists once fuzz/build has run.
  add_test(NAME fuzz/${name}
           COMMAND ${CMAKE_COMMAND} -E env ${binary} -max_total_time=${WARDEN_FUZZ_SECONDS} -timeout=10 -rss_limit_mb=2048
                   -print_final_stats=1 ${corpus_dirs})
  set_tests_properties(fuzz/${name} PROPERTIES TIMEOUT 120 LABELS "fuzz" ${ARGN})
endfunction()

if(WARDEN_FUZZ)
  add_custom_target(fuzzers)
  foreach(source ${WARDEN_FUZZER_SOURCES})
    get_filename_component(name ${source} NAME_WE)
    if(name MATCHES "^native_host_")
      if(NOT TARGET cookiewarden_host_fuzzed)
        continue()
      endif()
      set(library cookiewarden_host_fuzzed)
    else()
      set(library warden_engine)
    endif()
    add_executable(${name} ${source})
    target_link_libraries(${name} PRIVATE ${library})
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    add_dependencies(fuzzers ${name})
    warden_fuzz_test(${name} $<TARGET_FILE:${name}>)
  endforeach()
  return()
endif()

find_program(WARDEN_CLANG clang++-14)
if(NOT WARDEN_CLANG)
  message(STATUS "clang++-14 not found: fuzz smoke tests are not registered")
  return()
endif()

set(WARDEN_FUZZ_SMOKE_DIR ${CMAKE_BINARY_DIR}/fuzz-smoke)
add_test(NAME fuzz/build
         COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DBINARY_DIR=${WARDEN_FUZZ_SMOKE_DIR}
                 -P ${CMAKE_CURRENT_LIST_DIR}/build_fuzzers.cmake)
# One CTest slot although it compiles with -j2, as windows/build (tests/windows/suite.cmake): with
# both it started only when no other test was running and then ran alone, one core idle during its
# configure step, each target's precompiled header and its archives; beside another test the second
# core has work then, and CTest need not hold a slot empty until both are free. Beside windows/build
# it may get one core for its 12 CPU-minutes (cold), hence the longer timeout.
set_tests_properties(fuzz/build PROPERTIES TIMEOUT 2400 LABELS "fuzz" FIXTURES_SETUP fuzzers_built)
foreach(source ${WARDEN_FUZZER_SOURCES})
  get_filename_component(name ${source} NAME_WE)
  warden_fuzz_test(${name} ${WARDEN_FUZZ_SMOKE_DIR}/tests/${name} FIXTURES_REQUIRED fuzzers_built)
endforeach()
