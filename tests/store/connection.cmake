# The statement layer under the store's SQL (store/sql/connection.hpp) on each backend: statements sent without
# waiting (PostgreSQL's pipeline) fail their transaction as if they had waited, in order, at any depth.
if(NOT TARGET ger_store)
  return()
endif()
ger_add_test(NAME store_connection_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/connection_test.cpp LIBS ger_store
  LABELS unit ${ger_store_backend_properties})
