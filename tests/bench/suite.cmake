# bench/compare/run against this build folder (WARDEN_BUILD_DIR): its results land beside the
# config.json it read, not in build/bench/compare. A short run (our engine natively and in WASM,
# no anchors) on the request set; without WARDEN_CORPUS_DIR the check says why and is skipped.
find_program(WARDEN_BASH bash)
if(WARDEN_BASH)  # bench/ (its config.json, warden_native_bench) is configured after tests/
  add_test(NAME bench/compare_output
           COMMAND ${WARDEN_BASH} ${CMAKE_CURRENT_LIST_DIR}/compare_output_test.sh ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR})
  set_tests_properties(bench/compare_output PROPERTIES
    FIXTURES_REQUIRED wasm_module SKIP_RETURN_CODE ${WARDEN_SKIPPED_EXIT_CODE} TIMEOUT 300 LABELS "bench")
endif()

# bench/summary.mjs (make bench's closing table) over a build folder a test fills: no benchmark runs.
find_program(WARDEN_NODE node)
if(WARDEN_NODE)
  add_test(NAME bench/summary
           COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/summary_test.mjs
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(bench/summary PROPERTIES TIMEOUT 60 LABELS "bench")
endif()
