# Comparison with an independent implementation (Debian's astropy, run as /usr/bin/python3); skips without it.
ger_add_test(NAME astro_astropy_compare_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/astropy_compare_test.cpp
  LIBS ger_astro LABELS integration)
