// model/mutations/kthread_ignores_should_stop.cpp: kthread() runs threadfn without testing
// KTHREAD_SHOULD_STOP after its first wake-up: a thread stopped before it ever ran runs threadfn.
#include "model/kthread/requester.hpp"
#include "model/kthread/shared.hpp"

namespace model {

namespace {

int kthread_run_threadfn(Kthread* self) {
    // if (!test_bit(KTHREAD_SHOULD_STOP, &self->flags)) forgotten
    kthread_parkme(self);
    return threadfn();
}

const Mutation mutation{
    "kthread-ignores-should-stop",
    "kthread() runs threadfn without testing KTHREAD_SHOULD_STOP once woken",
    [](const Variant& v) { return v.era != Era::A; },
    [](KthreadOps& ops, const Variant&) { ops.kthread_run_threadfn = kthread_run_threadfn; },
    {{MemoryModel::sc, Invariant::threadfn_after_wake}, {MemoryModel::tso, Invariant::threadfn_after_wake}},
    "a requester that stops its thread before waking it", false, false, AfterCreation::stop};
const MutationRegistrar registrar(mutation);

}  // namespace

}  // namespace model
