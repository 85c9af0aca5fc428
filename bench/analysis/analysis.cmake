# bench_analysis: ger analyze (without feasibility), the roadmap chart and the edition PDF on 100 agencies x
# 20,000 missions, and feasibility of the bundled data set (docs/PERFORMANCE.md, "Analysis and publication").
if(NOT TARGET ger_analysis OR NOT TARGET ger_render)
  return()
endif()
add_executable(bench_analysis ${CMAKE_CURRENT_LIST_DIR}/analysis_bench.cpp)
target_link_libraries(bench_analysis PRIVATE ger_analysis ger_render ger_options)
target_include_directories(bench_analysis PRIVATE ${PROJECT_SOURCE_DIR}/tests/render)
