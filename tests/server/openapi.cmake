# The API contract. server_openapi_test: the generated document's own rules (no server).
if(NOT TARGET ger_server)
  return()
endif()
ger_add_test(NAME server_openapi_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/openapi_test.cpp LIBS ger_server LABELS unit)
