// model/mutations/kthreadd_if_not_while.cpp: an equivalent rewrite that must pass: kthreadd takes
// at most one request per round (`if` for the inner `while`); the outer loop re-checks the list.
// The section after create_kthread() is then empty (spin_lock(); spin_unlock()).
#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"

namespace model {

namespace {

void kthreadd_create_requests() {
    Kthreads& k = world();
    spin_lock(&k.kthread_create_lock);
    if (!list_empty(&k.kthread_create_list)) {  // was: while
        KthreadCreateInfo* create = list_first_entry(&k.kthread_create_list);
        list_del_init(&create->block, &k.kthread_create_list);
        spin_unlock(&k.kthread_create_lock);
        k.ops.create_kthread(create);
        spin_lock(&k.kthread_create_lock);
    }
    spin_unlock(&k.kthread_create_lock);
}

const Mutation mutation{
    "kthreadd-if-not-while",
    "equivalent: kthreadd's inner while (!list_empty()) becomes if (the outer loop re-checks)",
    [](const Variant&) { return true; },
    [](KthreadOps& ops, const Variant&) { ops.kthreadd_create_requests = kthreadd_create_requests; },
    {{MemoryModel::sc, std::nullopt}},
    "two requesters", false, false, AfterCreation::wake, 2};
const MutationRegistrar registrar(mutation);

}  // namespace

}  // namespace model
