ger_add_test(NAME astro_ephemeris_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/ephemeris_test.cpp LIBS ger_astro
  LABELS unit)
ger_add_test(NAME astro_frames_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/frames_test.cpp LIBS ger_astro LABELS unit)
