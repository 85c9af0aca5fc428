# End-to-end tests of the `ger` command line: they run the built binary (GER_BINARY_DIR/ger) in temporary
# directories, so the test target depends on it.
if(NOT TARGET ger OR NOT TARGET ger_store)
  return()
endif()
ger_add_test(NAME cli_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/cli_test.cpp LIBS ger_model LABELS integration)
add_dependencies(cli_test ger)
# The bundled workshop and `ger workshops purge`.
ger_add_test(NAME cli_workshops_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/workshops_cli_test.cpp LIBS ger_store ger_model
  LABELS integration)
add_dependencies(cli_workshops_test ger)
# `ger migrate`: SQLite to PostgreSQL (when built in) and back through the binary; refusals write nothing.
ger_add_test(NAME cli_migrate_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/migrate_cli_test.cpp LIBS ger_model
  LABELS integration
  ${ger_store_backend_properties})
add_dependencies(cli_migrate_test ger)
