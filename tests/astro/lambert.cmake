# Lambert solver tests: unit (textbook, errors, re-propagation, batch == scalar) and the poliastro cross-check.
if(TARGET ger_astro)
  find_package(hwy REQUIRED CONFIG)  # the batch test forces each compiled SIMD target in turn
  ger_add_test(NAME lambert_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/lambert_test.cpp LIBS ger_astro hwy::hwy
    LABELS unit)
  ger_add_test(NAME lambert_poliastro_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/lambert_poliastro_test.cpp
    LIBS ger_astro LABELS integration)
endif()
