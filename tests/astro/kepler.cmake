ger_add_test(NAME astro_kepler_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/kepler_test.cpp LIBS ger_astro LABELS unit)
