# Issue 11's reliability tests over SQLite. server_conflicts_test: 16 clients x 1,000 edits through the API with
# If-Match (slow; one CTest test for the executable, since ger_add_test's discovered tests take a single label).
# server_faults.disk_full: `ger serve` as its own process while its files may not grow (tests/server/disk_full.py).
# server_crash: `ger serve` killed with SIGKILL 50 times under writes (tests/server/crash.py; slow).
if(NOT TARGET ger_server)
  return()
endif()
add_executable(server_conflicts_test ${CMAKE_CURRENT_LIST_DIR}/conflicts_test.cpp)
target_link_libraries(server_conflicts_test PRIVATE ger_server PkgConfig::GER_HTTPLIB GTest::gtest_main ger_options)
ger_test_optimization(server_conflicts_test)
add_test(NAME server_conflicts_test COMMAND server_conflicts_test)
set_tests_properties(server_conflicts_test PROPERTIES LABELS "integration;slow" TIMEOUT 600)
if(TARGET ger)
  add_test(NAME server_faults.disk_full COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/disk_full.py $<TARGET_FILE:ger>)
  set_tests_properties(server_faults.disk_full PROPERTIES LABELS integration TIMEOUT 300)
  add_test(NAME server_crash COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/crash.py $<TARGET_FILE:ger> 50)
  set_tests_properties(server_crash PROPERTIES LABELS "integration;slow" TIMEOUT 600)
endif()
