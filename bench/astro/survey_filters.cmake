# bench_survey_filters: per-lane cost of the survey's row screen and of the Lambert batch.
if(TARGET benchmark::benchmark AND TARGET ger_astro)
  add_executable(bench_survey_filters ${CMAKE_CURRENT_LIST_DIR}/survey_filters_bench.cpp)
  target_link_libraries(bench_survey_filters PRIVATE ger_astro benchmark::benchmark ger_options)
endif()
