// model/mutations/plain_store_at_k1.cpp: kthreadd uses __set_current_state() at K1. Correct
// under sequential consistency; under TSO the list_empty() load may pass the state store
// (store->load reordering) and a wake-up is lost. The model is SC today: expected to pass.
#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"

namespace model {

namespace {

void kthreadd_wait_for_work() {
    Kthreads& k = world();
    __set_current_state(TASK_INTERRUPTIBLE);  // K1 without the full barrier
    if (list_empty(&k.kthread_create_list)) {
        current().sleeping_in = "kthreadd: schedule()";
        current().sleeping_on = k.kthread_create_list.obj;
        schedule();
    }
    __set_current_state(TASK_RUNNING);
}

const Mutation mutation{
    "plain-store-at-k1",
    "kthreadd uses __set_current_state() (no barrier) at K1: passes under SC, loses a wake-up under TSO",
    [](const Variant&) { return true; },
    [](KthreadOps& ops, const Variant&) { ops.kthreadd_wait_for_work = kthreadd_wait_for_work; },
    {{MemoryModel::sc, std::nullopt}, {MemoryModel::tso, Invariant::no_lost_wakeup}},
    "one requester"};
const MutationRegistrar registrar(mutation);

}  // namespace

}  // namespace model
