# bench/compare: our engine (native + WASM) against uBlock Origin and Ghostery. `make bench` runs
# bench/compare/run, which reads the paths below from the generated config.json.
add_executable(warden_native_bench ${CMAKE_CURRENT_LIST_DIR}/native_bench.cpp)
target_link_libraries(warden_native_bench PRIVATE warden_engine)
file(GENERATE OUTPUT ${CMAKE_BINARY_DIR}/bench/compare/config.json CONTENT
"{\"rules\": \"${PROJECT_SOURCE_DIR}/engine/rules\", \"corpus\": \"${WARDEN_CORPUS_DIR}\", \"nativeBench\": \"$<TARGET_FILE:warden_native_bench>\", \"wasmBuild\": \"${WARDEN_WASM_BUILD_DIR}\"}
")
