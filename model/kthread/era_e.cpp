// model/kthread/era_e.cpp: era E, 5.17-now: struct kthread comes with the fork, create carries
// the kvasprintf()'d full_name, threads leave through kthread_exit(). Read off kernel/kthread.c of 6.x.
#include "model/kthread/era_e.hpp"

#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"
#include "model/kthread/era_c.hpp"
#include "model/kthread/era_d.hpp"
#include "model/kthread/shared.hpp"

namespace model {

namespace {

// kernel/kthread.c: kthread_exit(): the result is kept for kthread_stop().
int kthread_exit(int result) {
    Kthread* kthread = to_kthread(&current());
    explorer::step("kthread->result = result", kthread->block.obj, explorer::Access::write);
    kthread->result.set(result);
    return do_exit(0);
}

// kernel/kthread.c: kthread() (6.x)
int kthread(KthreadCreateInfo* create) {
    /* Copy data: it's on kthread's stack */
    explorer::step(create_field("threadfn = create->threadfn", create, CreateField::threadfn, explorer::Access::read));
    touch(create->block, "create->threadfn");
    // set_kthread_struct() ran in copy_process(): its failure was the fork's.
    Kthread& self = new_kthread_struct(/*on_stack=*/false, /*live=*/true);
    init_kthread_struct(self);
    set_kthread_struct(&self);

    /* Release the structure when caller killed by a fatal signal. */
    Completion* done = world().ops.kthread_take_done(create);
    if (done == nullptr) {
        world().ops.kthread_release_create(create);
        return kthread_exit(-EINTR);
    }

    explorer::step(create_field("self->full_name = create->full_name", create, CreateField::full_name, explorer::Access::read));
    touch(create->block, "create->full_name");
    self.full_name = create->full_name.get();
    world().ghost.hand_to_thread(*self.full_name);

    /* OK, tell user we're spawned, wait for stop or wakeup */
    world().ops.kthread_report_spawned(create, done);

    int ret = world().ops.kthread_run_threadfn(&self);
    return kthread_exit(ret);
}

// kernel/kthread.c (6.x): kfree(create->full_name), a step reading the field, then kfree's.
void kfree_full_name(KthreadCreateInfo* create) {
    explorer::step(create_field("read create->full_name", create, CreateField::full_name, explorer::Access::read));
    touch(create->block, "create->full_name");
    kfree(create->full_name.get());
}

// kernel/kthread.c: kthread() (6.x), the killed requester's structure: kfree(create->full_name);
// kfree(create);
void release_create(KthreadCreateInfo* create) {
    kfree_full_name(create);
    kfree(&create->block);
}

// kernel/kthread.c: create_kthread() (6.x): full_name is freed after the xchg, on both paths.
void fork_failed(KthreadCreateInfo* create, int pid) {
    /* Release the structure when caller killed by a fatal signal. */
    Completion* done = xchg_done(create);
    kfree_full_name(create);
    if (done == nullptr) {
        kfree(&create->block);
        return;
    }
    world().ops.report_fork_failure(create, done, pid);
}

// kernel/kthread.c: __kthread_create_on_node() (6.x)
TaskOrErr kthread_create_on_node(Requester* r) {
    Kthreads& k = world();
    Completion* done = declare_completion_onstack(r);
    TaskOrErr task;
    KthreadCreateInfo* create = new_create_info(r, /*on_stack=*/false);
    if (!kmalloc_for(r, create->block, "kmalloc(create) fails")) {
        return leave_kthread_create(r, ERR_PTR(-ENOMEM));
    }
    create->done.create(create->done.object(), "value", done);
    Block& full_name = k.new_block("full_name@" + r->name, /*on_stack=*/false);
    if (!kmalloc_for(r, full_name, "kvasprintf(full_name) fails")) {  // create->full_name = kvasprintf(...)
        task = ERR_PTR(-ENOMEM);
        goto free_create;
    }
    create->full_name.create(create->full_name.object(), "value", &full_name);

    if (std::optional<TaskOrErr> early = queue_and_wait_killable(create, done)) {
        return leave_kthread_create(r, *early);
    }
    task = read_result(create);
free_create:
    kfree(&create->block);
    return leave_kthread_create(r, task);
}

// kernel/kthread.c: kthread_stop() (6.x)
int kthread_stop(TaskStruct* k) {
    Kthread* kthread = to_kthread(k);  // get_task_struct(k)
    set_bit(KTHREAD_SHOULD_STOP, kthread);
    era_d_kthread_unpark(k);
    wake_up_process(k);  // after set_tsk_thread_flag(k, TIF_NOTIFY_SIGNAL)
    wait_for_completion(&kthread->exited);
    explorer::step("ret = kthread->result", kthread->block.obj, explorer::Access::read);
    return kthread->result.get();
}

}  // namespace

KthreadOps era_e_ops() {
    KthreadOps ops = era_c_ops();
    ops.kthread = kthread;
    ops.kthread_parkme = era_d_kthread_parkme;
    ops.kthread_release_create = release_create;
    ops.fork_failed = fork_failed;
    ops.kthread_create_on_node = kthread_create_on_node;
    ops.kthread_stop = kthread_stop;
    ops.kthread_park = era_d_kthread_park;
    ops.kthread_unpark = era_d_kthread_unpark;
    return ops;
}

namespace {
const Variant era_e{
    "era-e", Era::E, "5.17-now",
    "struct kthread allocated by the fork; create->full_name (kvasprintf) moves to the thread; kthread_exit()",
    era_e_ops(), /*has_park=*/true, /*killable=*/true, {}};
const VariantRegistrar registrar(era_e);
}  // namespace

}  // namespace model
