// explorer/crash_guard.hpp: a fault in model code (a bad pointer, a stack overflow, an abort) becomes
// exit 3 with the trace that led to it, instead of a crash.
#pragma once

#include <string>

namespace explorer {

inline constexpr int crash_exit_code = 3;

// While one is alive, SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGABRT run a handler on its own
// stack. It says on stderr what faulted, in which task, step and execution; writes the steps
// so far to `path` as a trace file whose failure is a model fault (`head`: trace_json_head() of
// that file; the execution index is filled in), or to stderr when `path` is empty; and exits
// with crash_exit_code. A second fault inside the handler ends the process the default way.
// One guard at a time (the handlers are the process's).
class CrashGuard {
public:
    CrashGuard(std::string head, std::string path);
    ~CrashGuard();
    CrashGuard(const CrashGuard&) = delete;
    CrashGuard& operator=(const CrashGuard&) = delete;
};

}  // namespace explorer
