# Node tests of the WebAssembly module (tests/wasm/*.test.mjs). The native build cannot compile
# WASM itself, so CTest runs three steps, ordered by fixtures:
#   wasm/build          configures and builds wasm/ with Emscripten into BUILD/wasm (scripts/build-wasm)
#   wasm/engine_buffer  `cookiewarden compile` writes BUILD/tests/wasm-test-engine.bin (default rules,
#                       EasyList as marketing, EasyPrivacy as analytics)
#   wasm/node           node --test over the built module and that buffer
#   wasm/node_corpus    the same for the tests that need the request set (WARDEN_CORPUS_DIR): skipped,
#                       saying why, without it
#   wasm/dnr_memory     the module's memory over policy changes compiled to DNR rules (own process)

find_program(WARDEN_NODE_FOR_TESTS NAMES node nodejs)
if(WARDEN_NODE_FOR_TESTS)
  set(_wasm_test_engine ${CMAKE_CURRENT_BINARY_DIR}/wasm-test-engine.bin)
  add_test(NAME wasm/build COMMAND ${PROJECT_SOURCE_DIR}/scripts/build-wasm ${WARDEN_WASM_BUILD_DIR})
  # PROCESSORS 2: it compiles on both cores, so a parallel CTest (-j2) runs nothing beside it.
  set_tests_properties(wasm/build PROPERTIES FIXTURES_SETUP wasm_module TIMEOUT 600 PROCESSORS 2)

  add_test(NAME wasm/engine_buffer
    COMMAND cookiewarden compile -o ${_wasm_test_engine}
            --list ${PROJECT_SOURCE_DIR}/engine/rules/lists/easylist.txt:marketing
            --list ${PROJECT_SOURCE_DIR}/engine/rules/lists/easyprivacy.txt:analytics)
  set_tests_properties(wasm/engine_buffer PROPERTIES FIXTURES_SETUP wasm_engine)

  set(_wasm_test_environment "WARDEN_WASM_DIST=${WARDEN_WASM_BUILD_DIR}/dist;WARDEN_TEST_ENGINE=${_wasm_test_engine}")
  add_test(NAME wasm/node
    COMMAND ${WARDEN_NODE_FOR_TESTS} --test ${CMAKE_CURRENT_LIST_DIR}/warden.test.mjs)
  set_tests_properties(wasm/node PROPERTIES
    FIXTURES_REQUIRED "wasm_module;wasm_engine"
    TIMEOUT 300
    ENVIRONMENT "${_wasm_test_environment}")

  # Its own process: linear memory only grows, so other tests' allocations would count in its figures.
  add_test(NAME wasm/dnr_memory
    COMMAND ${WARDEN_NODE_FOR_TESTS} --test ${CMAKE_CURRENT_LIST_DIR}/dnr_memory.test.mjs)
  set_tests_properties(wasm/dnr_memory PROPERTIES
    FIXTURES_REQUIRED "wasm_module;wasm_engine"
    TIMEOUT 300
    ENVIRONMENT "${_wasm_test_environment}")

  # Run directly (not under --test, whose runner would turn the exit code 77 into a failure).
  add_test(NAME wasm/node_corpus
    COMMAND ${WARDEN_NODE_FOR_TESTS} ${CMAKE_CURRENT_LIST_DIR}/warden_corpus.test.mjs)
  set_tests_properties(wasm/node_corpus PROPERTIES
    FIXTURES_REQUIRED "wasm_module;wasm_engine"
    TIMEOUT 300
    ${WARDEN_CORPUS_TEST_PROPERTIES})
  set_property(TEST wasm/node_corpus APPEND PROPERTY ENVIRONMENT "${_wasm_test_environment}")
endif()
