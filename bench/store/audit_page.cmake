# bench_audit_page: one page of the change feed and of the audit log at 1k and 100k entries (the cost must not grow
# with the log), against reading the whole log as the server did before schema 6. Google Benchmark when installed.
if(NOT TARGET ger_store OR NOT TARGET benchmark::benchmark)
  return()
endif()
find_package(SQLite3 REQUIRED)
add_executable(bench_audit_page ${CMAKE_CURRENT_LIST_DIR}/audit_page_bench.cpp)
target_link_libraries(bench_audit_page PRIVATE ger_store ger_options SQLite::SQLite3 benchmark::benchmark)
target_include_directories(bench_audit_page PRIVATE ${PROJECT_SOURCE_DIR}/tests/store)
