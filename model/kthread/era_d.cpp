// model/kthread/era_d.cpp: era D, 4.10-5.16: as C, but kthread() kzalloc()s its struct kthread
// (and reports -ENOMEM through create when that fails). Read off kernel/kthread.c of 4.19.
#include "model/kthread/era_d.hpp"

#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"
#include "model/kthread/era_c.hpp"
#include "model/kthread/shared.hpp"

namespace model {

// kernel/kthread.c: __kthread_parkme() (4.19): set_special_state(TASK_PARKED); the parker
// is told through `parked` on every round.
void era_d_kthread_parkme(Kthread* self) {
    for (;;) {
        set_current_state(TASK_PARKED);  // set_special_state(TASK_PARKED)
        if (!test_bit(KTHREAD_SHOULD_PARK, self)) {
            break;
        }
        complete(&self->parked);
        current().sleeping_in = "__kthread_parkme: schedule()";
        current().sleeping_on = self->block.obj;
        schedule();
    }
    __set_current_state(TASK_RUNNING);
}

// kernel/kthread.c: kthread_unpark() (4.19)
void era_d_kthread_unpark(TaskStruct* k) {
    Kthread* kthread = to_kthread(k);
    clear_bit(KTHREAD_SHOULD_PARK, kthread);
    /*
     * __kthread_parkme() will either see !SHOULD_PARK or get the wakeup.
     */
    wake_up_state(k, TASK_PARKED);
}

// kernel/kthread.c: kthread_park() (4.19). The final wait_task_inactive() only waits for
// the parked thread to be off its CPU (a WARN_ON_ONCE check): it changes no shared state.
int era_d_kthread_park(TaskStruct* k) {
    Kthread* kthread = to_kthread(k);
    explorer::step("k->flags & PF_EXITING", k->obj, explorer::Access::read);
    if (k->exited.get()) {
        return -ENOSYS;  // WARN_ON(k->flags & PF_EXITING)
    }
    set_bit(KTHREAD_SHOULD_PARK, kthread);
    if (k != &current()) {
        wake_up_process(k);
        /*
         * Wait for __kthread_parkme() to complete(), this means we
         * _will_ have TASK_PARKED and are about to call schedule().
         */
        wait_for_completion(&kthread->parked);
    }
    return 0;
}

namespace {

// kernel/kthread.c: kthread() (4.19)
int kthread(KthreadCreateInfo* create) {
    /* Copy data: it's on kthread's stack */
    explorer::step(create_field("threadfn = create->threadfn", create, CreateField::threadfn, explorer::Access::read));
    touch(create->block, "create->threadfn");

    Kthread& self_storage = new_kthread_struct(/*on_stack=*/false, /*live=*/false);  // until kzalloc()
    Kthread* self = kmalloc_for(world().thread_of(&current())->requester, self_storage.block,
                                "kzalloc(struct kthread) fails")
                        ? &self_storage
                        : nullptr;

    /* If user was SIGKILLed, I release the structure. */
    Completion* done = world().ops.kthread_take_done(create);
    if (done == nullptr) {
        world().ops.kthread_release_create(create);
        return do_exit(-EINTR);
    }

    if (self == nullptr) {
        store_result(create, "create->result = ERR_PTR(-ENOMEM)", ERR_PTR(-ENOMEM));
        complete(done);
        return do_exit(-ENOMEM);
    }

    init_kthread_struct(*self);
    set_kthread_struct(self);  // current->set_child_tid = self; current->vfork_done = &self->exited

    /* OK, tell user we're spawned, wait for stop or wakeup */
    world().ops.kthread_report_spawned(create, done);

    int ret = world().ops.kthread_run_threadfn(self);
    return do_exit(ret);
}

// kernel/kthread.c: kthread_stop() (4.19)
int kthread_stop(TaskStruct* k) {
    Kthread* kthread = to_kthread(k);  // get_task_struct(k)
    set_bit(KTHREAD_SHOULD_STOP, kthread);
    era_d_kthread_unpark(k);
    wake_up_process(k);
    wait_for_completion(&kthread->exited);
    return read_exit_code(k);
}

KthreadOps era_d_ops() {
    KthreadOps ops = era_c_ops();
    ops.kthread = kthread;
    ops.kthread_parkme = era_d_kthread_parkme;
    ops.kthread_stop = kthread_stop;
    ops.kthread_park = era_d_kthread_park;
    ops.kthread_unpark = era_d_kthread_unpark;
    return ops;
}

const Variant era_d{
    "era-d", Era::D, "4.10-5.16",
    "as era C, and kthread() kzalloc()s struct kthread: on failure it completes with -ENOMEM",
    era_d_ops(), /*has_park=*/true, /*killable=*/true, {}};
const VariantRegistrar registrar(era_d);

}  // namespace

}  // namespace model
