# The porkchop chart (porkchop_svg.cpp) draws astro::PorkchopGrid.
if(TARGET ger_astro)
  target_link_libraries(ger_render PUBLIC ger_astro)
endif()
