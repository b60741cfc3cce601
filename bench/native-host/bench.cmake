# bench/native-host: one sub-folder per native-host benchmark, each with its own bench.cmake
# (deletion/, and e.g. a cold-start bench), so they never edit a shared file.
file(GLOB WARDEN_NATIVE_HOST_BENCHES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*/bench.cmake)
foreach(bench ${WARDEN_NATIVE_HOST_BENCHES})
  include(${bench})
endforeach()
