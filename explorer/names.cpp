// explorer/names.cpp: printable names of the engine's enums.
#include "explorer/failure.hpp"
#include "explorer/op.hpp"

namespace explorer {

const char* to_string(Access access) {
    switch (access) {
        case Access::none: return "none";
        case Access::read: return "read";
        case Access::write: return "write";
        case Access::read_write: return "read-write";
        case Access::wake: return "wake";
        case Access::sleep: return "sleep";
        case Access::sleep_check: return "sleep-check";
    }
    return "?";
}

const char* to_string(FailureKind kind) {
    switch (kind) {
        case FailureKind::invariant: return "invariant";
        case FailureKind::deadlock: return "deadlock";
        case FailureKind::step_bound: return "step-bound";
        case FailureKind::exception: return "exception";
        case FailureKind::assertion: return "assertion";
        case FailureKind::nondeterminism: return "nondeterminism";
        case FailureKind::model_fault: return "model-fault";
    }
    return "?";
}

const char* summary(FailureKind kind) {
    switch (kind) {
        case FailureKind::invariant: return "a named invariant of the program does not hold";
        case FailureKind::deadlock: return "every unfinished non-daemon task is blocked";
        case FailureKind::step_bound: return "an execution exceeded max_steps (possible livelock)";
        case FailureKind::exception: return "a task, an invariant or the setup threw (exit 3)";
        case FailureKind::assertion: return "a check inside a task failed (exit 3)";
        case FailureKind::nondeterminism: return "the same choices led to a different execution (exit 3)";
        case FailureKind::model_fault: return "the model broke a rule of the explorer, e.g. an undeclared cell access (exit 3)";
    }
    return "?";
}

}  // namespace explorer
