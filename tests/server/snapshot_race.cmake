# The snapshot race under load (seconds of writes and reads): slow. One CTest test for the executable, since
# ger_add_test's discovered tests take a single label.
if(NOT TARGET ger_server)
  return()
endif()
add_executable(server_snapshot_race_test ${CMAKE_CURRENT_LIST_DIR}/snapshot_race_test.cpp)
target_link_libraries(server_snapshot_race_test PRIVATE ger_server PkgConfig::GER_HTTPLIB GTest::gtest_main ger_options)
ger_test_optimization(server_snapshot_race_test)
add_test(NAME server_snapshot_race_test COMMAND server_snapshot_race_test)
set_tests_properties(server_snapshot_race_test PROPERTIES LABELS "integration;slow" TIMEOUT 300)
if(GER_WITH_POSTGRESQL)
  add_test(NAME server_snapshot_race_test.postgresql COMMAND server_snapshot_race_test)
  set_tests_properties(server_snapshot_race_test.postgresql PROPERTIES LABELS "integration;slow" TIMEOUT 300
    ${ger_server_postgresql_properties})
endif()
