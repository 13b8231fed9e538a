// model/mutations/stop_forgets_should_stop.cpp: kthread_stop() wakes the thread and waits for
// its exit without setting KTHREAD_SHOULD_STOP: a thread stopped before its first wake-up
// runs threadfn anyway.
#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"
#include "model/kthread/era_d.hpp"
#include "model/kthread/shared.hpp"

namespace model {

namespace {

int kthread_stop(TaskStruct* k) {
    Kthread* kthread = to_kthread(k);
    // set_bit(KTHREAD_SHOULD_STOP, &kthread->flags) forgotten
    era_d_kthread_unpark(k);
    wake_up_process(k);
    wait_for_completion(&kthread->exited);
    return read_exit_code(k);
}

const Mutation mutation{
    "stop-forgets-should-stop",
    "kthread_stop() never sets KTHREAD_SHOULD_STOP (eras D, E)",
    [](const Variant& v) { return v.era == Era::D || v.era == Era::E; },
    [](KthreadOps& ops, const Variant&) { ops.kthread_stop = kthread_stop; },
    {{MemoryModel::sc, Invariant::threadfn_after_wake}, {MemoryModel::tso, Invariant::threadfn_after_wake}},
    "a requester that stops its thread before waking it", false, false, AfterCreation::stop};
const MutationRegistrar registrar(mutation);

}  // namespace

}  // namespace model
