# bench_roadmap: layout and SVG of the roadmap chart for a synthetic 100 agencies x 20,000 missions data set
# (goal: under 1 s). Google Benchmark when installed, a plain std::chrono loop otherwise.
if(NOT TARGET ger_render)
  return()
endif()
add_executable(bench_roadmap ${CMAKE_CURRENT_LIST_DIR}/roadmap_bench.cpp)
target_link_libraries(bench_roadmap PRIVATE ger_render ger_options)
target_include_directories(bench_roadmap PRIVATE ${PROJECT_SOURCE_DIR}/tests/render)
if(TARGET benchmark::benchmark)
  target_link_libraries(bench_roadmap PRIVATE benchmark::benchmark)
  target_compile_definitions(bench_roadmap PRIVATE GER_HAVE_GOOGLE_BENCHMARK=1)
endif()
