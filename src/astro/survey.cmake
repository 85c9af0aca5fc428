# NEA survey: optional MPI for `ger survey --mpi` (the gather lives in the CLI; linking MPI publicly here gives
# the ger executable mpi.h and the library). Debian: libopenmpi-dev, openmpi-bin.
if(GER_WITH_MPI)
  find_package(MPI REQUIRED COMPONENTS CXX)
  target_link_libraries(ger_astro PUBLIC MPI::MPI_CXX)
endif()
# CUDA leg grids (GER_WITH_CUDA, src/astro/cuda/): their own static library, compiled by nvcc with g++ as the host
# compiler. It does not link ger_options (its -Wpedantic/-fsanitize flags are C++-only); it gets the same include
# paths and its own warnings. Architectures: SASS for A100 (80) and H100 (90) plus compute_90 PTX for newer cards,
# named explicitly because the build machines have no GPU ("native" would fail there). The CUDA runtime is linked
# statically so `ger` runs wherever the driver (libcuda) is installed, and still starts where it is not.
if(GER_WITH_CUDA)
  file(GLOB ger_astro_cuda_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/cuda/*.cu)
  add_library(ger_astro_cuda STATIC ${ger_astro_cuda_sources})
  set_target_properties(ger_astro_cuda PROPERTIES CUDA_ARCHITECTURES "80-real;90-real;90-virtual"
    CUDA_RUNTIME_LIBRARY Static POSITION_INDEPENDENT_CODE ON)
  target_include_directories(ger_astro_cuda PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_BINARY_DIR}/generated)
  target_compile_options(ger_astro_cuda PRIVATE
    $<$<COMPILE_LANGUAGE:CUDA>:-Xcompiler=-Wall,-Wextra,-Wshadow $<$<BOOL:${GER_WERROR}>:-Werror=all-warnings -Xcompiler=-Werror>>)
  target_link_libraries(ger_astro_cuda PUBLIC CUDA::cudart_static Threads::Threads)
  target_link_libraries(ger_astro PRIVATE ger_astro_cuda)
endif()
