# Tests of ger_render's roadmap chart: XML escaping, text metrics (against Pango), label placement, the chart
# (parsed with libxml2), and PNG export. Executables are named test_render_* so `ctest -R render` selects them.
if(NOT TARGET ger_render)
  return()
endif()
pkg_check_modules(GER_TEST_XML REQUIRED IMPORTED_TARGET libxml-2.0)
pkg_check_modules(GER_TEST_PANGO REQUIRED IMPORTED_TARGET pangocairo)

ger_add_test(NAME test_render_xml SOURCES ${CMAKE_CURRENT_LIST_DIR}/xml_test.cpp LIBS ger_render LABELS unit)
ger_add_test(NAME test_render_text_metrics SOURCES ${CMAKE_CURRENT_LIST_DIR}/text_metrics_test.cpp
  LIBS ger_render PkgConfig::GER_TEST_PANGO LABELS unit)
ger_add_test(NAME test_render_label_placement SOURCES ${CMAKE_CURRENT_LIST_DIR}/label_placement_test.cpp
  LIBS ger_render LABELS unit)
ger_add_test(NAME test_render_roadmap_chart SOURCES ${CMAKE_CURRENT_LIST_DIR}/roadmap_chart_test.cpp
  LIBS ger_render PkgConfig::GER_TEST_XML LABELS unit)
# A workshop's iCalendar feed (folding, escaping, parsed by python3-icalendar) and attendee CSV.
ger_add_test(NAME test_render_workshop_files SOURCES ${CMAKE_CURRENT_LIST_DIR}/workshop_files_test.cpp
  LIBS ger_render LABELS unit)
