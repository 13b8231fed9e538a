// model/kernel/completion.cpp: complete() and the waits (kernel/sched/completion.c).
#include "model/kernel/completion.hpp"

#include <algorithm>
#include <climits>

#include "model/kernel/kernel.hpp"
#include "model/kernel/sched.hpp"
#include "model/kernel/signal.hpp"
#include "model/kernel/wake.hpp"

namespace model {

namespace ex = explorer;

namespace {

constexpr long MAX_SCHEDULE_TIMEOUT = LONG_MAX;

// A completion lives in an object (a stack frame, create, struct kthread): using it after
// that object died is the bug of invariant 4.
void check_alive(const Completion* x, const char* use) {
    if (!x->storage->live) {
        const Block& b = *x->storage;
        kernel().violation(Invariant::completion_alive,
                           current().comm + " " + use + " " + x->name + ", which is dead: " +
                               (b.on_stack ? "its frame returned (" + b.freed_by + ")" : b.name + " was freed by " + b.freed_by) +
                               " at step " + std::to_string(b.freed_at));
    }
}

// kernel/sched/completion.c: do_wait_for_common() + __wait_for_common(). The sections under
// x->wait.lock are the steps; the waiter sleeps between them.
long wait_for_common(Completion* x, long timeout, unsigned state, const char* kind) {
    TaskStruct& cur = current();
    ex::step(ex::Op{kind, x->obj, ex::Access::read_write, cur.obj});  // spin_lock_irq(&x->wait.lock)
    check_alive(x, "waits on");
    if (x->done != 0) {
        ex::refine(ex::Access::read_write, ex::Access::none);  // no sleep: current's state untouched
    } else {
        x->wait.push_back(&cur);  // __add_wait_queue_tail_exclusive(&x->wait, &wait)
        do {
            if (signal_pending_state(state, cur)) {
                timeout = -ERESTARTSYS;
                break;
            }
            cur.state = state;  // __set_current_state(state), under the lock
            cur.sleeping_in = kind;
            cur.sleeping_on = x->obj;
            // spin_unlock_irq(&x->wait.lock); timeout = action(timeout);
            // The window between the unlock and schedule() is no step here: complete() and
            // a fatal signal, the only wakers of a completion's waiter, lead to the same
            // relock whether they come inside it (schedule() returns at once) or after it.
            if (timeout == MAX_SCHEDULE_TIMEOUT) {
                cur.asleep = true;  // schedule(): nothing pending can keep it running
                ex::block(kind, x->obj);
            }
            ex::step(ex::Op{"completion relock", x->obj, ex::Access::read_write, cur.obj});
            if (timeout != MAX_SCHEDULE_TIMEOUT) {
                // schedule_timeout(): the timer fired unless a wake-up came first, and this
                // step is when the sleeper resumes.
                if (cur.state != TASK_RUNNING) {
                    cur.state = TASK_RUNNING;  // process_timeout() -> wake_up_process(current)
                    timeout = 0;
                }
            }
            check_alive(x, "waits on");
            if (x->done != 0 || timeout == 0) {
                ex::refine(ex::Access::read_write, ex::Access::none);  // leaves: no signal test, no sleep
            }
        } while (x->done == 0 && timeout != 0);
        x->wait.erase(std::find(x->wait.begin(), x->wait.end(), &cur));  // __remove_wait_queue()
        if (x->done == 0) {
            return timeout;
        }
    }
    --x->done;
    return timeout != 0 ? timeout : 1;
}

}  // namespace

void init_completion(Completion& x, const std::string& name, const Block& storage) {
    x.name = name;
    x.obj = ex::object(name);
    x.done = 0;
    x.wait.clear();
    x.storage = &storage;
}

// kernel/sched/completion.c: complete(): under x->wait.lock: x->done++;
// __wake_up_locked(&x->wait, TASK_NORMAL, 1) wakes the first exclusive waiter.
// The wake-up of the waiter is not declared on the waiter's task: the waiter's step that
// depends on it (its relock) declares x, and the only other writers of a waiter's state
// (fatal signals) commute with it.
void complete(Completion* x) {
    ex::step("complete", x->obj, ex::Access::read_write);
    check_alive(x, "calls complete() on");
    ++x->done;
    x->completed_by = current().comm;
    if (!x->wait.empty()) {
        ttwu(x->wait.front(), TASK_NORMAL);
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
