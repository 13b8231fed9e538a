// model/mutations/killed_requester_skips_xchg.cpp: a killed requester returns -EINTR without the
// xchg handshake: the other side still sees `done` and completes a dead on-stack completion.
#include "model/kthread/world.hpp"

namespace model {

namespace {

std::optional<TaskOrErr> killed_while_waiting(KthreadCreateInfo* create, Completion* done) {
    (void)create;
    (void)done;
    return ERR_PTR(-EINTR);
}

const Mutation mutation{
    "killed-requester-skips-xchg",
    "a killed requester returns -EINTR without the xchg(&create->done, NULL) handshake",
    [](const Variant& v) { return v.killable; },
    [](KthreadOps& ops, const Variant&) { ops.killed_while_waiting = killed_while_waiting; },
    {{MemoryModel::sc, Invariant::completion_alive}, {MemoryModel::tso, Invariant::completion_alive}},
    "a fatal signal to the requester", true, false, AfterCreation::wake};
const MutationRegistrar registrar(mutation);

}  // namespace

}  // namespace model
