// model/mutations/unstepped_list_read.cpp: a bug in the model, not in the kernel: kthreadd looks at
// kthread_create_list before the step that declares the read (the shape of issue 9's taker, which
// let the reduction drop a behaviour). ktcheck must refuse it as a model fault (exit 3), naming the
// step and the cell, instead of exploring less than it promises.
#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"

namespace model {

namespace {

void kthreadd_create_requests() {
    Kthreads& k = world();
    if (k.kthread_create_list.entries.get().empty()) {  // inside kthreadd's previous step
        return;
    }
    k.variant.ops.kthreadd_create_requests();  // the era's own
}

const Mutation mutation{
    "unstepped-list-read",
    "a model bug: kthreadd reads the list outside any step that declares it (must be refused as a model fault)",
    [](const Variant&) { return true; },
    [](KthreadOps& ops, const Variant&) { ops.kthreadd_create_requests = kthreadd_create_requests; },
    {{MemoryModel::sc, std::nullopt, /*model_fault=*/true}},
    "one requester", false, false, AfterCreation::wake};
const MutationRegistrar registrar(mutation);

}  // namespace

}  // namespace model
