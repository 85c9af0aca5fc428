# Store tests: the backend-independent contract (store_test), SQLite migrations, and whole-data-set import.
if(NOT TARGET ger_store)
  return()
endif()
find_package(SQLite3 REQUIRED)  # imported targets are per directory; the migration test reads the file raw
ger_add_test(NAME store_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/store_test.cpp LIBS ger_store ger_model
  LABELS unit
  ${ger_store_backend_properties})
ger_add_test(NAME store_migration_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/migration_test.cpp
  LIBS ger_store SQLite::SQLite3 LABELS unit)
ger_add_test(NAME store_import_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/import_test.cpp LIBS ger_store
  LABELS unit
  ${ger_store_backend_properties})
# The paged audit log; links ger_server for access.hpp, the rules the backend's query must agree with.
if(TARGET ger_server)
  ger_add_test(NAME store_audit_page_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/audit_page_test.cpp
    LIBS ger_store ger_server LABELS unit
  ${ger_store_backend_properties})
endif()
# NEA survey runs (ger survey --store): written as they go, rows all or nothing, the newest complete one.
ger_add_test(NAME store_survey_runs_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/survey_runs_test.cpp LIBS ger_store
  ger_model LABELS unit
  ${ger_store_backend_properties})
# Public comments and the outbox: pending by default, audited without personal data, versioned moderation,
# erasure, their own change counter.
ger_add_test(NAME store_comments_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/comments_test.cpp LIBS ger_store ger_model
  LABELS unit
  ${ger_store_backend_properties})
# Workshops and registrations: capacity and waiting list (also under concurrent registrations), one active
# registration per email, promotion, the purge of personal data, the community counter.
ger_add_test(NAME store_workshops_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/workshops_test.cpp LIBS ger_store ger_model
  Threads::Threads LABELS unit
  ${ger_store_backend_properties})
ger_add_test(NAME store_pages_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/pages_test.cpp LIBS ger_store ger_model
  LABELS unit
  ${ger_store_backend_properties})
ger_add_test(NAME store_action_items_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/action_items_test.cpp LIBS ger_store
  ger_model LABELS unit
  ${ger_store_backend_properties})
# Online backup and restore on every backend: the same data back, one consistent instant under write load, refusals
# change nothing; on PostgreSQL also an older schema's backup over a newer database, and a failed replace.
ger_add_test(NAME store_backup_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/backup_test.cpp LIBS ger_store ger_model
  Threads::Threads LABELS unit
  ${ger_store_backend_properties})
# Copying a whole database between backends (ger migrate): SQLite to each backend and PostgreSQL back, everything
# equal after; refusals and failures leave the target as it was.
ger_add_test(NAME store_copy_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/copy_test.cpp LIBS ger_store ger_model
  LABELS unit
  ${ger_store_backend_properties})
