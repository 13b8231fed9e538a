// explorer/api.hpp: what code running inside an execution calls (tasks, setup, checks).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "explorer/runtime/execution.hpp"

namespace explorer {

namespace detail {
inline Execution& here() { return Execution::current_or_fail(); }
}  // namespace detail

// A scheduling point: call it immediately before every effect on shared state, declaring
// that effect. Code between two scheduling points runs atomically and must be local.
inline void step(const Op& op) { detail::here().step(op); }
inline void step(const char* kind, ObjectId object, Access access) { step(Op{kind, object, access}); }

// Sleeps until another task calls wake(self()). The code from the wake-up to the next
// step() runs without being scheduled, so it must be local (re-check under a step()).
inline void block(const char* waits_for, ObjectId on = no_object) { detail::here().block(waits_for, on); }

// Makes a blocked task runnable; false (and no effect) when it was not blocked.
inline bool wake(TaskId task) { return detail::here().wake(task); }

// A data choice inside a step (e.g. "does this fork fail?"): every value is explored.
inline std::size_t choose(std::size_t count, const char* label) { return detail::here().choose(count, label); }

// Starts a task; it runs up to its first scheduling point before anyone else is scheduled.
inline TaskId spawn(std::string name, std::function<void()> body, TaskKind kind = TaskKind::worker) {
    return detail::here().spawn(std::move(name), std::move(body), kind);
}

// A search-order hint, never a restriction: when dpor has the choice (a new choice point, or
// which first step of a race's reversal to schedule), it takes `task` only if no other task
// will do. For environment tasks (a fault source whose one step may land anywhere): the first
// executions run without them, and the races then insert their steps where they matter.
inline void schedule_last(TaskId task) { detail::here().schedule_last(task); }

inline TaskId self() { return detail::here().self(); }
// Index of the step being executed (the number of steps before it).
inline std::uint64_t current_step() {
    const auto& events = detail::here().events();
    return events.empty() ? 0 : events.size() - 1;
}
inline TaskState state_of(TaskId task) { return detail::here().task(task).state; }
inline const std::string& name_of(TaskId task) { return detail::here().task(task).name; }

// The id of a named object (stable across the executions of one exploration).
inline ObjectId object(std::string_view name) { return detail::here().object(name); }

// Records what the current step observed (shown in traces, checked by replay).
inline void set_result(Value value) { detail::here().set_result(value); }

// Narrows the current step's declared access to what it did (e.g. a wake-up that found
// the task running only read its state). Partial-order reduction then sees fewer conflicts.
inline void refine(Access access, Access also_access = Access::none) { detail::here().refine(access, also_access); }

// Reports a violation of `invariant` found by the running task and stops the execution.
[[noreturn]] inline void fail(std::string invariant, std::string message) {
    detail::here().fail(FailureKind::invariant, std::move(invariant), std::move(message));
}

// Stops the execution with a model fault: the model broke one of its own rules (reported as an
// internal error, exit 3, with the trace that led to it).
[[noreturn]] inline void model_fault(std::string message) { detail::here().model_fault(std::move(message)); }

// An assertion inside a task: a false condition is reported as a failure, never a crash.
inline void check(bool condition, const char* what) {
    if (!condition) {
        detail::here().fail(FailureKind::assertion, "assertion", what);
    }
}

// Registers a check run after every step (invariant) or once the execution is quiescent
// (at_end). Register them from the program's setup.
inline void invariant(std::string name, Check check) { detail::here().add_check(std::move(name), std::move(check), false); }
// Registers the summary of the end state of an execution that ends quiescent (each task's
// result, what became of the shared objects): strategies are cross-checked on these.
inline void outcome(std::function<std::string()> describe) { detail::here().set_outcome(std::move(describe)); }
inline void at_end(std::string name, Check check) { detail::here().add_check(std::move(name), std::move(check), true); }

}  // namespace explorer
