# bench_lambert: scalar, batch (one core) and threaded Lambert throughput on the standard set.
if(TARGET benchmark::benchmark AND TARGET ger_astro)
  add_executable(bench_lambert ${CMAKE_CURRENT_LIST_DIR}/lambert_bench.cpp)
  target_link_libraries(bench_lambert PRIVATE ger_astro benchmark::benchmark ger_options)
endif()
