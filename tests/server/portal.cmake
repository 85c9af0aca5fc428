# The secretariat's goals, objectives and editions, downloads, diffs, the analysis page and capability forms.
if(NOT TARGET ger_server)
  return()
endif()
ger_add_test(NAME server_portal_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/portal_test.cpp
  LIBS ger_server ger_analysis PkgConfig::GER_HTTPLIB LABELS integration)
