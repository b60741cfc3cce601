# A real filled-up filesystem (a small tmpfs) under `cookiewarden delete`. Mounting needs root:
# elsewhere the script says why and exits 77, which CTest reports as skipped.
find_program(WARDEN_BASH bash)
if(WARDEN_BASH AND CMAKE_SYSTEM_NAME STREQUAL "Linux")
  add_test(NAME native-host/filled_disk
           COMMAND ${WARDEN_BASH} ${CMAKE_CURRENT_LIST_DIR}/filled_disk_test.sh)
  set_tests_properties(native-host/filled_disk PROPERTIES
    ENVIRONMENT "COOKIEWARDEN_BINARY=$<TARGET_FILE:cookiewarden>;FIXTURES=${PROJECT_SOURCE_DIR}/tests/native-host/fixtures"
    SKIP_RETURN_CODE 77
    TIMEOUT 120)
endif()
