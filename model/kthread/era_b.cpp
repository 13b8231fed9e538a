// model/kthread/era_b.cpp: era B, 2.6.31-3.12: one completion in the on-stack create; the child
// sets the result and completes; struct kthread on the child's stack; uninterruptible requester.
// Read off kernel/kthread.c of 3.4 (mainline form of creation; parking is not modeled in B:
// it reached mainline in 3.9 and is modeled from era C on).
#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"
#include "model/kthread/kthreadd.hpp"
#include "model/kthread/shared.hpp"

namespace model {

namespace {

namespace ex = explorer;

// kernel/kthread.c: kthread() (3.4)
int kthread(KthreadCreateInfo* create) {
    /* Copy data: it's on kthread's stack */
    ex::step(create_field("threadfn = create->threadfn", create, CreateField::threadfn, ex::Access::read));
    touch(create->block, "create->threadfn");
    Kthread& self = new_kthread_struct(/*on_stack=*/true, /*live=*/true);
    init_kthread_struct(self);
    set_kthread_struct(&self);

    /* OK, tell user we're spawned, wait for stop or wakeup */
    world().ops.kthread_report_spawned(create, &create->done_embedded);

    int ret = world().ops.kthread_run_threadfn(&self);
    /* we can't just return, we must preserve "self" on stack */
    return do_exit(ret);
}

// kernel/kthread.c: create_kthread() (3.4)
void create_kthread(KthreadCreateInfo* create) {
    /* We want our own signal handler (we take no signals by default). */
    int pid = fork_kthread(create);
    if (pid < 0) {
        store_result(create, "create->result = ERR_PTR(pid)", ERR_PTR(pid));
        complete(&create->done_embedded);
    }
}

// kernel/kthread.c: kthread_create_on_node() (3.4)
TaskOrErr kthread_create_on_node(Requester* r) {
    KthreadCreateInfo* create = new_create_info(r, /*on_stack=*/true);  // struct kthread_create_info create;
    init_completion(create->done_embedded, "done@" + r->name, create->block);

    queue_in_turn(create);
    wait_for_completion(&create->done_embedded);

    return leave_kthread_create(r, read_result(create, "return create.result"));
}

// kernel/kthread.c: task_get_live_kthread(): NULL once do_exit() cleared k->vfork_done.
Kthread* task_get_live_kthread(TaskStruct* k) {
    ex::step("k->vfork_done != NULL", k->obj, ex::Access::read);
    return k->vfork_done.get() != nullptr ? to_kthread(k) : nullptr;
}

// kernel/kthread.c: kthread_stop() (3.4)
int kthread_stop(TaskStruct* k) {
    Kthread* kthread = task_get_live_kthread(k);
    if (kthread != nullptr) {
        set_bit(KTHREAD_SHOULD_STOP, kthread);
        clear_bit(KTHREAD_SHOULD_PARK, kthread);
        wake_up_process(k);
        wait_for_completion(&kthread->exited);
    }
    return read_exit_code(k);
}

KthreadOps era_b_ops() {
    KthreadOps ops{};
    ops.kthreadd_wait_for_work = kthreadd_wait_for_work;
    ops.kthreadd_create_requests = kthreadd_create_requests;
    ops.kthread_report_spawned = spawned_wait_for_wakeup;
    ops.kthread_run_threadfn = run_threadfn_unless_stopped;  // no parking in B: kthread_parkme stays NULL
    ops.create_kthread = create_kthread;
    ops.kthread = kthread;
    ops.kthread_create_on_node = kthread_create_on_node;
    ops.queue_request = queue_request;
    ops.kthread_should_stop = kthread_should_stop_flags;
    ops.kthread_stop = kthread_stop;
    return ops;
}

const Variant era_b{
    "era-b", Era::B, "2.6.31-3.12",
    "one completion in the on-stack create; the child reports itself; uninterruptible requester",
    era_b_ops(), /*has_park=*/false, /*killable=*/false,
    {{Invariant::killed_requester_returns,
      "a killed requester waits uninterruptibly: under OOM (kthreadd stalled allocating) it never returns"}}};
const VariantRegistrar registrar(era_b);

}  // namespace

}  // namespace model
