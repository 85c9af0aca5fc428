# Unit tests of ger_model: one executable per concept.
# Suites are named model_<Concept> so `ctest -R model` selects exactly these tests.
foreach(concept planned_date enums json validation parse_dataset bundled comment workshop content_page action_item)
  ger_add_test(NAME test_model_${concept} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${concept}_test.cpp
               LIBS ger_model LABELS unit)
endforeach()
