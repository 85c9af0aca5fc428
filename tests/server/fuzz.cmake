# The request-parsing fuzzer (tests/server/fuzz/run.sh): clang's libFuzzer with ASan and UBSan over the seed
# corpus, 60 s in make test. Longer by hand: tests/server/fuzz/run.sh . /tmp/fuzz 3600
if(NOT TARGET ger_server)
  return()
endif()
add_test(NAME server.request_fuzzer
  COMMAND ${PROJECT_SOURCE_DIR}/tests/server/fuzz/run.sh ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/fuzz/request 60)
set_tests_properties(server.request_fuzzer PROPERTIES LABELS "integration;slow;fuzz" TIMEOUT 600)
