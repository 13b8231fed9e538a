// model/kernel/completion.cpp: complete() and the waits (kernel/sched/completion.c).
#include "model/kernel/completion.hpp"

#include <algorithm>
#include <climits>

#include "model/kernel/kernel.hpp"
#include "model/kernel/sched.hpp"
#include "model/kernel/signal.hpp"

namespace model {

namespace ex = explorer;

namespace {

constexpr long MAX_SCHEDULE_TIMEOUT = LONG_MAX;

// A completion lives in an object (a stack frame, create, struct kthread): using it after
// that object died is the bug of invariant 4.
void check_alive(const Completion* x, const char* use) {
    if (!x->alive.get()) {
        const Block& b = *x->storage;
        kernel().violation(Invariant::completion_alive,
                           current().comm + " " + use + " " + x->name + ", which is dead: " +
                               (b.on_stack ? "its frame returned (" + b.freed_by + ")" : b.name + " was freed by " + b.freed_by) +
                               " at step " + std::to_string(b.freed_at));
    }
}

// The waiter is back under x->wait.lock after schedule(): whoever woke it (complete(), a
// fatal signal) made it runnable; it is TASK_RUNNING again (try_to_wake_up() set it, or, for
// complete(), which wakes through the explorer only, this step does: no other task can tell
// the difference, since a wake-up of a task about to run again changes nothing).
void back_under_the_lock(TaskStruct& cur) {
    if (cur.state.get() != TASK_RUNNING) {
        cur.state.set(TASK_RUNNING);
    }
    if (cur.asleep.get()) {
        cur.asleep.set(false);
    }
}

// kernel/sched/completion.c: do_wait_for_common() + __wait_for_common(). The sections under
// x->wait.lock are the steps; the waiter sleeps between them.
long wait_for_common(Completion* x, long timeout, unsigned state, const char* kind) {
    TaskStruct& cur = current();
    ex::step(ex::Op{kind, x->obj, ex::Access::read_write, cur.obj});  // spin_lock_irq(&x->wait.lock)
    check_alive(x, "waits on");
    if (x->done.get() != 0) {
        ex::refine(ex::Access::read_write, ex::Access::none);  // no sleep: current's state untouched
    } else {
        x->wait.modify([&cur](std::vector<TaskStruct*>& wait) { wait.push_back(&cur); });  // __add_wait_queue_entry_tail_exclusive()
        do {
            if (signal_pending_state(state, cur)) {
                timeout = -ERESTARTSYS;
                break;
            }
            cur.state.set(state);  // __set_current_state(state), under the lock
            cur.sleeping_in = kind;
            cur.sleeping_on = x->obj;
            // spin_unlock_irq(&x->wait.lock); timeout = action(timeout);
            // The window between the unlock and schedule() is no step here: complete() and
            // a fatal signal, the only wakers of a completion's waiter, lead to the same
            // relock whether they come inside it (schedule() returns at once) or after it.
            if (timeout == MAX_SCHEDULE_TIMEOUT) {
                cur.asleep.set(true);  // schedule(): nothing pending can keep it running
                ex::block(kind, x->obj);
            }
            ex::step(ex::Op{"completion relock", x->obj, ex::Access::read_write, cur.obj});
            if (timeout != MAX_SCHEDULE_TIMEOUT && x->done.get() == 0) {
                // schedule_timeout(): the timer fired (no complete() came first), and this
                // step is when the sleeper resumes: process_timeout() -> wake_up_process(current).
                timeout = 0;
            }
            back_under_the_lock(cur);
            check_alive(x, "waits on");
        } while (x->done.get() == 0 && timeout != 0);
        x->wait.modify([&cur](std::vector<TaskStruct*>& wait) {  // __remove_wait_queue()
            wait.erase(std::find(wait.begin(), wait.end(), &cur));
        });
        if (x->done.get() == 0) {
            return timeout;
        }
    }
    x->done.set(x->done.get() - 1);
    return timeout != 0 ? timeout : 1;
}

}  // namespace

std::uint64_t cell_hash(const std::vector<TaskStruct*>& waiters) {
    std::uint64_t h = waiters.size();
    for (const TaskStruct* t : waiters) {
        h = ex::mix64(h ^ (static_cast<std::uint64_t>(t->obj) + 1));
    }
    return h;
}

void init_completion(Completion& x, const std::string& name, Block& storage) {
    x.name = name;
    x.obj = ex::object(name);
    x.done.create(x.obj, "done", 0);
    x.wait.create(x.obj, "wait", {});
    x.alive.create(x.obj, "alive", true);  // initialised in storage that exists
    x.storage = &storage;
    storage.completions.push_back(&x);
    if (Kernel* k = Kernel::get_if_any()) {
        k->register_completion(&x);
    }
}

// kernel/sched/completion.c: complete(): under x->wait.lock: x->done++;
// __wake_up_locked(&x->wait, TASK_NORMAL, 1) wakes the first exclusive waiter. The waiter's
// task_struct is not touched here: it is made runnable, and its relock (under x->wait.lock,
// declared on x) sets it TASK_RUNNING (see back_under_the_lock()).
void complete(Completion* x) {
    ex::step("complete", x->obj, ex::Access::read_write);
    check_alive(x, "calls complete() on");
    x->done.set(x->done.get() + 1);
    x->completed_by = current().comm;
    const std::vector<TaskStruct*>& wait = x->wait.get();
    if (!wait.empty()) {
        ex::wake(wait.front()->tid);
    }
}

void wait_for_completion(Completion* x) {
    wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE, "wait_for_completion");
}

long wait_for_completion_killable(Completion* x) {
    long t = wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_KILLABLE, "wait_for_completion_killable");
    return t == -ERESTARTSYS ? t : 0;
}

long wait_for_completion_timeout(Completion* x, long timeout) {
    return wait_for_common(x, timeout, TASK_UNINTERRUPTIBLE, "wait_for_completion_timeout");
}

}  // namespace model
