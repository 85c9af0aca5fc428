# Store tests: the backend-independent contract (store_test), SQLite migrations, and whole-data-set import.
if(NOT TARGET ger_store)
  return()
endif()
find_package(SQLite3 REQUIRED)  # imported targets are per directory; the migration test reads the file raw
# The tests that run on every backend (backends.hpp) also run on a real PostgreSQL 15 when it is built in: a
# fixture starts a throwaway server for them (as an unprivileged user when ctest runs as root) and removes it.
set(ger_store_backend_properties)
if(GER_WITH_POSTGRESQL)
  set(ger_postgresql_dir ${PROJECT_BINARY_DIR}/postgresql-test)
  add_test(NAME store_postgresql_start
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/postgresql_cluster.sh start ${ger_postgresql_dir})
  set_tests_properties(store_postgresql_start PROPERTIES FIXTURES_SETUP postgresql LABELS unit TIMEOUT 120)
  add_test(NAME store_postgresql_stop
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/postgresql_cluster.sh stop ${ger_postgresql_dir})
  set_tests_properties(store_postgresql_stop PROPERTIES FIXTURES_CLEANUP postgresql LABELS unit TIMEOUT 120)
  set(ger_store_backend_properties PROPERTIES FIXTURES_REQUIRED postgresql
    ENVIRONMENT GER_TEST_POSTGRESQL=${ger_postgresql_dir}/url)
endif()
ger_add_test(NAME store_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/store_test.cpp LIBS ger_store ger_model
  LABELS unit
  ${ger_store_backend_properties})
ger_add_test(NAME store_migration_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/migration_test.cpp
  LIBS ger_store SQLite::SQLite3 LABELS unit)
ger_add_test(NAME store_import_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/import_test.cpp LIBS ger_store
  LABELS unit)
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
# Online backup and restore: the same data back, one consistent instant under write load, refusals change nothing.
ger_add_test(NAME store_backup_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/backup_test.cpp LIBS ger_store ger_model
  Threads::Threads LABELS unit)
