# Frozen editions: snapshots and artefacts are write-once (API and triggers), survive imports, and conflicts
# leave nothing written.
ger_add_test(NAME store_edition_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/edition_test.cpp
  LIBS ger_store ger_model SQLite::SQLite3 LABELS unit ${ger_store_backend_properties})
