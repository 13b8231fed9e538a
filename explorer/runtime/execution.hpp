// explorer/runtime/execution.hpp: the scheduler mechanism; runs one execution of a program.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "explorer/failure.hpp"
#include "explorer/op.hpp"
#include "explorer/runtime/object_table.hpp"
#include "explorer/runtime/task.hpp"
#include "explorer/trace/trace.hpp"

namespace explorer {

class Strategy;

// What happened at one scheduling point.
struct Event {
    TaskId task = 0;
    Op op;
    std::uint64_t ready = 0;          // tasks ready at this point, one bit per TaskId
    std::uint32_t first_choice = 0;   // this step's data choices: choices()[first, first+count)
    std::uint32_t choice_count = 0;
    Value result;
    std::uint64_t woke = 0;           // tasks this step woke or spawned (happens-before edges)
};

// Sets up one execution: creates the shared state, spawns the first tasks, registers checks.
using Program = std::function<void()>;
// A check returns a message when it is violated, nothing when it holds.
using Check = std::function<std::optional<std::string>()>;

class Execution {
public:
    static constexpr std::size_t max_tasks = 64;

    Execution(StackPool& stacks, ObjectTable& objects, std::uint64_t max_steps);
    ~Execution();
    Execution(const Execution&) = delete;
    Execution& operator=(const Execution&) = delete;

    // Runs `program` once under `strategy`. On return every fiber has ended.
    void run(const Program& program, Strategy& strategy);

    // The execution being run on this thread (nullptr outside run()).
    static Execution* current() { return current_; }

    // --- read side: strategies and reports ---
    const std::vector<Event>& events() const { return events_; }
    const std::vector<std::size_t>& choices() const { return choices_; }
    const std::optional<Failure>& failure() const { return failure_; }
    std::size_t task_count() const { return count_; }
    const Task& task(TaskId id) const { return *tasks_[id]; }
    const ObjectTable& objects() const { return objects_; }
    std::uint64_t finished_at_end() const { return finished_at_end_; }
    // The strategy cut this execution short as redundant (e.g. sleep-set blocked).
    bool pruned() const { return pruned_; }
    std::uint64_t blocked_at_end() const { return blocked_at_end_; }
    // The execution with stable names (tasks and objects by name), for traces and replay.
    Trace trace() const;
    std::string render(const Value& value) const;

    // --- write side: called by tasks through explorer/api.hpp ---
    // The hot path: declared inline so a scheduling point costs a context switch and a few
    // stores (every extra call frame around the switch is a mispredicted return).
    void step(const Op& op) {
        if (running_ == nullptr || cancelling_) [[unlikely]] {
            refuse_step();
        }
        Task& task = *running_;
        task.pending = op;
        task.state = TaskState::ready;
        ready_ |= std::uint64_t{1} << task.id;
        task.fiber.suspend();
        if (cancelling_) [[unlikely]] {
            refuse_step();
        }
    }
    void block(const char* waits_for, ObjectId object);
    bool wake(TaskId id);
    std::size_t choose(std::size_t count, const char* label);
    TaskId spawn(std::string name, std::function<void()> body, TaskKind kind);
    [[noreturn]] void fail(FailureKind kind, std::string invariant, std::string message);
    void set_result(Value value);
    void refine(Access access, Access also_access);
    void add_check(std::string name, Check check, bool at_end);
    ObjectId object(std::string_view name) { return objects_.intern(name); }
    TaskId self() const;

private:
    struct NamedCheck {
        std::string name;
        Check check;
    };

    static void task_entry(void* task);
    [[noreturn]] void refuse_step();  // outside a task: a failure; while cancelling: unwind
    void reset();
    void prime() {
        if (priming_ != 0) {
            prime_all();
        }
    }
    void prime_all();
    TaskId pick();
    void execute(TaskId id);
    void resume(Task& task);
    void check_invariants() {
        if (!step_checks_.empty()) {
            check_all_invariants();
        }
    }
    void check_all_invariants();
    void quiesce();
    void unwind_all();
    void record(FailureKind kind, std::string invariant, std::string message);
    Task& running_task();

    static inline thread_local Execution* current_ = nullptr;

    StackPool& stacks_;
    ObjectTable& objects_;
    std::uint64_t max_steps_;
    Strategy* strategy_ = nullptr;

    std::vector<std::unique_ptr<Task>> tasks_;  // reused across executions; first count_ live
    std::size_t count_ = 0;
    std::uint64_t ready_ = 0;    // bit per task in TaskState::ready
    std::uint64_t priming_ = 0;  // bit per task in TaskState::priming
    Task* running_ = nullptr;
    bool in_step_ = false;       // the running task is executing a picked step (not priming)
    bool cancelling_ = false;
    bool pruned_ = false;
    bool consult_every_step_ = false;

    std::vector<Event> events_;
    std::vector<std::size_t> choices_;
    std::vector<NamedCheck> step_checks_;
    std::vector<NamedCheck> end_checks_;
    std::optional<Failure> failure_;
    std::uint64_t finished_at_end_ = 0;
    std::uint64_t blocked_at_end_ = 0;
};

}  // namespace explorer
