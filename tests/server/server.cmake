# Server tests: the real server on a free port in this process, talked to with httplib::Client.
if(NOT TARGET ger_server)
  return()
endif()
ger_add_test(NAME server_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/server_test.cpp LIBS ger_server PkgConfig::GER_HTTPLIB LABELS integration EVERY_BACKEND)
ger_add_test(NAME server_access_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/access_test.cpp LIBS ger_server LABELS unit)
ger_add_test(NAME server_transport_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/transport_test.cpp
  LIBS ger_server PkgConfig::GER_HTTPLIB LABELS integration EVERY_BACKEND)
ger_add_test(NAME server_http_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/http_test.cpp LIBS ger_server LABELS unit)
ger_add_test(NAME server_feed_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/feed_test.cpp
  LIBS ger_server PkgConfig::GER_HTTPLIB LABELS integration EVERY_BACKEND)
# Public comments: the contract, the read rules, abuse controls, erasure and the report downloads.
ger_add_test(NAME server_comments_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/comments_test.cpp
  LIBS ger_server PkgConfig::GER_HTTPLIB LABELS integration EVERY_BACKEND)
# Workshops: the contract, the host's rights, waitlist and promotion, duplicates, the window, concurrent capacity,
# rate limits, the portal's pages and the .ics feed, the purge at start.
ger_add_test(NAME server_workshops_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/workshops_test.cpp
  LIBS ger_server PkgConfig::GER_HTTPLIB LABELS integration EVERY_BACKEND)
ger_add_test(NAME server_content_pages_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/content_pages_test.cpp
  LIBS ger_server PkgConfig::GER_HTTPLIB LABELS integration EVERY_BACKEND)
ger_add_test(NAME server_benefits_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/benefits_test.cpp
  LIBS ger_server PkgConfig::GER_HTTPLIB LABELS integration EVERY_BACKEND)
ger_add_test(NAME server_action_items_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/action_items_test.cpp
  LIBS ger_server ger_analysis PkgConfig::GER_HTTPLIB LABELS integration EVERY_BACKEND)
# The records' snapshot: one shared rebuild per change, never older than the change asked after.
find_package(SQLite3 REQUIRED)
ger_add_test(NAME server_snapshot_cache_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/snapshot_cache_test.cpp
  LIBS ger_server SQLite::SQLite3 LABELS integration)
