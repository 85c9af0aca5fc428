# bench_porkchop: a 1000 x 1000-day Earth-Mars porkchop (1 M cells, tabulation included), 1 and 2 threads.
if(TARGET benchmark::benchmark AND TARGET ger_astro)
  add_executable(bench_porkchop ${CMAKE_CURRENT_LIST_DIR}/porkchop_bench.cpp)
  target_link_libraries(bench_porkchop PRIVATE ger_astro benchmark::benchmark ger_options)
endif()
