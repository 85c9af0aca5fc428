ger_add_test(NAME test_analysis_findings SOURCES ${CMAKE_CURRENT_LIST_DIR}/findings_test.cpp LIBS ger_analysis
  LABELS unit)
ger_add_test(NAME test_analysis_feasibility SOURCES ${CMAKE_CURRENT_LIST_DIR}/feasibility_test.cpp
  LIBS ger_analysis LABELS unit)
ger_add_test(NAME test_analysis_edition SOURCES ${CMAKE_CURRENT_LIST_DIR}/edition_test.cpp LIBS ger_analysis
  LABELS unit)
