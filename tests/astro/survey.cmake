# NEA survey: fast combined search == brute force (min, count), pruning never drops a viable target, threads and
# shards give the single-thread answer; survey_cli_test runs `ger survey` end to end (JSON, shards, Ctrl-C, MPI).
if(TARGET ger_astro)
  ger_add_test(NAME astro_survey_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/survey_test.cpp LIBS ger_astro
    LABELS unit)
endif()
# The exact count of viable pairs against counting every pair (both of its sorts).
if(TARGET ger_astro)
  ger_add_test(NAME astro_survey_count_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/survey_count_test.cpp LIBS ger_astro
    LABELS unit)
endif()
if(TARGET ger_astro)
  ger_add_test(NAME astro_survey_leg_filter_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/survey_leg_filter_test.cpp
    LIBS ger_astro LABELS unit)
endif()
if(TARGET ger_astro)
  ger_add_test(NAME astro_survey_tof_filter_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/survey_tof_filter_test.cpp
    LIBS ger_astro LABELS unit)
endif()
if(TARGET ger_astro)
  find_package(hwy REQUIRED CONFIG)  # the row screen's test forces each compiled SIMD target in turn
  ger_add_test(NAME astro_survey_leg_row_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/survey_leg_row_test.cpp
    LIBS ger_astro hwy::hwy LABELS unit)
endif()
if(TARGET ger AND TARGET ger_astro)
  ger_add_test(NAME astro_survey_cli_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/survey_cli_test.cpp LIBS ger_astro
    ger_store LABELS integration)
  add_dependencies(astro_survey_cli_test ger)
endif()
# The survey's reported figures against poliastro + astropy (tests/astro/survey_reference.py).
if(TARGET ger_astro)
  ger_add_test(NAME astro_survey_reference_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/survey_reference_test.cpp
    LIBS ger_astro LABELS integration)
endif()
