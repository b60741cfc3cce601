# Checks of the build configuration itself.

# A build folder configured earlier keeps its cache: a path cached there (as WARDEN_WASM_DIST_FOR_EXTENSION
# once was) would keep packaging an old WebAssembly module. A scratch folder is configured with stale
# entries under the old and current names; its extension package, wasm/build and bench/compare must
# still take the module this folder builds.
add_test(NAME build/wasm_module_location
         COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
                 -DBINARY_DIR=${CMAKE_CURRENT_BINARY_DIR}/wasm-module-location
                 -P ${CMAKE_CURRENT_LIST_DIR}/wasm_module_location.cmake)
set_tests_properties(build/wasm_module_location PROPERTIES TIMEOUT 300 LABELS "build")
