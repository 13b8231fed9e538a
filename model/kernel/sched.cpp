// model/kernel/sched.cpp: set_current_state(), schedule(), try_to_wake_up(), do_exit().
#include "model/kernel/sched.hpp"

#include "model/kernel/kernel.hpp"
#include "model/kernel/list.hpp"
#include "model/kernel/spinlock.hpp"
#include "model/kernel/signal.hpp"
#include "model/kernel/wake.hpp"

namespace model {

namespace ex = explorer;

TaskStruct& current() { return kernel().running(); }

const char* task_state_name(unsigned state) {
    switch (state) {
        case TASK_RUNNING: return "TASK_RUNNING";
        case TASK_INTERRUPTIBLE: return "TASK_INTERRUPTIBLE";
        case TASK_UNINTERRUPTIBLE: return "TASK_UNINTERRUPTIBLE";
        case TASK_KILLABLE: return "TASK_KILLABLE";
        case TASK_PARKED: return "TASK_PARKED";
        case TASK_DEAD: return "TASK_DEAD";
        default: return "TASK_?";
    }
}

namespace {

// A store of the value the state already has changes nothing: it commutes with every read of
// the state (e.g. kthreadd's K3 after a wake-up set TASK_RUNNING), so it is declared a read.
// A store of TASK_RUNNING that changes it is, at coarse granularity and for a task whose
// wake-ups no check counts, a wake-up of itself (`Access::wake`): a try_to_wake_up() after it
// finds TASK_RUNNING (sleep_check) and is never reversed with it, because reversed the
// wake-up sets TASK_RUNNING and the store finds it set: the same state, only the wake-up's
// result and the woken count differ, and neither is read (docs/model.md).
void store_state(TaskStruct& cur, unsigned state) {
    if (cur.state.get() == state) {
        ex::refine(ex::Access::read);
        return;
    }
    if (state == TASK_RUNNING && !cur.wakeups_watched && kernel().config.granularity == Granularity::coarse) {
        ex::refine(ex::Access::wake);
    }
    cur.state.set(state);
}

}  // namespace

// include/linux/sched.h: set_current_state(): smp_store_mb(current->state, state)
void set_current_state(unsigned state) {
    TaskStruct& cur = current();
    ex::step("set_current_state", cur.obj, ex::Access::write);
    store_state(cur, state);
}

// include/linux/sched.h: __set_current_state(): WRITE_ONCE(current->state, state)
void __set_current_state(unsigned state) {
    TaskStruct& cur = current();
    ex::step("__set_current_state", cur.obj, ex::Access::write);
    store_state(cur, state);
}

namespace {

// The effect of __schedule() on `cur`, inside the step that declared cur.obj (read-write) and
// `also` with `also_access` (kept as declared when it narrows).
void schedule_in_step(TaskStruct& cur, ex::Access also_access) {
    const bool coarse = kernel().config.granularity == Granularity::coarse;
    const unsigned state = cur.state.get();
    if (state == TASK_RUNNING) {
        // Woken between set_current_state() and schedule(), or never set to sleep: only read,
        // and a wake-up commutes with it (had it come after, this step would have slept and
        // been woken, to the same state).
        ex::refine(coarse ? ex::Access::sleep_check : ex::Access::read, also_access);
        return;
    }
    if (signal_pending_state(state, cur)) {
        cur.state.set(TASK_RUNNING);
        return;
    }
    // It slept, the state word only read: a wake-up commutes with this step (the waker finds
    // the same state either way, and this task goes on either way).
    if (coarse) {
        ex::refine(ex::Access::sleep, also_access);
    }
    cur.asleep.set(true);
    ex::block(cur.sleeping_in, cur.sleeping_on);
    // try_to_wake_up() set TASK_RUNNING and made it runnable again.
}

}  // namespace

// kernel/sched/core.c: __schedule(): a task that is not TASK_RUNNING is deactivated unless
// signal_pending_state() says a signal must keep it running; it sleeps until try_to_wake_up().
void schedule() {
    TaskStruct& cur = current();
    ex::step("schedule", cur.obj, ex::Access::read_write);
    schedule_in_step(cur, ex::Access::none);
}

// if (list_empty(head)) schedule();  Coarse: one step (docs/model.md, "Granularity": the
// read moves right to the sleep, because every list_add_tail() between them is followed by
// its adder's wake-up of the sleeper, which leaves it running either way). Fine: two steps.
bool schedule_if_list_empty(ListHead* head) {
    if (kernel().config.granularity == Granularity::fine) {
        if (!list_empty(head)) {
            return false;
        }
        schedule();
        return true;
    }
    TaskStruct& cur = current();
    ex::step(ex::Op{"list_empty; schedule", cur.obj, ex::Access::read_write, head->obj, ex::Access::read});
    if (!head->entries.get().empty()) {
        ex::refine(ex::Access::none, ex::Access::read);  // only the list was read
        return false;
    }
    schedule_in_step(cur, ex::Access::read);
    return true;
}

int ttwu(TaskStruct* p, unsigned state) {
    if ((p->state.get() & state) == 0) {
        return 0;
    }
    p->state.set(TASK_RUNNING);
    kernel().events().woken(*p);
    if (p->asleep.get()) {
        p->asleep.set(false);
        ex::wake(p->tid);
    }
    return 1;
}

namespace {

// try_to_wake_up()'s effect inside a step that declared p (and `also` with `also_access`).
int wake_in_step(TaskStruct* p, unsigned state, ex::Access also_access) {
    const int woke = ttwu(p, state);
    ex::set_result(ex::Value::integer(woke));
    if (woke == 0) {
        // p->state was only tested. Found TASK_RUNNING, after a wake-up of p that came first,
        // it is that wake-up's `sleep_check` (coarse): ordered after it, never reversed with
        // it, because reversed the two are the same pair with their results swapped, and no
        // caller reads the result (docs/model.md).
        const bool coarse = kernel().config.granularity == Granularity::coarse;
        ex::refine(coarse && p->state.get() == TASK_RUNNING ? ex::Access::sleep_check : ex::Access::read,
                   also_access);
    }
    return woke;
}

}  // namespace

void queue_and_wake(Block* entry, ListHead* head, Spinlock* lock, TaskStruct* p) {
    if (kernel().config.granularity == Granularity::fine) {
        spin_lock(lock);
        list_add_tail(entry, head);
        spin_unlock(lock);
        wake_up_process(p);
        return;
    }
    spin_lock(lock);
    ex::step(ex::Op{"list_add_tail; spin_unlock; wake_up_process", p->obj, ex::Access::wake, head->obj,
                    ex::Access::write});
    // The entry is the caller's own, reachable by no other task until this step publishes it:
    // its liveness is checked unrecorded (it conflicts with nothing yet).
    list_add_tail_in_step(entry, head, "list_add_tail", /*entry_private=*/true);
    spin_unlock(lock);
    wake_in_step(p, TASK_NORMAL, ex::Access::write);
}

// kernel/sched/core.c: try_to_wake_up(): smp_mb__before_spinlock(); if (!(p->state & state))
// goto out; ... p->state = TASK_RUNNING.
int try_to_wake_up(TaskStruct* p, unsigned state, const char* kind) {
    ex::step(kind, p->obj, kernel().config.granularity == Granularity::coarse ? ex::Access::wake : ex::Access::read_write);
    return wake_in_step(p, state, ex::Access::none);
}

int wake_up_process(TaskStruct* p) { return try_to_wake_up(p, TASK_NORMAL, "wake_up_process"); }

int wake_up_state(TaskStruct* p, unsigned state) { return try_to_wake_up(p, state, "wake_up_state"); }

// kernel/exit.c: do_exit(): exit_signals() (PF_EXITING); tsk->exit_code = code; exit_mm() ->
// mm_release() -> complete_vfork_done(); and at last do_task_dead(): TASK_DEAD. Whoever the
// completion wakes (kthread_stop()) reads the exit code after it. Never returns in the
// kernel; model code writes `return do_exit(code);`.
int do_exit(int code) {
    TaskStruct& cur = current();
    ex::step("do_exit: PF_EXITING; exit_code = code; exit_mm", cur.obj, ex::Access::read_write);
    cur.exited.set(true);
    cur.exit_code.set(code);
    if (Completion* vfork_done = cur.vfork_done.get()) {
        cur.vfork_done.set(nullptr);  // complete_vfork_done(): task_lock(); tsk->vfork_done = NULL
        complete(vfork_done);
    }
    ex::step("do_task_dead", cur.obj, ex::Access::write);
    cur.state.set(TASK_DEAD);
    return code;
}

}  // namespace model
