// model/mutations/killed_requester_frees_create.cpp: a killed requester kfree()s create even
// though its xchg returned non-NULL (the other side still owns create and frees it too).
#include "model/kthread/world.hpp"
#include "model/kthread/shared.hpp"

namespace model {

namespace {

std::optional<TaskOrErr> killed_while_waiting(KthreadCreateInfo* create, Completion* done) {
    if (xchg_done(create) != nullptr) {
        kfree(&create->block);  // the bug: the other side owns create now
        return ERR_PTR(-EINTR);
    }
    wait_for_completion(done);
    return std::nullopt;
}

const Mutation mutation{
    "killed-requester-frees-create",
    "a killed requester frees create even when its xchg returned non-NULL",
    [](const Variant& v) { return v.killable; },
    [](KthreadOps& ops, const Variant&) { ops.killed_while_waiting = killed_while_waiting; },
    {{MemoryModel::sc, Invariant::no_use_after_free}, {MemoryModel::tso, Invariant::no_use_after_free}},
    "a fatal signal to the requester", true, false, AfterCreation::wake};
const MutationRegistrar registrar(mutation);

}  // namespace

}  // namespace model
