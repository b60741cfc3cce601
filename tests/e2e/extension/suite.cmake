# The packaged extension in real Chromium and Firefox ESR (included from tests/e2e/suite.cmake, which found node).
# Fixtures: the WASM module is built by tests/wasm/suite.cmake (fixture wasm_module, into
# WARDEN_WASM_BUILD_DIR/dist), then the package is assembled in WARDEN_EXTENSION_DIR with an engine compiled by
# this build's cookiewarden. Each test file is one CTest test; the browser ones take the shared lock.
set(WARDEN_EXTENSION_DIR "${PROJECT_SOURCE_DIR}/build/extension" CACHE PATH
    "Where scripts/build-extension.mjs assembles the packaged extension")

add_test(NAME extension/package
         COMMAND ${WARDEN_NODE} ${PROJECT_SOURCE_DIR}/scripts/build-extension.mjs
                 --wasm ${WARDEN_WASM_BUILD_DIR}/dist --cookiewarden $<TARGET_FILE:cookiewarden>
                 --out ${WARDEN_EXTENSION_DIR}
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(extension/package PROPERTIES
  FIXTURES_REQUIRED wasm_module FIXTURES_SETUP extension_package TIMEOUT 300 LABELS "extension")

# The host's default engine (engine.bin beside cookiewarden) decides as the packaged extension's.
add_test(NAME extension/host_engine_agrees
         COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/host_engine_agrees.test.mjs
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(extension/host_engine_agrees PROPERTIES
  ENVIRONMENT "WARDEN_EXTENSION_DIR=${WARDEN_EXTENSION_DIR};COOKIEWARDEN=$<TARGET_FILE:cookiewarden>"
  FIXTURES_REQUIRED extension_package TIMEOUT 300 LABELS "extension")

# Mozilla's linter on the package, as AMO runs it: no errors allowed (warnings are listed).
add_test(NAME extension/web_ext_lint
         COMMAND ${WARDEN_NODE} ${CMAKE_CURRENT_LIST_DIR}/web_ext_lint.mjs ${WARDEN_EXTENSION_DIR}
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(extension/web_ext_lint PROPERTIES FIXTURES_REQUIRED extension_package TIMEOUT 300 LABELS "extension")

# Each filter list ships once, compiled, with the attribution its CC BY-SA 3.0 licence asks for.
add_test(NAME extension/package_contents
         COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/package_contents.test.mjs
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(extension/package_contents PROPERTIES
  ENVIRONMENT "WARDEN_EXTENSION_DIR=${WARDEN_EXTENSION_DIR}"
  FIXTURES_REQUIRED extension_package TIMEOUT 300 LABELS "extension")

foreach(name necessary_only site_override social_override unknown_third_party ui_pages policy_import service_worker_restart damaged_engine delete_everywhere delete_host_missing suffix_delete guard_report_flood firefox_necessary_only firefox_site_override firefox_suffix_delete
                 gpc_signal firefox_gpc_signal firefox_gpc_browser_setting managed_policy firefox_managed_policy sweep_onboarding firefox_sweep_onboarding other_browsers_sweep sweep_cookie_kinds sweep_progress_cancel
                 tcf_violations firefox_tcf_violations banner_answer firefox_banner_answer banner_runner
                 cmp_banner_answer firefox_cmp_banner_answer)
  add_test(NAME e2e/extension/${name}
           COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/${name}.test.mjs
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(e2e/extension/${name} PROPERTIES
    ENVIRONMENT "WARDEN_EXTENSION_DIR=${WARDEN_EXTENSION_DIR};COOKIEWARDEN=$<TARGET_FILE:cookiewarden>"
    FIXTURES_REQUIRED extension_package
    RESOURCE_LOCK browser
    TIMEOUT 300
    LABELS "e2e;browser;extension")
endforeach()
# Writes the machine-wide Chromium policy folder (/etc/chromium/policies/managed, root only); the
# file names an extension id of the test's own and is removed when the test ends.
set_tests_properties(e2e/extension/managed_policy PROPERTIES RESOURCE_LOCK "browser;chromium_managed_policy")
# 40 settings changes after the flood, each recompiling the DNR rules: minutes on a loaded machine.
set_tests_properties(e2e/extension/guard_report_flood PROPERTIES TIMEOUT 600)

# A host from before `sweep`: this build's own sources with `sweep` left out of the command table,
# so that hello does not list it and a sweep request is an unknown command, as an older release
# answers. The product binary has no such switch; only this test-only target sets the definition
# (its command_table.cpp object is linked ahead of the library's).
add_executable(cookiewarden_without_sweep
  ${PROJECT_SOURCE_DIR}/native-host/src/main.cpp ${PROJECT_SOURCE_DIR}/native-host/src/protocol/command_table.cpp)
target_link_libraries(cookiewarden_without_sweep PRIVATE cookiewarden_host)
target_compile_definitions(cookiewarden_without_sweep PRIVATE COOKIEWARDEN_WITHOUT_SWEEP)
add_test(NAME e2e/extension/native_host_without_sweep
         COMMAND ${WARDEN_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/native_host_without_sweep.test.mjs
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(e2e/extension/native_host_without_sweep PROPERTIES
  ENVIRONMENT "WARDEN_EXTENSION_DIR=${WARDEN_EXTENSION_DIR};COOKIEWARDEN=$<TARGET_FILE:cookiewarden_without_sweep>"
  FIXTURES_REQUIRED extension_package
  RESOURCE_LOCK browser
  TIMEOUT 300
  LABELS "e2e;browser;extension")
