# NEA survey: optional MPI for `ger survey --mpi` (the gather lives in the CLI; linking MPI publicly here gives
# the ger executable mpi.h and the library). Debian: libopenmpi-dev, openmpi-bin.
# CUDA kernels (GER_WITH_CUDA) are not written yet: the option is refused rather than silently ignored.
if(GER_WITH_MPI)
  find_package(MPI REQUIRED COMPONENTS CXX)
  target_link_libraries(ger_astro PUBLIC MPI::MPI_CXX)
endif()
if(GER_WITH_CUDA)
  message(WARNING "GER_WITH_CUDA: the survey has no CUDA kernels yet; the CPU path is used")
endif()
