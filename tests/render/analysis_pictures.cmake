# The analysis pictures: the coverage heatmap and the dependency graph (parsed back with libxml2).
if(TARGET ger_render AND TARGET ger_analysis)
  pkg_check_modules(GER_TEST_XML_AP REQUIRED IMPORTED_TARGET libxml-2.0)
  ger_add_test(NAME test_render_coverage_svg SOURCES ${CMAKE_CURRENT_LIST_DIR}/coverage_svg_test.cpp
    LIBS ger_render ger_analysis PkgConfig::GER_TEST_XML_AP LABELS unit)
  ger_add_test(NAME test_render_dependency_svg SOURCES ${CMAKE_CURRENT_LIST_DIR}/dependency_svg_test.cpp
    LIBS ger_render ger_analysis PkgConfig::GER_TEST_XML_AP LABELS unit)
endif()
