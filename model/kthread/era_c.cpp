// model/kthread/era_c.cpp: era C, 3.13-4.9: kmalloc'd create, killable requester, xchg ownership.
// Read off kernel/kthread.c of 3.18 (struct kthread on the new thread's stack, parking with
// TASK_PARKED and IS_PARKED, kthread_stop via to_live_kthread()).
#include "model/kthread/era_c.hpp"

#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"
#include "model/kthread/kthreadd.hpp"
#include "model/kthread/shared.hpp"

namespace model {

namespace {

// kernel/kthread.c: __kthread_parkme() (3.18)
void __kthread_parkme(Kthread* self) {
    for (;;) {
        set_current_state(TASK_PARKED);
        if (!test_bit(KTHREAD_SHOULD_PARK, self)) {
            break;
        }
        if (!test_and_set_bit(KTHREAD_IS_PARKED, self)) {
            complete(&self->parked);
        }
        current().sleeping_in = "__kthread_parkme: schedule()";
        current().sleeping_on = self->block.obj;
        schedule();
    }
    clear_bit(KTHREAD_IS_PARKED, self);
    __set_current_state(TASK_RUNNING);
}

// kernel/kthread.c: kthread() (3.13-4.9)
int kthread(KthreadCreateInfo* create) {
    /* Copy data: it's on kthread's stack */
    explorer::step(create_field("threadfn = create->threadfn", create, CreateField::threadfn, explorer::Access::read));
    touch(create->block, "create->threadfn");
    Kthread& self = new_kthread_struct(/*on_stack=*/true, /*live=*/true);
    init_kthread_struct(self);
    set_kthread_struct(&self);

    /* If user was SIGKILLed, I release the structure. */
    Completion* done = world().ops.kthread_take_done(create);
    if (done == nullptr) {
        world().ops.kthread_release_create(create);
        return do_exit(-EINTR);
    }
    /* OK, tell user we're spawned, wait for stop or wakeup */
    world().ops.kthread_report_spawned(create, done);

    int ret = world().ops.kthread_run_threadfn(&self);
    /* we can't just return, we must preserve "self" on stack */
    return do_exit(ret);
}

// kernel/kthread.c: __kthread_unpark() (3.18)
void __kthread_unpark(TaskStruct* k, Kthread* kthread) {
    clear_bit(KTHREAD_SHOULD_PARK, kthread);
    /*
     * We clear the IS_PARKED bit here as we don't wait
     * until the task has left the park code.
     */
    if (test_and_clear_bit(KTHREAD_IS_PARKED, kthread)) {
        wake_up_state(k, TASK_PARKED);
    }
}

// kernel/kthread.c: to_live_kthread(): NULL once do_exit() cleared k->vfork_done.
Kthread* to_live_kthread(TaskStruct* k) {
    explorer::step("ACCESS_ONCE(k->vfork_done)", k->obj, explorer::Access::read);
    return k->vfork_done.get() != nullptr ? to_kthread(k) : nullptr;
}

void kthread_unpark(TaskStruct* k) {
    if (Kthread* kthread = to_live_kthread(k)) {
        __kthread_unpark(k, kthread);
    }
}

int kthread_park(TaskStruct* k) {
    Kthread* kthread = to_live_kthread(k);
    int ret = -ENOSYS;
    if (kthread != nullptr) {
        if (!test_bit(KTHREAD_IS_PARKED, kthread)) {
            set_bit(KTHREAD_SHOULD_PARK, kthread);
            if (k != &current()) {
                wake_up_process(k);
                wait_for_completion(&kthread->parked);
            }
        }
        ret = 0;
    }
    return ret;
}

int kthread_stop(TaskStruct* k) {
    Kthread* kthread = to_live_kthread(k);  // get_task_struct(k) first
    if (kthread != nullptr) {
        set_bit(KTHREAD_SHOULD_STOP, kthread);
        __kthread_unpark(k, kthread);
        wake_up_process(k);
        wait_for_completion(&kthread->exited);
    }
    return read_exit_code(k);
}

}  // namespace

// kernel/kthread.c: create_kthread() (3.13-4.9)
void era_c_create_kthread(KthreadCreateInfo* create) {
    /* We want our own signal handler (we take no signals by default). */
    int pid = fork_kthread(create);
    if (pid < 0) {
        world().ops.fork_failed(create, pid);
    }
}

void era_c_fork_failed(KthreadCreateInfo* create, int pid) {
    /* If user was SIGKILLed, I release the structure. */
    Completion* done = xchg_done(create);
    if (done == nullptr) {
        kfree(&create->block);
        return;
    }
    world().ops.report_fork_failure(create, done, pid);
}

void era_c_report_fork_failure(KthreadCreateInfo* create, Completion* done, int pid) {
    store_result(create, "create->result = ERR_PTR(pid)", ERR_PTR(pid));
    complete(done);
}

Completion* era_c_kthread_take_done(KthreadCreateInfo* create) { return xchg_done(create); }

// kernel/kthread.c: kthread() (3.13-5.16): "If user was SIGKILLed, I release the structure."
void era_c_release_create(KthreadCreateInfo* create) { kfree(&create->block); }

std::optional<TaskOrErr> era_c_killed_while_waiting(KthreadCreateInfo* create, Completion* done) {
    /*
     * If I was SIGKILLed before kthreadd (or new kernel thread)
     * calls complete(), leave the cleanup of this structure to
     * that thread.
     */
    if (xchg_done(create) != nullptr) {
        return ERR_PTR(-EINTR);
    }
    /*
     * kthreadd (or new kernel thread) will call complete()
     * shortly.
     */
    wait_for_completion(done);
    return std::nullopt;
}

// kernel/kthread.c: kthread_create_on_node() (3.13-4.9)
TaskOrErr era_c_kthread_create_on_node(Requester* r) {
    Completion* done = declare_completion_onstack(r);  // DECLARE_COMPLETION_ONSTACK(done)
    KthreadCreateInfo* create = new_create_info(r, /*on_stack=*/false);
    if (!kmalloc_for(r, create->block, "kmalloc(create) fails")) {
        return leave_kthread_create(r, ERR_PTR(-ENOMEM));
    }
    // create->threadfn, ->data, ->node, ->done: set in the fresh block before it is queued
    create->done.create(create->done.object(), "value", done);
    if (std::optional<TaskOrErr> early = queue_and_wait_killable(create, done)) {
        return leave_kthread_create(r, *early);
    }
    TaskOrErr task = read_result(create);
    kfree(&create->block);
    return leave_kthread_create(r, task);
}

KthreadOps era_c_ops() {
    KthreadOps ops{};
    ops.kthreadd_wait_for_work = kthreadd_wait_for_work;
    ops.kthreadd_create_requests = kthreadd_create_requests;
    ops.kthread_report_spawned = spawned_wait_for_wakeup;
    ops.kthread_run_threadfn = run_threadfn_unless_stopped;
    ops.kthread_parkme = __kthread_parkme;
    ops.create_kthread = era_c_create_kthread;
    ops.kthread = kthread;
    ops.kthread_create_on_node = era_c_kthread_create_on_node;
    ops.queue_request = queue_request;
    ops.killed_while_waiting = era_c_killed_while_waiting;
    ops.kthread_take_done = era_c_kthread_take_done;
    ops.kthread_release_create = era_c_release_create;
    ops.fork_failed = era_c_fork_failed;
    ops.report_fork_failure = era_c_report_fork_failure;
    ops.kthread_should_stop = kthread_should_stop_flags;
    ops.kthread_stop = kthread_stop;
    ops.kthread_park = kthread_park;
    ops.kthread_unpark = kthread_unpark;
    return ops;
}

namespace {
const Variant era_c{
    "era-c", Era::C, "3.13-4.9",
    "kmalloc'd create; killable wait; xchg(&create->done) decides who frees create",
    era_c_ops(), /*has_park=*/true, /*killable=*/true, {}};
const VariantRegistrar registrar(era_c);
}  // namespace

}  // namespace model
