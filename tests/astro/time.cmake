ger_add_test(NAME astro_time_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/time_test.cpp LIBS ger_astro LABELS unit)
