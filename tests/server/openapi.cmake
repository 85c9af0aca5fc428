# The API contract. server_openapi_test: the generated document's own rules (no server). openapi.answers: real
# answers of every operation validated against the document (tests/openapi/validate.py, Debian's
# python3-jsonschema). openapi.lint: Redocly's recommended lint of the served document (tests/openapi/lint.sh,
# installs its locked npm packages itself).
if(NOT TARGET ger_server)
  return()
endif()
ger_add_test(NAME server_openapi_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/openapi_test.cpp LIBS ger_server LABELS unit)
if(NOT TARGET ger)
  return()
endif()
add_test(NAME openapi.answers
  COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/tests/openapi/validate.py $<TARGET_FILE:ger>
          ${PROJECT_BINARY_DIR}/test-output/openapi-answers)
set_tests_properties(openapi.answers PROPERTIES LABELS integration TIMEOUT 300)
add_test(NAME openapi.lint
  COMMAND ${PROJECT_SOURCE_DIR}/tests/openapi/lint.sh $<TARGET_FILE:ger> ${PROJECT_BINARY_DIR}/test-output/openapi-lint)
set_tests_properties(openapi.lint PROPERTIES LABELS integration TIMEOUT 300)
