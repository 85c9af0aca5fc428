# The secretariat's goals, objectives and editions, downloads, diffs, the analysis page and capability forms.
if(NOT TARGET ger_server)
  return()
endif()
ger_add_test(NAME server_portal_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/portal_test.cpp
  LIBS ger_server ger_analysis PkgConfig::GER_HTTPLIB LABELS integration EVERY_BACKEND)
# Record pages (mission, goal, capability): links, read rules, feasibility from the background worker.
ger_add_test(NAME server_record_pages_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/record_pages_test.cpp
  LIBS ger_server PkgConfig::GER_HTTPLIB LABELS integration EVERY_BACKEND)
# The asteroid pages and API over stored survey runs: filters, sorting, downloads, target pages, run status.
ger_add_test(NAME server_asteroids_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/asteroids_test.cpp
  LIBS ger_server PkgConfig::GER_HTTPLIB LABELS integration EVERY_BACKEND)
