# Published launch windows: Earth-Mars minimum C3 2026-2035 against Burke, Falck & McGuire 2010
# (NASA/TM-2010-216764, Tables 2-6), 3 % in C3 and +/- 3 days in each date; known differences documented in the
# test and in docs/VALIDATION.md.
if(TARGET ger_astro)
  ger_add_test(NAME astro_porkchop_handbook_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/porkchop_handbook_test.cpp
    LIBS ger_astro LABELS unit)
endif()
