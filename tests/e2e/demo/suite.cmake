# `make demo`'s headless path as a test (included from tests/e2e/suite.cmake): the demo runs
# without a display against this build's packaged extension and cookiewarden, into a temporary
# folder, and its report and screenshots are checked.
add_test(NAME demo/headless
         COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/demo_headless.test.mjs
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(demo/headless PROPERTIES
  ENVIRONMENT "WARDEN_EXTENSION_DIR=${WARDEN_EXTENSION_DIR};COOKIEWARDEN=$<TARGET_FILE:cookiewarden>"
  FIXTURES_REQUIRED extension_package
  RESOURCE_LOCK browser
  TIMEOUT 300
  LABELS "e2e;browser;demo")
