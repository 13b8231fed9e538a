# tests/CMakeLists.cli.cmake: ctest entries for the ktcheck CLI: the scenario gate, every golden
# trace replayed, bad inputs, expectation mismatch, stale traces, determinism and SIGINT.
target_compile_definitions(ktc_tests PRIVATE KTC_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

if(TARGET ktcheck)
  set(KTC_CLI_SH ${CMAKE_CURRENT_SOURCE_DIR}/cli/cli_tests.sh)

  # The regression gate: every shipped scenario against its expected verdict.
  add_test(NAME cli.check_scenarios
           COMMAND $<TARGET_FILE:ktcheck> check scenarios --junit ${CMAKE_CURRENT_BINARY_DIR}/ktcheck-junit.xml
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(cli.check_scenarios PROPERTIES TIMEOUT 600)

  # Every golden trace replays (and is not stale).
  file(GLOB KTC_GOLDEN_TRACES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/traces/*.json)
  list(SORT KTC_GOLDEN_TRACES)
  foreach(trace ${KTC_GOLDEN_TRACES})
    get_filename_component(trace_name ${trace} NAME_WLE)
    file(RELATIVE_PATH trace_rel ${PROJECT_SOURCE_DIR} ${trace})
    add_test(NAME cli.replay.${trace_name}
             COMMAND $<TARGET_FILE:ktcheck> replay --quiet ${trace_rel}
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(cli.replay.${trace_name} PROPERTIES TIMEOUT 60)
  endforeach()

  foreach(case internal_fault show_golden bad_inputs bad_traces expect_mismatch stale_trace diverged_trace determinism sigint estimate usage)
    add_test(NAME cli.${case}
             COMMAND sh ${KTC_CLI_SH} ${case} $<TARGET_FILE:ktcheck> ${PROJECT_SOURCE_DIR}
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(cli.${case} PROPERTIES TIMEOUT 120)
  endforeach()
endif()
