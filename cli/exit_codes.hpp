// cli/exit_codes.hpp: the exit codes of every ktcheck command (documented in docs/cli.md).
#pragma once

namespace cli {

inline constexpr int exit_ok = 0;           // pass; every expectation met; trace reproduced
inline constexpr int exit_failed = 1;       // a failure found; an expectation not met; replay not reproduced or stale
inline constexpr int exit_bad_input = 2;    // bad command line, scenario or trace file
inline constexpr int exit_internal = 3;     // a bug in ktcheck
inline constexpr int exit_interrupted = 130;  // SIGINT

inline constexpr const char* tool_name = "ktcheck " KTC_VERSION;

}  // namespace cli
