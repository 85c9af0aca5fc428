# Large result storage (astro/detail/large_buffer.hpp): alignment, every element usable, overflow refused.
if(TARGET ger_astro)
  ger_add_test(NAME astro_large_buffer_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/large_buffer_test.cpp LIBS ger_astro
    LABELS unit)
endif()
