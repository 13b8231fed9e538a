// model/mutations/killed_thread_leaks_create.cpp: kthread() exits without releasing create when its
// xchg(&create->done, NULL) found the requester gone: nobody frees it (a leak, invariant 2).
#include "model/kthread/world.hpp"

namespace model {

namespace {

void kthread_release_create(KthreadCreateInfo* create) {
    (void)create;  // kfree(create) forgotten
}

const Mutation mutation{
    "killed-thread-leaks-create",
    "kthread() forgets kfree(create) when the killed requester left it the structure",
    [](const Variant& v) { return v.killable; },
    [](KthreadOps& ops, const Variant&) { ops.kthread_release_create = kthread_release_create; },
    {{MemoryModel::sc, Invariant::create_freed_once}, {MemoryModel::tso, Invariant::create_freed_once}},
    "a fatal signal to the requester", true, false, AfterCreation::wake};
const MutationRegistrar registrar(mutation);

}  // namespace

}  // namespace model
