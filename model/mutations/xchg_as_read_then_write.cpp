// model/mutations/xchg_as_read_then_write.cpp: kthread() replaces xchg(&create->done, NULL) by a
// read then a write: the killed requester's xchg can fall between them, and both sides then
// believe they own `done`: the thread completes the dead on-stack completion.
#include "model/kthread/world.hpp"
#include "model/kthread/shared.hpp"

namespace model {

namespace {

Completion* kthread_take_done(KthreadCreateInfo* create) {
    explorer::step(create_field("done = READ_ONCE(create->done)", create, CreateField::done, explorer::Access::read));
    touch(create->block, "create->done");
    Completion* done = create->done.get();
    explorer::step(create_field("WRITE_ONCE(create->done, NULL)", create, CreateField::done, explorer::Access::write));
    touch(create->block, "create->done");
    create->done.set(nullptr);
    return done;
}

const Mutation mutation{
    "xchg-as-read-then-write",
    "kthread() replaces xchg(&create->done, NULL) by a read then a write",
    [](const Variant& v) { return v.killable; },
    [](KthreadOps& ops, const Variant&) { ops.kthread_take_done = kthread_take_done; },
    {{MemoryModel::sc, Invariant::completion_alive}, {MemoryModel::tso, Invariant::completion_alive}},
    "a fatal signal to the requester", true, false, AfterCreation::wake};
const MutationRegistrar registrar(mutation);

}  // namespace

}  // namespace model
