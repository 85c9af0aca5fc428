# astro's one parallel loop (astro/parallel.hpp).
if(TARGET ger_astro)
  ger_add_test(NAME astro_parallel_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/parallel_test.cpp LIBS ger_astro LABELS unit)
endif()
