// explorer/runtime/task.hpp: one task of an execution (its fiber, state and pending operation).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "explorer/op.hpp"
#include "explorer/runtime/fiber.hpp"

namespace explorer {

enum class TaskState : std::uint8_t {
    priming,   // spawned or woken: runs local code up to its next scheduling point, unasked
    ready,     // stopped at a scheduling point; `pending` is what it does when picked
    running,
    blocked,   // asleep until another task wakes it, or (acquiring or turn set) its step is disabled
    finished,
};

const char* to_string(TaskState state);

enum class TaskKind : std::uint8_t {
    worker,  // must finish: blocked at the end is a deadlock
    daemon,  // loops forever (kthreadd): blocked at the end is fine
};

struct Task {
    TaskId id = 0;
    std::string name;
    std::uint64_t name_hash = 0;  // fnv1a64(name): tasks by name in the fingerprint
    TaskKind kind = TaskKind::worker;
    TaskState state = TaskState::finished;
    std::function<void()> body;
    Op pending;
    const char* waits_for = "";  // while blocked
    ObjectId wait_object = no_object;
    // Locks (explorer/lock.hpp): the one it takes at its next step, the one it holds.
    ObjectId acquiring = no_object;
    ObjectId holding = no_object;
    // Turns (explorer/turn.hpp): the turnstile whose turn `turn_rank` its next step takes.
    ObjectId turn = no_object;
    std::uint32_t turn_rank = 0;
    // What it observed so far (cell values read, data choices, lock outcomes), as a chained
    // hash: with the cells, the task's future is a function of it (stateful search).
    std::uint64_t digest = 0;
    std::uint64_t steps = 0;  // steps it made (with the digest: where it is in its code)
    Fiber fiber;
};

}  // namespace explorer
