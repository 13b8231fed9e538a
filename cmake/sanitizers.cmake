# cmake/sanitizers.cmake: the ktc_sanitizers interface target, driven by KTC_SANITIZE.
# ASan reports false errors around Boost.Context stack switches when a suspended fiber is
# destroyed; the engine never does that, but UBSan (plus valgrind) is the default backstop.
add_library(ktc_sanitizers INTERFACE)
if(KTC_SANITIZE)
  target_compile_options(ktc_sanitizers INTERFACE -fsanitize=${KTC_SANITIZE} -fno-omit-frame-pointer
                         -fno-sanitize-recover=all)
  target_link_options(ktc_sanitizers INTERFACE -fsanitize=${KTC_SANITIZE})
endif()
