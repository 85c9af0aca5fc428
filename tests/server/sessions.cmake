# Sessions and logins: the login throttle and the client address behind proxies (unit), and end to end: cookies
# behind a TLS proxy, X-Forwarded-For, throttling from one address while another logs in, the security log.
if(NOT TARGET ger_server)
  return()
endif()
ger_add_test(NAME server_login_throttle_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/login_throttle_test.cpp
  LIBS ger_server LABELS unit)
ger_add_test(NAME server_client_address_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/client_address_test.cpp
  LIBS ger_server LABELS unit)
ger_add_test(NAME server_sessions_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/sessions_test.cpp
  LIBS ger_server PkgConfig::GER_HTTPLIB LABELS integration EVERY_BACKEND)
# `ger serve` refuses bad option values before it opens anything, naming the option.
if(TARGET ger)
  add_test(NAME server_serve_cli.bad_public_url COMMAND ger serve --public-url roadmap.example.org)
  add_test(NAME server_serve_cli.bad_trusted_proxy COMMAND ger serve --trusted-proxy 10.0.0.1 --trusted-proxy 10.0.0.0/40)
  set_tests_properties(server_serve_cli.bad_public_url PROPERTIES LABELS integration
    PASS_REGULAR_EXPRESSION "--public-url: 'roadmap.example.org' is not a URL")
  set_tests_properties(server_serve_cli.bad_trusted_proxy PROPERTIES LABELS integration
    PASS_REGULAR_EXPRESSION "--trusted-proxy: '10.0.0.0/40': the prefix length must be 0 to 32")
endif()
