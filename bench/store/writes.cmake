# bench_store_writes: one mission create and one edit against the size of the roadmap (100 to 10,000 missions),
# and the export a server's snapshot rebuild costs. Google Benchmark when installed.
if(NOT TARGET ger_store OR NOT TARGET benchmark::benchmark)
  return()
endif()
add_executable(bench_store_writes ${CMAKE_CURRENT_LIST_DIR}/writes_bench.cpp)
target_link_libraries(bench_store_writes PRIVATE ger_store ger_options benchmark::benchmark)
target_include_directories(bench_store_writes PRIVATE ${PROJECT_SOURCE_DIR}/tests/store)
