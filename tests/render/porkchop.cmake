# Porkchop chart: marching-squares contours and the SVG (well-formed, title/desc, labels apart, PNG export).
if(TARGET ger_render AND TARGET ger_astro)
  pkg_check_modules(GER_TEST_XML_PC REQUIRED IMPORTED_TARGET libxml-2.0)
  ger_add_test(NAME test_render_porkchop SOURCES ${CMAKE_CURRENT_LIST_DIR}/porkchop_test.cpp
    LIBS ger_render ger_astro PkgConfig::GER_TEST_XML_PC LABELS unit)
endif()
