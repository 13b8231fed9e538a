// explorer/failure.hpp: findings as values (invariant violations, deadlocks, step bounds, ...).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace explorer {

enum class FailureKind : std::uint8_t {
    invariant,       // a named invariant of the program does not hold
    deadlock,        // every unfinished non-daemon task is blocked
    step_bound,      // the execution exceeded its step bound (possible livelock)
    exception,       // a task, an invariant or the setup threw
    assertion,       // explorer::check() failed inside a task
    nondeterminism,  // the same choices led to a different execution
    model_fault,     // the model broke a rule of the explorer (an undeclared cell access, ...)
};

inline constexpr FailureKind failure_kinds[] = {FailureKind::invariant,  FailureKind::deadlock,
                                                FailureKind::step_bound, FailureKind::exception,
                                                FailureKind::assertion,  FailureKind::nondeterminism,
                                                FailureKind::model_fault};

const char* to_string(FailureKind kind);
const char* summary(FailureKind kind);  // one line, for `ktcheck list`

// A fault of ktcheck or of the model code rather than a finding about the protocol: the
// command exits 3 (with the trace that led to it).
inline bool is_internal(FailureKind kind) {
    return kind == FailureKind::exception || kind == FailureKind::assertion ||
           kind == FailureKind::nondeterminism || kind == FailureKind::model_fault;
}

// A task that was blocked when the execution stopped, and what it waits for.
struct BlockedTask {
    std::string task;
    std::string waits_for;
    std::string object;  // empty when the wait names no object
    bool daemon = false;
};

struct Failure {
    FailureKind kind = FailureKind::invariant;
    std::string invariant;  // the invariant's name; for other kinds, the kind's name
    std::uint64_t step = 0; // index of the step at (or after) which it was detected
    std::string task;       // the task that was running, when there was one
    std::string message;
    std::vector<BlockedTask> blocked;  // filled for deadlocks (and whenever tasks were blocked)

    // Failures with equal keys are the same finding for deduplication.
    std::string key() const { return std::string(to_string(kind)) + ":" + invariant; }
};

}  // namespace explorer
