# The change counters a server keeps in memory (store/sql/counter_cache.hpp, Store::follow_changes) and, on
# PostgreSQL, the listener that is told of every commit (store/postgresql/change_listener.hpp).
if(NOT TARGET ger_store)
  return()
endif()
ger_add_test(NAME store_change_counters_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/change_counters_test.cpp LIBS ger_store
  LABELS unit ${ger_store_backend_properties})
