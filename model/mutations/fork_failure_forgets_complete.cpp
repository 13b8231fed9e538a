// model/mutations/fork_failure_forgets_complete.cpp: create_kthread() forgets complete() when
// kernel_thread() failed: the requester waits for ever.
#include "model/kthread/world.hpp"
#include "model/kthread/shared.hpp"

namespace model {

namespace {

void fork_failed(KthreadCreateInfo* create, int pid) {
    Completion* done = xchg_done(create);
    if (world().variant.era == Era::E) {  // era E frees the name on both paths
        explorer::step(create_field("read create->full_name", create, CreateField::full_name, explorer::Access::read));
        kfree(create->full_name.get());
    }
    if (done == nullptr) {
        kfree(&create->block);
        return;
    }
    store_result(create, "create->result = ERR_PTR(pid)", ERR_PTR(pid));
    // complete(done) forgotten
}

const Mutation mutation{
    "fork-failure-forgets-complete",
    "create_kthread() forgets complete(done) after kernel_thread() failed",
    [](const Variant& v) { return v.killable; },
    [](KthreadOps& ops, const Variant&) { ops.fork_failed = fork_failed; },
    {{MemoryModel::sc, Invariant::no_lost_wakeup}, {MemoryModel::tso, Invariant::no_lost_wakeup}},
    "fork failure", false, true, AfterCreation::wake};
const MutationRegistrar registrar(mutation);

}  // namespace

}  // namespace model
