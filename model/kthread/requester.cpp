// model/kthread/requester.cpp: the requester's life around kthread_create(), and threadfn.
#include "model/kthread/requester.hpp"

#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"

namespace model {

namespace ex = explorer;

namespace {

std::string describe(const TaskOrErr& ret) {
    if (!ret.is_err()) {
        return ret.task->comm;
    }
    switch (-ret.err) {
        case EINTR: return "ERR_PTR(-EINTR)";
        case ENOMEM: return "ERR_PTR(-ENOMEM)";
        case EAGAIN: return "ERR_PTR(-EAGAIN)";
        default: return "ERR_PTR(" + std::to_string(ret.err) + ")";
    }
}

// Invariant 6: a live task, the fork error, -ENOMEM, or -EINTR exactly when killed.
void check_return(const Requester* r) {
    Kthreads& k = world();
    const TaskOrErr& ret = r->ret;
    const std::string who = r->name + " returns " + describe(ret);
    if (!ret.is_err()) {
        if (ret.task != r->new_thread) {
            k.violation(Invariant::valid_return, who + ", which is not the thread created for it");
        } else if (ret.task->exited.peek()) {
            k.violation(Invariant::valid_return, who + ", which has already exited");
        }
        return;
    }
    const TaskGhost& happened = k.ghost.of(*r->task);
    const bool killed = happened.got_fatal_signal;
    switch (-ret.err) {
        case EINTR:
            if (!killed) {
                k.violation(Invariant::valid_return, who + " without a fatal signal");
            }
            return;
        case ENOMEM:
            if (!happened.allocation_failed) {
                k.violation(Invariant::valid_return,
                            who + " though no allocation failed" + (killed ? " (it was killed: -EINTR expected)" : ""));
            }
            return;
        case EAGAIN:
            if (!happened.fork_failed) {
                k.violation(Invariant::valid_return, who + " though no fork failed");
            }
            return;
        default:
            k.violation(Invariant::valid_return, who + ", which kthread_create() never returns");
    }
}

// An OOM victim that returned exits: its memory is free and a stalled allocation can go on.
// (A step only where the OOM fault source is on: nothing else reads these cells.)
void release_memory_if_oom_victim(Requester* r) {
    TaskStruct& cur = *r->task;
    ex::step("exit_mm (OOM victim)", cur.mm_obj, ex::Access::read_write);
    if (!cur.oom_victim.get()) {
        ex::refine(ex::Access::read);
        return;
    }
    cur.mm_released.set(true);
    if (TaskStruct* waiter = cur.oom_waiter.get()) {
        ex::wake(waiter->tid);
    }
}

// What the requester expects of its thread from now on: to run (a wake-up, a stop or an unpark
// that never lands is a lost wake-up).
void expect_to_run(TaskStruct* t, const char* by) {
    if (world().thread_of(t) != nullptr) {
        world().ghost.of(*t).expected_by = by;
    }
}

void after_creation(Requester* r, TaskStruct* t) {
    const KthreadOps& ops = world().ops;
    switch (r->config.after) {
        case AfterCreation::nothing:
            return;
        case AfterCreation::wake:
            expect_to_run(t, "wake_up_process()");
            wake_up_process(t);
            return;
        case AfterCreation::stop:
            world().ghost.of(*r->task).stop_before_wake = world().ghost.of(*t).wakeups == 0;
            expect_to_run(t, "kthread_stop()");
            ops.kthread_stop(t);
            return;
        case AfterCreation::wake_stop:
            expect_to_run(t, "wake_up_process()");
            wake_up_process(t);
            ops.kthread_stop(t);
            return;
        case AfterCreation::park:
            ops.kthread_park(t);
            expect_to_run(t, "kthread_unpark()");
            ops.kthread_unpark(t);
            return;
    }
}

}  // namespace

void requester_main(Requester* r) {
    Kthreads& k = world();
    r->ret = k.ops.kthread_create_on_node(r);
    r->returned = true;
    check_return(r);
    if (k.config.faults.oom) {
        release_memory_if_oom_victim(r);
    }
    if (!r->ret.is_err()) {
        after_creation(r, r->ret.task);
    }
}

int threadfn() {
    Kthreads& k = world();
    TaskStruct& cur = current();
    NewThread& thread = *world().thread_of(&cur);
    const Requester* r = thread.requester;
    ex::step("threadfn", cur.obj, ex::Access::write);
    TaskGhost& happened = k.ghost.of(cur);
    ++happened.threadfn_runs;
    // Invariant 5: at most once, only after the first wake-up, never when kthread_stop came first.
    if (happened.threadfn_runs > 1) {
        k.violation(Invariant::threadfn_after_wake, cur.comm + " runs threadfn a second time");
    } else if (happened.wakeups == 0) {
        k.violation(Invariant::threadfn_after_wake, cur.comm + " runs threadfn before anyone woke it");
    } else if (k.ghost.of(*r->task).stop_before_wake) {
        k.violation(Invariant::threadfn_after_wake,
                    cur.comm + " runs threadfn although kthread_stop() came before any wake-up");
    }
    if (r->config.after == AfterCreation::wake_stop) {
        // The usual body of a thread that is stopped: sleep until kthread_should_stop().
        for (;;) {
            set_current_state(TASK_INTERRUPTIBLE);
            if (k.ops.kthread_should_stop()) {
                break;
            }
            cur.sleeping_in = "threadfn: schedule()";
            cur.sleeping_on = cur.obj;
            schedule();
        }
        __set_current_state(TASK_RUNNING);
    }
    return 0;
}

}  // namespace model
