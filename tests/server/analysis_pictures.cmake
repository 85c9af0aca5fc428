# The analysis page's pictures follow the read rules (named server_portal_* so `ctest -R server_portal` runs it).
if(NOT TARGET ger_server)
  return()
endif()
ger_add_test(NAME server_portal_analysis_pictures_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/analysis_pictures_test.cpp
  LIBS ger_server PkgConfig::GER_HTTPLIB LABELS integration EVERY_BACKEND)
