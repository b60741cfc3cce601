# Unity builds for the two builds that CTest compiles as tests: the Windows cross build
# (tests/windows/build.sh) and the fuzzers (the fuzz preset). Compiling 16 sources as one parses
# the headers they share once instead of 16 times, which is most of what a source costs there.
# The native build stays one source at a time (and without precompiled headers): it is the build
# that catches a source missing an #include or using a helper only a neighbour defines.
#
# Batches of 16: the host's 134 sources make 9, the engine's 21 make 2 and its public suffix list's 4 one, so both cores keep work and
# an edit recompiles 16 sources, not the whole library. The doctest suites stay one source each:
# many of them define helpers of the same name (a TempDir, a cli()) in anonymous namespaces.
function(warden_unity_build)
  foreach(target warden_psl warden_engine cookiewarden_host cookiewarden_host_fuzzed)
    if(TARGET ${target})
      set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 16)
      # GCC (MinGW-w64) warns about a class with a member of an anonymous-namespace type when the
      # class is defined in an included file, which every source in a batch is: each class is
      # still defined in one source, so the warning says nothing here.
      if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(${target} PRIVATE -Wno-subobject-linkage)
      endif()
      # <windows.h> in one source of a batch would include <winsock.h> before a later source's
      # Boost.Asio includes <winsock2.h>, which refuses that order; lean, it includes neither.
      if(WIN32)
        target_compile_definitions(${target} PRIVATE WIN32_LEAN_AND_MEAN)
      endif()
    endif()
  endforeach()
endfunction()
