# The read rules end to end: visibility required, references dropped from views, hidden ids answered like absent
# ones, id prefixes, deletes that detach what the deleter cannot read.
if(NOT TARGET ger_server)
  return()
endif()
ger_add_test(NAME server_read_rules_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/read_rules_test.cpp
  LIBS ger_server PkgConfig::GER_HTTPLIB LABELS integration EVERY_BACKEND)
