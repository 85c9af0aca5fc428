# Lambert solver tests: unit (textbook, errors, re-propagation, batch == scalar) and the poliastro cross-check.
if(TARGET ger_astro)
  find_package(hwy REQUIRED CONFIG)  # the batch test forces each compiled SIMD target in turn
  ger_add_test(NAME lambert_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/lambert_test.cpp LIBS ger_astro hwy::hwy
    LABELS unit)
  ger_add_test(NAME lambert_poliastro_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/lambert_poliastro_test.cpp
    LIBS ger_astro LABELS integration)
endif()
# End-to-end `ger lambert`: runs the real executable on files and stdin.
if(TARGET ger AND TARGET ger_astro)
  ger_add_test(NAME lambert_cli_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/lambert_cli_test.cpp LIBS ger_astro
    LABELS integration)
  add_dependencies(lambert_cli_test ger)
endif()
