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
#include "explorer/hash.hpp"
#include "explorer/op.hpp"
#include "explorer/runtime/object_table.hpp"
#include "explorer/runtime/task.hpp"
#include "explorer/trace/step_json.hpp"
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
    Access did_object = Access::none; // what its cell accesses did to op.object and op.also
    Access did_also = Access::none;
    bool narrowed = false;            // refine() narrowed op below what the task declared
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
    // After a finding (an invariant), the other tasks run on to the end (the failing task has
    // stopped; later failures are not recorded, except a fault of the model or of ktcheck, which
    // replaces the finding): a strategy that learns from the steps of an execution (dpor's races)
    // then sees the steps the failure would have cut off.
    void set_continue_after_failure(bool on) { continue_after_failure_ = on; }
    // Whether an execution's end computes the program's outcome summary (only a search that
    // collects outcomes reads it: a string per execution otherwise).
    void set_describe_outcomes(bool on) { describe_outcomes_ = on; }

    // The execution being run on this thread (nullptr outside run()).
    static Execution* current() { return current_; }

    // --- read side: strategies and reports ---
    const std::vector<Event>& events() const { return events_; }
    const std::vector<std::size_t>& choices() const { return choices_; }
    const std::optional<Failure>& failure() const { return failure_; }
    std::size_t task_count() const { return count_; }
    const Task& task(TaskId id) const { return *tasks_[id]; }
    // The tasks whose next step takes a lock that another task held when the execution ended.
    struct LockWait {
        TaskId task;
        TaskId holder;
        Op step;  // the step that takes the lock
    };
    const std::vector<LockWait>& lock_waits() const { return lock_waits_; }
    // The state's fingerprint: every cell and lock, and per task its state, pending op and
    // observations. Equal fingerprints (up to 64-bit collisions) have equal futures.
    std::uint64_t fingerprint() const;
    const ObjectTable& objects() const { return objects_; }
    std::uint64_t finished_at_end() const { return finished_at_end_; }
    // The strategy cut this execution short as redundant (e.g. sleep-set blocked).
    bool pruned() const { return pruned_; }
    std::uint64_t blocked_at_end() const { return blocked_at_end_; }
    // The execution with stable names (tasks and objects by name), for traces and replay.
    Trace trace() const;
    // Step i as the trace names it, without allocating (the crash guard calls it from a signal
    // handler): `number` (24 bytes) holds an integer result's digits.
    StepFields step_fields(std::size_t i, char* number) const noexcept;
    // The task running now (nullptr between steps of the scheduler).
    const Task* running() const { return running_; }
    // Which execution of its exploration this is (set by explore(); for traces and crash reports).
    void set_index(std::uint64_t index) { index_ = index; }
    std::uint64_t index() const { return index_; }

    // --- write side: called by tasks through explorer/api.hpp ---
    // The hot path: declared inline so a scheduling point costs a context switch and a few
    // stores (every extra call frame around the switch is a mispredicted return).
    void step(const Op& op) {
        if (running_ == nullptr || cancelling_) [[unlikely]] {
            refuse_step();
        }
        Task& task = *running_;
        task.pending = op;
        if ((task.acquiring & task.holding & task.turn) != no_object) [[unlikely]] {
            if ((task.acquiring & task.holding) != no_object) {
                // The lock it takes here (its acquire moves right to this step) or holds (its
                // release, at some step, moves left into it): the step declares it.
                task.pending.lock = task.acquiring != no_object ? task.acquiring : task.holding;
                task.pending.lock_access = Access::read_write;
                task.pending.acquires = task.acquiring != no_object;
            }
            task.pending.turn = task.turn;
            if (task.acquiring != no_object || task.turn != no_object) {
                enter(task);
                return;
            }
        }
        park(task);
    }
    void block(const char* waits_for, ObjectId object);
    bool wake(TaskId id);
    std::size_t choose(std::size_t count, const char* label);
    TaskId spawn(std::string name, std::function<void()> body, TaskKind kind);
    void schedule_last(TaskId id);
    // The tasks marked schedule_last(), one bit per TaskId.
    std::uint64_t scheduled_last() const { return last_; }
    [[noreturn]] void fail(FailureKind kind, std::string invariant, std::string message);
    void set_result(Value value);
    void refine(Access access, Access also_access);
    void add_check(std::string name, Check check, bool at_end);
    void set_outcome(std::function<std::string()> describe) { outcome_fn_ = std::move(describe); }
    // The program's summary of this execution's end state (explorer::outcome()), when it ended
    // quiescent; empty otherwise.
    const std::string& outcome() const { return outcome_; }
    ObjectId object(std::string_view name) { return objects_.intern(name); }
    TaskId self() const;

    // Locks (explorer/lock.hpp).
    void lock(ObjectId lock);
    void unlock(ObjectId lock);
    TaskId lock_owner(ObjectId lock) const;
    // Turns (explorer/turn.hpp).
    void take_turn(ObjectId turnstile, std::uint32_t rank);

    // Cells (explorer/cell.hpp). The checks run only inside a task (setup and checks are free).
    static Execution& current_or_fail();
    static std::uint64_t cell_key(ObjectId obj, const char* field) {
        return mix64((static_cast<std::uint64_t>(obj) << 32) ^ fnv1a64(field));
    }
    static std::uint64_t cell_contribution(std::uint64_t key, std::uint64_t value) {
        return mix64(key ^ mix64(value + 0x9e3779b97f4a7c15ULL));
    }
    // Whether this execution keeps a fingerprint (its strategy asked: Strategy::needs_fingerprint()).
    static bool fingerprinting() { return current_ != nullptr && current_->fingerprinting_; }
    static void add_to_fingerprint(std::uint64_t delta) {
        current_->cells_fingerprint_ += delta;  // a sum: independent of creation order
    }
    // Checks a read by the running task; returns the execution when the value read must be
    // observed (fingerprinting), nullptr otherwise.
    static Execution* note_read(ObjectId obj, const char* field) {
        Execution* e = current_;
        if (e == nullptr || e->running_ == nullptr) {
            return nullptr;
        }
        e->check_access(obj, Access::read, field);
        return e->fingerprinting_ ? e : nullptr;
    }
    void observe(std::uint64_t seen) { running_->digest = mix64(running_->digest ^ seen); }
    static void note_write(ObjectId obj, const char* field) {
        Execution* e = current_;
        if (e != nullptr && e->running_ != nullptr) {
            e->check_access(obj, Access::write, field);
        }
    }
    [[noreturn]] void unset_read(ObjectId obj, const char* field, const char* invariant);
    // Stops the execution with a model fault (a rule of the explorer broken by model code).
    [[noreturn]] void model_fault(std::string message);

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
    void check_access(ObjectId obj, Access did, const char* field) {
        if (!in_step_) [[unlikely]] {
            access_fault(obj, did, field);
        }
        Event& event = events_.back();
        if (obj == event.op.object && covers(event.op.access, did)) {
            event.did_object = combine(event.did_object, did);
        } else if (obj == event.op.also && covers(event.op.also_access, did)) {
            event.did_also = combine(event.did_also, did);
        } else [[unlikely]] {
            access_fault(obj, did, field);
        }
    }
    [[noreturn]] void access_fault(ObjectId obj, Access did, const char* field);
    std::string describe_step(const Event& event) const;
    // The step that takes a lock or a turn: enabled only while the lock is free
    // (explorer/lock.hpp) and the turn has come (explorer/turn.hpp).
    void enter(Task& task);
    bool enabled(const Task& task) const;
    void name_wait(Task& task) const;
    // Makes each task of `waiters` ready or blocked, as enabled() says.
    void refresh(std::uint64_t waiters);
    // Waits at the scheduling point of task.pending until the strategy picks it.
    void park(Task& task) {
        task.state = TaskState::ready;
        ready_ |= std::uint64_t{1} << task.id;
        task.fiber.suspend();
        if (cancelling_) [[unlikely]] {
            refuse_step();
        }
    }
    void release(Task& task);
    struct LockState {
        ObjectId obj = no_object;
        TaskId owner = no_task;
        std::uint64_t contenders = 0;  // tasks whose next step takes it
    };
    LockState& lock_state(ObjectId lock);
    struct TurnState {
        ObjectId obj = no_object;
        std::uint32_t next = 0;     // the rank whose turn it is
        std::uint64_t waiters = 0;  // tasks whose next step takes a turn of it
    };
    TurnState& turn_state(ObjectId turnstile);
    const TurnState* find_turn(ObjectId turnstile) const;

    static inline thread_local Execution* current_ = nullptr;

    StackPool& stacks_;
    ObjectTable& objects_;
    std::uint64_t max_steps_;
    std::uint64_t index_ = 0;
    Strategy* strategy_ = nullptr;

    std::vector<std::unique_ptr<Task>> tasks_;  // reused across executions; first count_ live
    std::size_t count_ = 0;
    std::uint64_t ready_ = 0;    // bit per task in TaskState::ready
    std::uint64_t priming_ = 0;  // bit per task in TaskState::priming
    std::uint64_t last_ = 0;     // bit per task marked schedule_last()
    Task* running_ = nullptr;
    bool in_step_ = false;       // the running task is executing a picked step (not priming)
    bool cancelling_ = false;
    bool pruned_ = false;
    bool consult_every_step_ = false;
    bool continue_after_failure_ = false;
    bool describe_outcomes_ = false;
    bool fingerprinting_ = false;
    bool halted() const {
        return failure_.has_value() && !(continue_after_failure_ && failure_->kind == FailureKind::invariant);
    }

    std::vector<Event> events_;
    std::vector<std::size_t> choices_;
    std::vector<NamedCheck> step_checks_;
    std::vector<NamedCheck> end_checks_;
    std::optional<Failure> failure_;
    std::uint64_t finished_at_end_ = 0;
    std::uint64_t blocked_at_end_ = 0;
    std::uint64_t cells_fingerprint_ = 0;
    std::vector<LockState> locks_;  // the locks used in this execution, in first-use order
    std::vector<LockWait> lock_waits_;
    std::vector<TurnState> turns_;  // the turnstiles used in this execution, in first-use order
    std::function<std::string()> outcome_fn_;
    std::string outcome_;
};

}  // namespace explorer
