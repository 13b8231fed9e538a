// model/mutations/wake_kthreadd_under_lock.cpp: an equivalent rewrite that must pass: the requester
// wakes kthreadd while it still holds kthread_create_lock, as 2.6.24 did (the section then has a
// step inside it).
#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"

namespace model {

namespace {

void queue_request(KthreadCreateInfo* create) {
    Kthreads& k = world();
    spin_lock(&k.kthread_create_lock);
    list_add_tail(&create->block, &k.kthread_create_list);
    wake_up_process(k.kthreadd_task);  // inside the section
    spin_unlock(&k.kthread_create_lock);
}

const Mutation mutation{
    "wake-kthreadd-under-lock",
    "equivalent: kthread_create() wakes kthreadd before it drops kthread_create_lock (as 2.6.24)",
    [](const Variant& v) { return v.era != Era::A; },
    [](KthreadOps& ops, const Variant&) { ops.queue_request = queue_request; },
    {{MemoryModel::sc, std::nullopt}},
    "two requesters", false, false, AfterCreation::wake, 2};
const MutationRegistrar registrar(mutation);

}  // namespace

}  // namespace model
