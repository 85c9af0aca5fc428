# The edition report (report.cpp): PDF pages laid out with pango on cairo, the chart drawn as vectors by librsvg,
# findings from ger_analysis; and the self-contained HTML page (html_report.cpp).
pkg_check_modules(GER_PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo)
target_link_libraries(ger_render PRIVATE PkgConfig::GER_PANGOCAIRO)
if(TARGET ger_analysis)
  target_link_libraries(ger_render PUBLIC ger_analysis)
endif()
