# NEA survey: fast combined search == brute force (min, count), pruning never drops a viable target, threads and
# shards give the single-thread answer.
if(TARGET ger_astro)
  ger_add_test(NAME astro_survey_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/survey_test.cpp LIBS ger_astro
    LABELS unit)
endif()
