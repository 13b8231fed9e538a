// explorer/runtime/execution.cpp: one execution: priming, picking, stepping, checking, unwinding.
#include "explorer/runtime/execution.hpp"

#include <array>
#include <bit>
#include <exception>
#include <stdexcept>

#include "explorer/strategy/strategy.hpp"

namespace explorer {

namespace {

// Thrown inside a task to unwind its stack (after a failure, or when the execution is
// abandoned). Always caught by the task's entry: it never leaves the fiber.
struct Unwind {};

#define KTC_HOT inline __attribute__((always_inline))

constexpr std::uint64_t bit(TaskId id) { return std::uint64_t{1} << id; }

TaskId lowest(std::uint64_t mask) { return static_cast<TaskId>(std::countr_zero(mask)); }

}  // namespace

const char* to_string(TaskState state) {
    switch (state) {
        case TaskState::priming: return "priming";
        case TaskState::ready: return "ready";
        case TaskState::running: return "running";
        case TaskState::blocked: return "blocked";
        case TaskState::finished: return "finished";
    }
    return "?";
}

Execution::Execution(StackPool& stacks, ObjectTable& objects, std::uint64_t max_steps)
    : stacks_(stacks), objects_(objects), max_steps_(max_steps) {}

Execution::~Execution() = default;

void Execution::task_entry(void* argument) {
    Task& task = *static_cast<Task*>(argument);
    Execution& self = *current_;
    if (!self.cancelling_) {
        try {
            task.body();
        } catch (const Unwind&) {
            // a failure was recorded, or the execution is being abandoned
        } catch (const std::exception& error) {
            self.record(FailureKind::exception, "exception",
                        "task " + task.name + " threw: " + error.what());
        } catch (...) {
            self.record(FailureKind::exception, "exception",
                        "task " + task.name + " threw a non-standard exception");
        }
    }
    task.state = TaskState::finished;
}

void Execution::reset() {
    for (std::size_t i = 0; i < count_; ++i) {
        tasks_[i]->body = nullptr;  // releases what the task captured
    }
    count_ = 0;
    ready_ = 0;
    priming_ = 0;
    last_ = 0;
    objects_.rewind();
    running_ = nullptr;
    in_step_ = false;
    cancelling_ = false;
    pruned_ = false;
    events_.clear();
    choices_.clear();
    step_checks_.clear();
    end_checks_.clear();
    failure_.reset();
    finished_at_end_ = 0;
    blocked_at_end_ = 0;
    cells_fingerprint_ = 0;
    locks_.clear();
    lock_waits_.clear();
    turns_.clear();
    outcome_fn_ = nullptr;
    outcome_.clear();
}

void Execution::run(const Program& program, Strategy& strategy) {
    reset();
    strategy_ = &strategy;
    consult_every_step_ = strategy.consult_every_step();
    fingerprinting_ = strategy.needs_fingerprint();
    Execution* outer = current_;
    current_ = this;
    try {
        program();
    } catch (const Unwind&) {
    } catch (const std::exception& error) {
        record(FailureKind::exception, "exception", std::string("setup threw: ") + error.what());
    } catch (...) {
        record(FailureKind::exception, "exception", "setup threw a non-standard exception");
    }
    if (!halted()) {
        prime();
        check_invariants();
    }
    while (!halted()) {
        if (ready_ == 0) {
            bool turn_waiter = false;
            for (const TurnState& turnstile : turns_) {
                turn_waiter |= turnstile.waiters != 0;
            }
            if (turn_waiter) {
                // Not an execution of the program without turns (there the waiter would go on):
                // its twin, with the interchangeable tasks renamed so that the turns come in
                // order, is explored instead (explorer/turn.hpp).
                pruned_ = true;
            } else if (!failure_) {
                quiesce();
            }
            break;
        }
        if (events_.size() >= max_steps_) {
            record(FailureKind::step_bound, "step-bound",
                   "the execution reached its bound of " + std::to_string(max_steps_) +
                       " steps with tasks still ready (possible livelock)");
            break;
        }
        TaskId next = pick();
        if (next == no_task || pruned_ || halted()) {
            break;
        }
        execute(next);
        prime();
        check_invariants();
    }
    for (std::size_t i = 0; i < count_; ++i) {
        finished_at_end_ += tasks_[i]->state == TaskState::finished;
        blocked_at_end_ += tasks_[i]->state == TaskState::blocked;
        if (tasks_[i]->state == TaskState::blocked && tasks_[i]->acquiring != no_object &&
            tasks_[i]->turn == no_object) {
            lock_waits_.push_back({static_cast<TaskId>(i), lock_owner(tasks_[i]->acquiring), tasks_[i]->pending});
        }
    }
    unwind_all();
    current_ = outer;
}

void Execution::prime_all() {
    while (priming_ != 0 && !halted()) {
        TaskId id = lowest(priming_);
        priming_ &= ~bit(id);
        in_step_ = false;
        resume(*tasks_[id]);
    }
}

KTC_HOT TaskId Execution::pick() {
    if ((ready_ & (ready_ - 1)) == 0 && !consult_every_step_) {
        return lowest(ready_);  // one task ready: not a choice
    }
    std::array<TaskId, max_tasks> ready;  // only the first n are read: no zeroing on the hot path
    std::size_t n = 0;
    for (std::uint64_t mask = ready_; mask != 0; mask &= mask - 1) {
        ready[n++] = lowest(mask);
    }
    std::size_t index = strategy_->pick_task(*this, std::span<const TaskId>(ready.data(), n));
    if (index == Strategy::prune) {
        pruned_ = true;
        return no_task;
    }
    if (index >= n) {
        record(FailureKind::nondeterminism, "nondeterminism", strategy_->divergence());
        return no_task;
    }
    return ready[index];
}

KTC_HOT void Execution::execute(TaskId id) {
    Task& task = *tasks_[id];
    events_.push_back(Event{id, task.pending, ready_, static_cast<std::uint32_t>(choices_.size()), 0, {}});
    ++task.steps;
    ready_ &= ~bit(id);
    in_step_ = true;
    resume(task);
    in_step_ = false;
}

KTC_HOT void Execution::resume(Task& task) {
    running_ = &task;
    task.state = TaskState::running;
    task.fiber.resume();
    running_ = nullptr;
}

Task& Execution::running_task() {
    if (running_ == nullptr) {
        fail(FailureKind::exception, "exception",
             "a task operation (step, block, choose, ...) was called outside a task");
    }
    return *running_;
}

void Execution::refuse_step() {
    running_task();
    throw Unwind{};
}

void Execution::block(const char* waits_for, ObjectId object) {
    Task& task = running_task();
    if (cancelling_) {
        throw Unwind{};
    }
    if (task.acquiring != no_object) {
        model_fault(task.name + " sleeps between taking " + objects_.name(task.acquiring) +
                    " and its next step: the acquire belongs to a step");
    }
    if (task.turn != no_object) {
        model_fault(task.name + " sleeps between taking a turn of " + objects_.name(task.turn) +
                    " and its next step: the turn belongs to a step");
    }
    task.state = TaskState::blocked;
    task.waits_for = waits_for;
    task.wait_object = object;
    task.fiber.suspend();
    if (cancelling_) {
        throw Unwind{};
    }
}

bool Execution::wake(TaskId id) {
    if (id >= count_ || tasks_[id]->state != TaskState::blocked || tasks_[id]->acquiring != no_object ||
        tasks_[id]->turn != no_object) {
        return false;  // not asleep (waiting for a lock or a turn is not sleeping: its step is disabled)
    }
    tasks_[id]->state = TaskState::priming;
    priming_ |= bit(id);
    if (in_step_) {
        events_.back().woke |= bit(id);
    }
    return true;
}

std::size_t Execution::choose(std::size_t count, const char* label) {
    running_task();
    if (!in_step_) {
        fail(FailureKind::exception, "exception",
             std::string("choose(") + label +
                 ") was called outside a step: a data choice belongs to the effect after a "
                 "scheduling point");
    }
    if (count == 0) {
        fail(FailureKind::exception, "exception", std::string("choose(") + label + ") among 0 values");
    }
    if (count == 1) {
        return 0;
    }
    std::size_t value = strategy_->pick_value(*this, count, label);
    if (value >= count) {
        fail(FailureKind::nondeterminism, "nondeterminism", strategy_->divergence());
    }
    choices_.push_back(value);
    ++events_.back().choice_count;
    running_->digest = mix64(running_->digest ^ 0x636f696365ULL) + value;
    return value;
}

TaskId Execution::spawn(std::string name, std::function<void()> body, TaskKind kind) {
    if (count_ == max_tasks) {
        fail(FailureKind::exception, "exception",
             "more than " + std::to_string(max_tasks) + " tasks in one execution");
    }
    for (std::size_t i = 0; i < count_; ++i) {
        if (tasks_[i]->name == name) {
            fail(FailureKind::exception, "exception", "two tasks named " + name);
        }
    }
    if (count_ == tasks_.size()) {
        tasks_.push_back(std::make_unique<Task>());
    }
    Task& task = *tasks_[count_];
    task.id = static_cast<TaskId>(count_++);
    last_ &= ~bit(task.id);
    task.name = std::move(name);
    task.name_hash = fnv1a64(task.name);
    task.kind = kind;
    task.acquiring = no_object;
    task.holding = no_object;
    task.turn = no_object;
    task.turn_rank = 0;
    task.digest = 0;
    task.steps = 0;
    task.state = TaskState::priming;
    task.body = std::move(body);
    task.pending = Op{};
    task.waits_for = "";
    task.wait_object = no_object;
    task.fiber.start(stacks_, &Execution::task_entry, &task);
    priming_ |= bit(task.id);
    if (in_step_) {
        events_.back().woke |= bit(task.id);
    }
    return task.id;
}

void Execution::schedule_last(TaskId id) {
    if (id >= count_) {
        fail(FailureKind::exception, "exception", "schedule_last() of a task that does not exist");
    }
    last_ |= bit(id);
}

void Execution::fail(FailureKind kind, std::string invariant, std::string message) {
    record(kind, std::move(invariant), std::move(message));
    throw Unwind{};
}

void Execution::set_result(Value value) {
    running_task();
    if (in_step_) {
        events_.back().result = value;
    }
}

void Execution::refine(Access access, Access also_access) {
    running_task();
    if (!in_step_) {
        return;
    }
    Event& event = events_.back();
    if (!covers(event.op.access, access) || !covers(event.op.also_access, also_access)) {
        model_fault("refine(" + std::string(to_string(access)) + ", " + to_string(also_access) + ") widens " +
                    describe_step(event) + ": a step cannot do more than it declared");
    }
    if (!covers(access, event.did_object) || !covers(also_access, event.did_also)) {
        model_fault("refine(" + std::string(to_string(access)) + ", " + to_string(also_access) + ") narrows " +
                    describe_step(event) + " below what it did (" + to_string(event.did_object) + ", " +
                    to_string(event.did_also) + ")");
    }
    event.narrowed |= access != event.op.access || also_access != event.op.also_access;
    event.op.access = access;
    event.op.also_access = also_access;
}

void Execution::add_check(std::string name, Check check, bool at_end) {
    (at_end ? end_checks_ : step_checks_).push_back({std::move(name), std::move(check)});
}

TaskId Execution::self() const {
    return running_ == nullptr ? no_task : running_->id;
}

void Execution::check_all_invariants() {
    for (const NamedCheck& named : step_checks_) {
        if (failure_) {
            return;
        }
        try {
            if (std::optional<std::string> violation = named.check()) {
                record(FailureKind::invariant, named.name, std::move(*violation));
            }
        } catch (const Unwind&) {
        } catch (const std::exception& error) {
            record(FailureKind::exception, "exception",
                   "invariant " + named.name + " threw: " + error.what());
        }
    }
}

void Execution::quiesce() {
    for (const NamedCheck& named : end_checks_) {
        if (failure_) {
            return;
        }
        try {
            if (std::optional<std::string> violation = named.check()) {
                record(FailureKind::invariant, named.name, std::move(*violation));
            }
        } catch (const Unwind&) {
        } catch (const std::exception& error) {
            record(FailureKind::exception, "exception",
                   "final check " + named.name + " threw: " + error.what());
        }
    }
    if (failure_) {
        return;
    }
    std::string stuck;
    for (std::size_t i = 0; i < count_; ++i) {
        const Task& task = *tasks_[i];
        if (task.state == TaskState::blocked && task.kind == TaskKind::worker) {
            stuck += (stuck.empty() ? "" : ", ") + task.name + " in " + task.waits_for;
            if (task.wait_object != no_object) {
                stuck += " on " + objects_.name(task.wait_object);
            }
        }
    }
    if (!stuck.empty()) {
        record(FailureKind::deadlock, "deadlock", "every unfinished task is blocked: " + stuck);
        return;
    }
    if (outcome_fn_ && describe_outcomes_) {
        try {
            outcome_ = outcome_fn_();
        } catch (const std::exception& error) {
            record(FailureKind::exception, "exception", std::string("the outcome summary threw: ") + error.what());
        }
    }
}

void Execution::record(FailureKind kind, std::string invariant, std::string message) {
    if (failure_ && !(is_internal(kind) && !is_internal(failure_->kind))) {
        // The first failure of an execution is its verdict, but a fault of the model or of
        // ktcheck met while running on past an invariant's (continue_after_failure) is not
        // hidden: it replaces the finding and halts the execution.
        return;
    }
    Failure failure;
    failure.kind = kind;
    failure.invariant = std::move(invariant);
    failure.step = events_.empty() ? 0 : events_.size() - 1;
    failure.task = running_ == nullptr ? "" : running_->name;
    failure.message = std::move(message);
    for (std::size_t i = 0; i < count_; ++i) {
        const Task& task = *tasks_[i];
        if (task.state == TaskState::blocked) {
            failure.blocked.push_back({task.name, task.waits_for, objects_.name(task.wait_object),
                                       task.kind == TaskKind::daemon});
        }
    }
    failure_ = std::move(failure);
}

void Execution::unwind_all() {
    cancelling_ = true;
    for (std::size_t i = 0; i < count_; ++i) {
        Task& task = *tasks_[i];
        if (!task.fiber.done()) {
            resume(task);  // step()/block() throw Unwind; a task that never started returns at once
        }
        if (!task.fiber.done()) {
            std::terminate();  // a task swallowed Unwind and suspended again: a bug in the program
        }
    }
    ready_ = 0;
    priming_ = 0;
}

// --------------------------------------------------------------------------------- locks

Execution::LockState& Execution::lock_state(ObjectId lock) {
    for (LockState& state : locks_) {
        if (state.obj == lock) {
            return state;
        }
    }
    locks_.push_back(LockState{lock, no_task, 0});
    return locks_.back();
}

TaskId Execution::lock_owner(ObjectId lock) const {
    for (const LockState& state : locks_) {
        if (state.obj == lock) {
            return state.owner;
        }
    }
    return no_task;
}

void Execution::lock(ObjectId lock) {
    Task& task = running_task();
    if (task.acquiring != no_object || task.holding != no_object) {
        model_fault(task.name + " takes " + objects_.name(lock) + " while it holds or takes " +
                    objects_.name(task.holding != no_object ? task.holding : task.acquiring) +
                    ": nested locks are not modeled");
    }
    task.acquiring = lock;  // taken at its next step
}

// The step of a task that takes a lock or a turn. While another task holds the lock, or the
// turn has not come, the step is disabled (blocked, not ready, no event): a held lock is not a
// step of the task that waits for it, so failed attempts are neither explored nor races (the
// DPOR literature's lock). The task waits at its scheduling point with its op pending; a
// release or an earlier turn enables it and an acquire by another task disables it again.
void Execution::enter(Task& task) {
    if (task.acquiring != no_object) {
        lock_state(task.acquiring).contenders |= bit(task.id);
    }
    if (task.turn != no_object) {
        turn_state(task.turn).waiters |= bit(task.id);
    }
    if (enabled(task)) {
        park(task);
    } else {
        task.state = TaskState::blocked;
        name_wait(task);
        task.fiber.suspend();
        if (cancelling_) [[unlikely]] {
            refuse_step();
        }
    }
    if (!enabled(task)) {
        model_fault("ktcheck: " + task.name + " was picked for a step that is disabled (" + task.waits_for + ")");
    }
    task.waits_for = "";
    task.wait_object = no_object;
    if (task.acquiring != no_object) {
        LockState& taken = lock_state(task.acquiring);
        taken.owner = task.id;
        taken.contenders &= ~bit(task.id);
        task.holding = task.acquiring;
        task.acquiring = no_object;
        refresh(taken.contenders);
    }
    if (task.turn != no_object) {
        TurnState& turnstile = turn_state(task.turn);
        ++turnstile.next;
        turnstile.waiters &= ~bit(task.id);
        task.turn = no_object;
        refresh(turnstile.waiters);
    }
}

bool Execution::enabled(const Task& task) const {
    if (task.acquiring != no_object && lock_owner(task.acquiring) != no_task) {
        return false;
    }
    if (task.turn != no_object) {
        const TurnState* turnstile = find_turn(task.turn);
        return turnstile != nullptr && turnstile->next == task.turn_rank;
    }
    return true;
}

// What a disabled step waits for (a deadlock report names it).
void Execution::name_wait(Task& task) const {
    const TurnState* turnstile = task.turn != no_object ? find_turn(task.turn) : nullptr;
    if (turnstile != nullptr && turnstile->next != task.turn_rank) {
        task.waits_for = "its turn";
        task.wait_object = task.turn;
    } else {
        task.waits_for = "spin_lock";
        task.wait_object = task.acquiring;
    }
}

void Execution::refresh(std::uint64_t waiters) {
    for (std::uint64_t m = waiters; m != 0; m &= m - 1) {
        Task& waiter = *tasks_[lowest(m)];
        const bool on = enabled(waiter);
        waiter.state = on ? TaskState::ready : TaskState::blocked;
        if (!on) {
            name_wait(waiter);
        }
        ready_ = on ? ready_ | bit(waiter.id) : ready_ & ~bit(waiter.id);
    }
}

void Execution::release(Task& task) {
    LockState& state = lock_state(task.holding);
    state.owner = no_task;
    task.holding = no_object;
    refresh(state.contenders);
}

void Execution::unlock(ObjectId lock) {
    Task& task = running_task();
    if (task.acquiring == lock) {
        // An empty section (no step between lock and unlock): one step that takes and
        // releases it, ordered with the other sections of the lock.
        step(Op{"spin_lock; spin_unlock", no_object, Access::none});
    }
    if (task.holding != lock) {
        model_fault(task.name + " releases " + objects_.name(lock) + ", which it does not hold");
    }
    if (!in_step_) {
        model_fault(task.name + " releases " + objects_.name(lock) +
                    " outside a step (after a wake-up, before its next scheduling point)");
    }
    release(task);
}

// --------------------------------------------------------------------------------- turns

Execution::TurnState& Execution::turn_state(ObjectId turnstile) {
    for (TurnState& state : turns_) {
        if (state.obj == turnstile) {
            return state;
        }
    }
    turns_.push_back(TurnState{turnstile, 0, 0});
    return turns_.back();
}

const Execution::TurnState* Execution::find_turn(ObjectId turnstile) const {
    for (const TurnState& state : turns_) {
        if (state.obj == turnstile) {
            return &state;
        }
    }
    return nullptr;
}

void Execution::take_turn(ObjectId turnstile, std::uint32_t rank) {
    Task& task = running_task();
    if (task.turn != no_object) {
        model_fault(task.name + " takes a turn of " + objects_.name(turnstile) + " while its next step takes one of " +
                    objects_.name(task.turn));
    }
    if (turnstile == no_object) {
        model_fault(task.name + " takes a turn of no turnstile");
    }
    const TurnState& state = turn_state(turnstile);
    if (rank < state.next) {
        model_fault(task.name + " takes turn " + std::to_string(rank) + " of " + objects_.name(turnstile) +
                    ", which has been taken (each rank is one task's, once)");
    }
    task.turn = turnstile;  // taken at its next step
    task.turn_rank = rank;
}

// --------------------------------------------------------------------------------- cells

Execution& Execution::current_or_fail() {
    if (current_ == nullptr) {
        throw std::logic_error("the explorer's API or a cell used outside an execution");
    }
    return *current_;
}

std::string Execution::describe_step(const Event& event) const {
    auto slot = [this](ObjectId obj, Access access) {
        return obj == no_object ? std::string() : objects_.name(obj) + " (" + to_string(access) + ")";
    };
    std::string text = "step " + std::to_string(events_.size() - 1) + " of " + tasks_[event.task]->name + ", " +
                       event.op.kind + " on ";
    std::string objects = slot(event.op.object, event.op.access);
    std::string also = slot(event.op.also, event.op.also_access);
    if (!also.empty()) {
        objects += (objects.empty() ? "" : " and ") + also;
    }
    return text + (objects.empty() ? "no object" : objects);
}

void Execution::access_fault(ObjectId obj, Access did, const char* field) {
    const Task& task = *running_;
    const char* verb = did == Access::read ? "reads" : "writes";
    std::string cell = objects_.name(obj) + "." + field;
    if (!in_step_) {
        model_fault(task.name + " " + verb + " " + cell +
                    " outside a step (between a wake-up or its start and its next scheduling point): shared "
                    "state is touched only inside the step that declares it");
    }
    model_fault(task.name + " " + verb + " " + cell + " in " + describe_step(events_.back()) +
                ", which does not declare it" + (did == Access::read ? "" : " as written") +
                ": every access to shared state must be declared by its step");
}

void Execution::unset_read(ObjectId obj, const char* field, const char* invariant) {
    std::string who = running_ != nullptr ? running_->name : std::string("a check");
    std::string message = who + " reads " + objects_.name(obj) + "." + field + " before anyone set it";
    if (running_ == nullptr || *invariant == '\0') {
        model_fault(message);
    }
    fail(FailureKind::invariant, invariant, message);
}

void Execution::model_fault(std::string message) {
    record(FailureKind::model_fault, "model-fault", std::move(message));
    throw Unwind{};
}

std::uint64_t Execution::fingerprint() const {
    if (!fingerprinting_) {
        throw std::logic_error("Execution::fingerprint() under a strategy that does not ask for it (needs_fingerprint())");
    }
    std::uint64_t fp = cells_fingerprint_;
    for (const LockState& state : locks_) {
        std::uint64_t owner = state.owner == no_task ? 0 : tasks_[state.owner]->name_hash;
        fp += mix64((static_cast<std::uint64_t>(state.obj) << 1 | 1) ^ mix64(owner));
    }
    for (const TurnState& state : turns_) {
        fp += mix64((static_cast<std::uint64_t>(state.obj) << 2 | 2) ^ mix64(state.next + 0x7475726eULL));
    }
    for (std::size_t i = 0; i < count_; ++i) {
        const Task& task = *tasks_[i];
        std::uint64_t h = mix64(task.name_hash ^ static_cast<std::uint64_t>(task.state)) + task.digest;
        h = mix64(h + task.steps);
        if (task.state == TaskState::ready) {
            const Op& op = task.pending;
            h = mix64(h ^ fnv1a64(op.kind));
            h = mix64(h ^ (static_cast<std::uint64_t>(op.object) << 8 | static_cast<std::uint64_t>(op.access)));
            h = mix64(h ^ (static_cast<std::uint64_t>(op.also) << 8 | static_cast<std::uint64_t>(op.also_access)));
            h = mix64(h ^ (static_cast<std::uint64_t>(op.lock) << 8 | static_cast<std::uint64_t>(op.lock_access)));
        }
        h = mix64(h ^ (static_cast<std::uint64_t>(task.acquiring) << 32 | task.holding));
        if (task.turn != no_object) {
            h = mix64(h ^ (static_cast<std::uint64_t>(task.turn) << 32 | task.turn_rank));
        }
        fp += mix64(h);
    }
    return fp;
}

StepFields Execution::step_fields(std::size_t i, char* number) const noexcept {
    const Event& event = events_[i];
    StepFields step;
    step.index = i;
    step.task = tasks_[event.task]->name;
    step.op = event.op.kind;
    step.object = objects_.view(event.op.object);
    step.also = objects_.view(event.op.also);
    step.lock = objects_.view(event.op.lock);
    step.access = event.op.access;
    step.choices = std::span<const std::size_t>(choices_.data() + event.first_choice, event.choice_count);
    switch (event.result.kind) {
        case Value::Kind::none: break;
        case Value::Kind::integer: step.result = decimal(event.result.number, number); break;
        case Value::Kind::object: step.result = objects_.view(static_cast<ObjectId>(event.result.number)); break;
    }
    return step;
}

Trace Execution::trace() const {
    Trace trace;
    // An execution that went on after its failure (continue_after_failure) is traced up to it.
    std::size_t end = failure_ ? std::min<std::size_t>(events_.size(), failure_->step + 1) : events_.size();
    trace.steps.reserve(end);
    char number[24];
    for (std::size_t i = 0; i < end; ++i) {
        StepFields fields = step_fields(i, number);
        TraceStep step;
        step.task = fields.task;
        step.op = fields.op;
        step.object = fields.object;
        step.also = fields.also;
        step.lock = fields.lock;
        step.access = fields.access;
        step.choices.assign(fields.choices.begin(), fields.choices.end());
        step.result = fields.result;
        trace.steps.push_back(std::move(step));
    }
    trace.failure = failure_;
    return trace;
}

}  // namespace explorer
