# data/NEA.txt compiled into ger_astro (bundled_catalog.cpp, by .incbin): the file's path, and a rebuild when it
# changes.
get_filename_component(ger_bundled_nea ${PROJECT_SOURCE_DIR}/data/NEA.txt ABSOLUTE)
set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/bundled_catalog.cpp PROPERTIES
  COMPILE_DEFINITIONS "GER_BUNDLED_NEA_PATH=\"${ger_bundled_nea}\""
  OBJECT_DEPENDS ${ger_bundled_nea})
