# The portal in Debian's Chromium (tests/browser/run.sh): needs the built `ger`, installs its npm packages itself.
# Screenshots go to test-output/browser/ in the build directory.
if(NOT TARGET ger OR NOT TARGET ger_server)
  return()
endif()
add_test(NAME browser.portal
  COMMAND ${PROJECT_SOURCE_DIR}/tests/browser/run.sh $<TARGET_FILE:ger> ${PROJECT_BINARY_DIR}/test-output/browser)
set_tests_properties(browser.portal PROPERTIES LABELS "integration;slow" TIMEOUT 300)
