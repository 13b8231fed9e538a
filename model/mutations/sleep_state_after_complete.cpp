// model/mutations/sleep_state_after_complete.cpp: kthread() sets TASK_UNINTERRUPTIBLE only after
// complete(done): the requester's wake_up_process() can find it still running (and do nothing),
// then it sleeps for ever and threadfn never runs. A lost wake-up whatever the counters say.
#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"
#include "model/kthread/shared.hpp"

namespace model {

namespace {

void kthread_report_spawned(KthreadCreateInfo* create, Completion* done) {
    TaskStruct& cur = current();
    store_result(create, "create->result = current", {&cur, 0});
    complete(done);
    __set_current_state(TASK_UNINTERRUPTIBLE);  // moved after complete(): too late
    sleep_until_woken();
}

const Mutation mutation{
    "sleep-state-after-complete",
    "kthread() sets TASK_UNINTERRUPTIBLE after complete(done) instead of before it",
    [](const Variant& v) { return v.era != Era::A; },
    [](KthreadOps& ops, const Variant&) { ops.kthread_report_spawned = kthread_report_spawned; },
    {{MemoryModel::sc, Invariant::no_lost_wakeup}, {MemoryModel::tso, Invariant::no_lost_wakeup}},
    "one requester that wakes its thread"};
const MutationRegistrar registrar(mutation);

}  // namespace

}  // namespace model
