# Issue 11's reliability tests, over SQLite and (GER_WITH_POSTGRESQL) PostgreSQL. server_conflicts_test: 16 clients x 1,000 edits through the API with
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
if(GER_WITH_POSTGRESQL)
  add_test(NAME server_conflicts_test.postgresql COMMAND server_conflicts_test)
  set_tests_properties(server_conflicts_test.postgresql PROPERTIES LABELS "integration;slow" TIMEOUT 600
    FIXTURES_REQUIRED postgresql
    ENVIRONMENT "GER_TEST_POSTGRESQL=${ger_postgresql_dir}/url;GER_TEST_SERVER_BACKEND=postgresql")
endif()
if(TARGET ger)
  add_test(NAME server_faults.disk_full COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/disk_full.py $<TARGET_FILE:ger>)
  set_tests_properties(server_faults.disk_full PROPERTIES LABELS integration TIMEOUT 300)
  add_test(NAME server_crash COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/crash.py $<TARGET_FILE:ger> 50)
  set_tests_properties(server_crash PROPERTIES LABELS "integration;slow" TIMEOUT 600)
  if(GER_WITH_POSTGRESQL)
    # Its own durable PostgreSQL (not the fixture's, which runs with fsync off), crashed every fifth round.
    add_test(NAME server_crash.postgresql COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/crash.py
      $<TARGET_FILE:ger> 50 --postgresql ${PROJECT_SOURCE_DIR}/tests/store/postgresql_cluster.sh)
    set_tests_properties(server_crash.postgresql PROPERTIES LABELS "integration;slow" TIMEOUT 600)
    # PostgreSQL stopped and restarted under write load: 503 store-unavailable meanwhile, reconnection by itself.
    add_test(NAME server_faults.postgresql_restart COMMAND /usr/bin/python3
      ${CMAKE_CURRENT_LIST_DIR}/postgresql_restart.py $<TARGET_FILE:ger> ${PROJECT_SOURCE_DIR}/tests/store/postgresql_cluster.sh)
    set_tests_properties(server_faults.postgresql_restart PROPERTIES LABELS integration TIMEOUT 300)
    # Two servers on one PostgreSQL: writes, sessions, token revocation and login throttling seen through both.
    add_test(NAME server_two_servers.postgresql COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/two_servers.py
      $<TARGET_FILE:ger> ${PROJECT_SOURCE_DIR}/tests/store/postgresql_cluster.sh)
    set_tests_properties(server_two_servers.postgresql PROPERTIES LABELS integration TIMEOUT 300)
  endif()
endif()
