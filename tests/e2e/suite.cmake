# End-to-end tests in real browsers (node's built-in test runner). They drive /usr/bin/chromium
# and /usr/bin/firefox-esr headless, so they share one lock: never two browser suites at once on
# a 2-core machine.
find_program(WARDEN_NODE node)
if(NOT WARDEN_NODE)
  message(STATUS "node not found: end-to-end browser tests are not registered")
  return()
endif()

add_test(NAME e2e/profile_deletion
         COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/profile_deletion/profile_deletion.test.mjs
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(e2e/profile_deletion PROPERTIES
  ENVIRONMENT "COOKIEWARDEN=$<TARGET_FILE:cookiewarden>"
  RESOURCE_LOCK browser
  TIMEOUT 300
  LABELS "e2e;browser")

# Stores the user may read but not change, with cookiewarden run as nobody (needs root to drop to it).
add_test(NAME e2e/permissions
         COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/permissions/permission_denied.test.mjs
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(e2e/permissions PROPERTIES
  ENVIRONMENT "COOKIEWARDEN=$<TARGET_FILE:cookiewarden>"
  TIMEOUT 120
  LABELS "e2e")

# Session restore (Firefox sessionstore, Chromium Session Storage) after a deletion.
add_test(NAME e2e/profile_deletion_session_restore
         COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/profile_deletion/session_restore.test.mjs
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(e2e/profile_deletion_session_restore PROPERTIES
  ENVIRONMENT "COOKIEWARDEN=$<TARGET_FILE:cookiewarden>"
  RESOURCE_LOCK browser
  TIMEOUT 300
  LABELS "e2e;browser")

# A real Chromium and Firefox ESR launched while `cookiewarden delete` is paused mid-edit (test hook).
add_test(NAME e2e/profile_deletion_browser_started_mid_edit
         COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/profile_deletion/browser_started_mid_edit.test.mjs
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(e2e/profile_deletion_browser_started_mid_edit PROPERTIES
  ENVIRONMENT "COOKIEWARDEN=$<TARGET_FILE:cookiewarden>"
  RESOURCE_LOCK browser
  TIMEOUT 300
  LABELS "e2e;browser")

# A real Chromium started after `cookiewarden delete` was SIGKILLed, before and after the next run.
add_test(NAME e2e/profile_deletion_killed_run_lock
         COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/profile_deletion/killed_run_lock.test.mjs
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(e2e/profile_deletion_killed_run_lock PROPERTIES
  ENVIRONMENT "COOKIEWARDEN=$<TARGET_FILE:cookiewarden>"
  RESOURCE_LOCK browser
  TIMEOUT 180
  LABELS "e2e;browser")

# `cookiewarden undo` after a deletion: the relaunched browsers see what they saw before it.
add_test(NAME e2e/profile_deletion_undo
         COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/profile_deletion/undo.test.mjs
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(e2e/profile_deletion_undo PROPERTIES
  ENVIRONMENT "COOKIEWARDEN=$<TARGET_FILE:cookiewarden>"
  RESOURCE_LOCK browser
  TIMEOUT 300
  LABELS "e2e;browser")

# `cookiewarden sweep`: two shops' cookies in real Chromium and Firefox ESR profiles, swept by a policy.
add_test(NAME e2e/sweep
         COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/sweep/sweep.test.mjs
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(e2e/sweep PROPERTIES
  ENVIRONMENT "COOKIEWARDEN=$<TARGET_FILE:cookiewarden>"
  RESOURCE_LOCK browser
  TIMEOUT 300
  LABELS "e2e;browser")

# `cookiewarden serve`: the dashboard in real Chromium over real cookie stores, and its refusals.
add_test(NAME e2e/serve
         COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/serve/serve_dashboard.test.mjs
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(e2e/serve PROPERTIES
  ENVIRONMENT "COOKIEWARDEN=$<TARGET_FILE:cookiewarden>"
  RESOURCE_LOCK browser
  TIMEOUT 300
  LABELS "e2e;browser")

# GNOME Web (WebKitGTK) under Xvfb in a private HOME: delete one site, the relaunched browser checks.
add_test(NAME e2e/webkit_gnome_web
         COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/webkit/gnome_web.test.mjs
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(e2e/webkit_gnome_web PROPERTIES
  ENVIRONMENT "COOKIEWARDEN=$<TARGET_FILE:cookiewarden>"
  RESOURCE_LOCK browser
  TIMEOUT 300
  LABELS "e2e;browser")

# The extension's suite (package fixture, web-ext lint, Chromium tests) lives with its tests.
include(${CMAKE_CURRENT_LIST_DIR}/extension/suite.cmake)

# The extension without native messaging: paired with `serve` from the dashboard, deleting through it.
add_test(NAME e2e/serve_pairing
         COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/serve/extension_pairing.test.mjs
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(e2e/serve_pairing PROPERTIES
  ENVIRONMENT "WARDEN_EXTENSION_DIR=${WARDEN_EXTENSION_DIR};COOKIEWARDEN=$<TARGET_FILE:cookiewarden>"
  FIXTURES_REQUIRED extension_package
  RESOURCE_LOCK browser
  TIMEOUT 300
  LABELS "e2e;browser;extension")

# make demo's headless path (tests/e2e/demo/): needs the extension package fixture above.
include(${CMAKE_CURRENT_LIST_DIR}/demo/suite.cmake)
