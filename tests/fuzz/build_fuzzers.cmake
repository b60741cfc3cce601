# Configures the fuzz preset (clang-14, libFuzzer + ASan + UBSan) in its own build directory and
# builds only the fuzzers; run by the fuzz/build CTest test of non-fuzz builds (suite.cmake).
#   cmake -DSOURCE_DIR=... -DBINARY_DIR=... -P build_fuzzers.cmake
foreach(var SOURCE_DIR BINARY_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "build_fuzzers.cmake needs -D${var}=...")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${BINARY_DIR} --preset fuzz
                RESULT_VARIABLE configured OUTPUT_QUIET)
if(NOT configured EQUAL 0)
  message(FATAL_ERROR "configuring the fuzz preset failed (${configured})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} --target fuzzers -j 2 RESULT_VARIABLE built)
if(NOT built EQUAL 0)
  message(FATAL_ERROR "building the fuzzers failed (${built})")
endif()
