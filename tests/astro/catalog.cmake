# Catalogue import: packed designations, the MPC one-line format on data/NEA.txt, SBDB CSV, bad lines.
if(TARGET ger_astro)
  ger_add_test(NAME astro_catalog_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/catalog_test.cpp LIBS ger_astro LABELS unit)
endif()
