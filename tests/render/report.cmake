# The edition report: PDF checked with poppler-utils (pdftotext, pdfinfo, pdftoppm; pages kept as PNG in
# <build>/test-output/report), the self-contained HTML page, the 300 dpi chart.
if(TARGET ger_analysis)
  ger_add_test(NAME test_render_report SOURCES ${CMAKE_CURRENT_LIST_DIR}/report_test.cpp
    LIBS ger_render ger_analysis LABELS unit)
endif()
