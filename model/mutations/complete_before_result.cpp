// model/mutations/complete_before_result.cpp: kthread() completes `done` before it writes
// create->result: the requester can read a result nobody set yet (a wrong return value).
#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"
#include "model/kthread/shared.hpp"

namespace model {

namespace {

void kthread_report_spawned(KthreadCreateInfo* create, Completion* done) {
    TaskStruct& cur = current();
    __set_current_state(TASK_UNINTERRUPTIBLE);
    complete(done);  // moved before the store of the result
    store_result(create, "create->result = current", {&cur, 0});
    sleep_until_woken();
}

const Mutation mutation{
    "complete-before-result",
    "kthread() calls complete(done) before create->result = current",
    [](const Variant& v) { return v.era != Era::A; },
    [](KthreadOps& ops, const Variant&) { ops.kthread_report_spawned = kthread_report_spawned; },
    {{MemoryModel::sc, Invariant::valid_return}, {MemoryModel::tso, Invariant::valid_return}},
    "one requester"};
const MutationRegistrar registrar(mutation);

}  // namespace

}  // namespace model
