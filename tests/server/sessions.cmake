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
  LIBS ger_server PkgConfig::GER_HTTPLIB LABELS integration)
