# Node tests of the extension's own logic (settings, guard registrations, the cookie guard), with
# a small in-memory chrome.* fake. The real browser is tested in tests/e2e/extension.
find_program(WARDEN_NODE node)
if(NOT WARDEN_NODE)
  message(STATUS "node not found: extension node tests are not registered")
  return()
endif()
foreach(name settings settings_storage policy managed_policy gpc guard_registrar guard_report cookie_guard ids request_context tab_report record_queue deleted_cookies sweep_plan sweep_handover reply browser_overlay
                 decision_log violations cmp_records site_record native_host native_host_safari safari_manifest
                 banner_rules banner_view cmp_consent consent_checks)
  add_test(NAME extension/${name}
           COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/${name}_test.mjs
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(extension/${name} PROPERTIES TIMEOUT 60 LABELS "extension")
endforeach()
