# Write failures injected under `cookiewarden delete` (write, fsync, rename failing with ENOSPC or
# EIO on one store's files) by an LD_PRELOAD shim; the doctest cases in io_failure_test.cpp run it.
if(TARGET native_host_tests AND CMAKE_SYSTEM_NAME STREQUAL "Linux")
  add_library(fail_io_shim MODULE ${CMAKE_CURRENT_LIST_DIR}/fail_io_shim.c)
  target_link_libraries(fail_io_shim PRIVATE ${CMAKE_DL_LIBS})
  add_dependencies(native_host_tests fail_io_shim)
  target_compile_definitions(native_host_tests PRIVATE COOKIEWARDEN_FAIL_SHIM="$<TARGET_FILE:fail_io_shim>")
endif()
