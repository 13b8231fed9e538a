// model/kthread/era_a.cpp: era A, 2.6.22-2.6.30: create on the requester's stack with two
// completions; kthreadd waits for the child; uninterruptible requester; global kthread_stop_info.
// Read off kernel/kthread.c of 2.6.24.
#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"
#include "model/kthread/kthreadd.hpp"
#include "model/kthread/requester.hpp"
#include "model/kthread/shared.hpp"

namespace model {

namespace {

namespace ex = explorer;

// kernel/kthread.c: kthread_should_stop(): kthread_stop_info.k == current
bool kthread_should_stop() {
    Kthreads& k = world();
    ex::step("kthread_stop_info.k == current", k.kthread_stop_info.obj, ex::Access::read);
    return k.kthread_stop_info.k.get() == &current();
}

// kernel/kthread.c: kthread() (2.6.24)
int kthread(KthreadCreateInfo* create) {
    Kthreads& k = world();
    int ret = -EINTR;

    /* Copy data: it's on kthread's stack */
    ex::step(create_field("threadfn = create->threadfn", create, CreateField::threadfn, ex::Access::read));
    touch(create->block, "create->threadfn");

    /* OK, tell user we're spawned, wait for stop or wakeup */
    __set_current_state(TASK_UNINTERRUPTIBLE);
    complete(&create->started);
    sleep_until_woken();

    if (!kthread_should_stop()) {
        ret = threadfn();
    }

    /* It might have exited on its own, w/o kthread_stop.  Check. */
    if (kthread_should_stop()) {
        ex::step("kthread_stop_info.err = ret", k.kthread_stop_info.obj, ex::Access::write);
        k.kthread_stop_info.err.set(ret);
        complete(&k.kthread_stop_info.done);
    }
    return do_exit(0);  // return 0: kernel_thread_helper() calls do_exit()
}

// kernel/kthread.c: create_kthread() (2.6.24)
void create_kthread(KthreadCreateInfo* create) {
    /* We want our own signal handler (we take no signals by default). */
    int pid = fork_kthread(create);
    if (pid < 0) {
        store_result(create, "create->result = ERR_PTR(pid)", ERR_PTR(pid));
    } else {
        wait_for_completion(&create->started);
        store_result(create, "create->result = find_task_by_pid(pid)", {create->requester->new_thread, 0});
    }
    complete(&create->done_embedded);
}

// kernel/kthread.c: kthread_create() (2.6.24): kthreadd is woken inside the section.
void era_a_queue_request(KthreadCreateInfo* create) {
    Kthreads& k = world();
    spin_lock(&k.kthread_create_lock);
    list_add_tail(&create->block, &k.kthread_create_list);
    wake_up_process(k.kthreadd_task);
    spin_unlock(&k.kthread_create_lock);
}

// kernel/kthread.c: kthread_create() (2.6.24)
TaskOrErr kthread_create(Requester* r) {
    KthreadCreateInfo* create = new_create_info(r, /*on_stack=*/true);  // struct kthread_create_info create;
    init_completion(create->started, "started@" + r->name, create->block);
    init_completion(create->done_embedded, "done@" + r->name, create->block);

    queue_in_turn(create);

    wait_for_completion(&create->done_embedded);

    return leave_kthread_create(r, read_result(create, "return create.result"));
}

// kernel/kthread.c: kthread_stop() (2.6.24)
int kthread_stop(TaskStruct* t) {
    Kthreads& k = world();
    spin_lock(&k.kthread_stop_lock);  // mutex_lock(&kthread_stop_lock)

    /* Must init completion *before* thread sees kthread_stop_info.k */
    ex::step("init_completion(&kthread_stop_info.done)", k.kthread_stop_info.done.obj, ex::Access::write);
    k.kthread_stop_info.done.done.set(0);

    /* Now set kthread_should_stop() to true, and wake it up. */
    ex::step("kthread_stop_info.k = k", k.kthread_stop_info.obj, ex::Access::write);
    k.kthread_stop_info.k.set(t);
    wake_up_process(t);

    /* Once it dies, reset stop ptr, gather result and we're done. */
    wait_for_completion(&k.kthread_stop_info.done);
    ex::step("kthread_stop_info.k = NULL", k.kthread_stop_info.obj, ex::Access::write);
    k.kthread_stop_info.k.set(nullptr);
    int ret = k.kthread_stop_info.err.get();
    spin_unlock(&k.kthread_stop_lock);  // mutex_unlock(&kthread_stop_lock)
    return ret;
}

KthreadOps era_a_ops() {
    KthreadOps ops{};
    ops.kthreadd_wait_for_work = kthreadd_wait_for_work;
    ops.kthreadd_create_requests = kthreadd_create_requests;
    ops.create_kthread = create_kthread;
    ops.kthread = kthread;
    ops.kthread_create_on_node = kthread_create;
    ops.queue_request = era_a_queue_request;
    ops.kthread_should_stop = kthread_should_stop;
    ops.kthread_stop = kthread_stop;
    return ops;
}

const Variant era_a{
    "era-a", Era::A, "2.6.22-2.6.30",
    "create on the requester's stack; kthreadd waits for the child's `started`; uninterruptible requester",
    era_a_ops(), /*has_park=*/false, /*killable=*/false,
    {{Invariant::killed_requester_returns,
      "a killed requester waits uninterruptibly: under OOM (kthreadd stalled allocating) it never returns"}}};
const VariantRegistrar registrar(era_a);

}  // namespace

}  // namespace model
