// model/mutations/fork_failure_forgets_complete.cpp: create_kthread() forgets complete() when
// kernel_thread() failed: the requester waits for ever.
#include "model/kthread/world.hpp"
#include "model/kthread/shared.hpp"

namespace model {

namespace {

// create_kthread()'s failure path, eras C-E: the result is stored, complete(done) forgotten.
void report_fork_failure(KthreadCreateInfo* create, Completion*, int pid) {
    store_result(create, "create->result = ERR_PTR(pid)", ERR_PTR(pid));
}

const Mutation mutation{
    "fork-failure-forgets-complete",
    "create_kthread() forgets complete(done) after kernel_thread() failed",
    [](const Variant& v) { return v.killable; },
    [](KthreadOps& ops, const Variant&) { ops.report_fork_failure = report_fork_failure; },
    {{MemoryModel::sc, Invariant::no_lost_wakeup}, {MemoryModel::tso, Invariant::no_lost_wakeup}},
    "fork failure", false, true, AfterCreation::wake};
const MutationRegistrar registrar(mutation);

}  // namespace

}  // namespace model
