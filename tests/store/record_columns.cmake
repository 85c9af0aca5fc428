# The store's per-record column lists (store/sql/record_columns.hpp): generated SQL, named positions, the binder.
if(NOT TARGET ger_store)
  return()
endif()
ger_add_test(NAME store_record_columns_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/record_columns_test.cpp
  LIBS ger_store LABELS unit)
