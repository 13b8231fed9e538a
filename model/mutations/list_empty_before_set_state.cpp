// model/mutations/list_empty_before_set_state.cpp: kthreadd tests list_empty() before
// set_current_state(TASK_INTERRUPTIBLE): a request queued in between is missed, and its
// wake_up_process() finds kthreadd still RUNNING. Loses a wake-up even under SC.
#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"

namespace model {

namespace {

void kthreadd_wait_for_work() {
    Kthreads& k = world();
    bool empty = list_empty(&k.kthread_create_list);  // K2 moved before K1
    set_current_state(TASK_INTERRUPTIBLE);            // K1
    if (empty) {
        current().sleeping_in = "kthreadd: schedule()";
        current().sleeping_on = k.kthread_create_list.obj;
        schedule();
    }
    __set_current_state(TASK_RUNNING);                // K3
}

const Mutation mutation{
    "list-empty-before-set-state",
    "kthreadd tests list_empty() before set_current_state(TASK_INTERRUPTIBLE)",
    [](const Variant&) { return true; },
    [](KthreadOps& ops, const Variant&) { ops.kthreadd_wait_for_work = kthreadd_wait_for_work; },
    {{MemoryModel::sc, Invariant::no_lost_wakeup}, {MemoryModel::tso, Invariant::no_lost_wakeup}},
    "one requester"};
const MutationRegistrar registrar(mutation);

}  // namespace

}  // namespace model
