// model/mutations/queue_without_lock.cpp: the requester adds its request to kthread_create_list
// without taking kthread_create_lock.
#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"

namespace model {

namespace {

void queue_request(KthreadCreateInfo* create) {
    list_add_tail(&create->block, &world().kthread_create_list);  // spin_lock()/spin_unlock() forgotten
    wake_up_process(world().kthreadd_task);
}

const Mutation mutation{
    "queue-without-lock",
    "kthread_create() adds to kthread_create_list without holding kthread_create_lock",
    [](const Variant& v) { return v.era != Era::A; },
    [](KthreadOps& ops, const Variant&) { ops.queue_request = queue_request; },
    {{MemoryModel::sc, Invariant::lock_discipline}, {MemoryModel::tso, Invariant::lock_discipline}},
    "one requester"};
const MutationRegistrar registrar(mutation);

}  // namespace

}  // namespace model
