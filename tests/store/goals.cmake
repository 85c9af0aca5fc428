# The secretariat's goals and objectives: create, update, delete with content preconditions and audit.
if(NOT TARGET ger_store)
  return()
endif()
ger_add_test(NAME store_goals_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/goals_test.cpp LIBS ger_store ger_model
  LABELS unit ${ger_store_backend_properties})
