# The analysis pictures (coverage_svg.cpp, dependency_svg.cpp) draw ger_analysis results.
if(TARGET ger_analysis)
  target_link_libraries(ger_render PUBLIC ger_analysis)
endif()
