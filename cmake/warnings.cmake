# cmake/warnings.cmake: the ktc_warnings interface target (warnings on; -Werror with KTC_WERROR).
add_library(ktc_warnings INTERFACE)
target_compile_options(ktc_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  $<$<BOOL:${KTC_WERROR}>:-Werror>
  # GCC 12 at -O3 reports std::string appends inside libstdc++ (GCC bug 105329): not ours.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
