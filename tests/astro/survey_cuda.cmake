# NEA survey on CUDA: GPU == CPU (skipped without a GPU), and device selection (`--device cuda` without a GPU is a
# clear error, `auto` falls back to the CPU) in the library and in `ger survey`. Built with or without GER_WITH_CUDA.
if(TARGET ger AND TARGET ger_astro)
  ger_add_test(NAME astro_survey_cuda_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/survey_cuda_test.cpp LIBS ger_astro
    LABELS integration)
  add_dependencies(astro_survey_cuda_test ger)
endif()
