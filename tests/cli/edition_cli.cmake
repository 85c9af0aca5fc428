# End-to-end: ger analyze, ger edition freeze/diff and ger report through the built binary.
if(NOT TARGET ger OR NOT TARGET ger_analysis)
  return()
endif()
ger_add_test(NAME cli_edition_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/edition_cli_test.cpp LIBS ger_model
  LABELS integration)
add_dependencies(cli_edition_test ger)
