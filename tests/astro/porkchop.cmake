# Porkchop grid: unit tests (errors, C3 = |v_inf|^2, Type I/II angles, parallel == serial, grid vs refined
# minimum, Hohmann), and the Earth-Mars opportunities 2026-2035 against poliastro + astropy (integration).
if(TARGET ger_astro)
  ger_add_test(NAME astro_porkchop_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/porkchop_test.cpp LIBS ger_astro
    LABELS unit)
  ger_add_test(NAME astro_porkchop_opportunities_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/porkchop_opportunities_test.cpp LIBS ger_astro LABELS integration)
endif()
