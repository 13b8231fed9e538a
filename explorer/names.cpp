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

}  // namespace explorer
