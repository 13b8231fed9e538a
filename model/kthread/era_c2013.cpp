// model/kthread/era_c2013.cpp: the first killable version (commit 786235eeba0e, 3.13): a killed
// requester that wins the xchg returns ERR_PTR(-ENOMEM); "kthread: fix return value of
// kthread_create() upon SIGKILL." (2014) made it -EINTR, which is era C.
#include "model/kthread/world.hpp"
#include "model/kthread/era_c.hpp"
#include "model/kthread/shared.hpp"

namespace model {

namespace {

std::optional<TaskOrErr> killed_while_waiting(KthreadCreateInfo* create, Completion* done) {
    /*
     * If I was SIGKILLed before kthreadd (or new kernel thread)
     * calls complete(), leave the cleanup of this structure to
     * that thread.
     */
    if (xchg_done(create) != nullptr) {
        return ERR_PTR(-ENOMEM);
    }
    /*
     * kthreadd (or new kernel thread) will call complete()
     * shortly.
     */
    wait_for_completion(done);
    return std::nullopt;
}

KthreadOps ops() {
    KthreadOps table = era_c_ops();
    table.killed_while_waiting = killed_while_waiting;
    return table;
}

const Variant era_c2013{
    "era-c-2013", Era::C, "3.13 (2013-2014)",
    "the first killable version: a killed requester returns -ENOMEM instead of -EINTR",
    ops(), /*has_park=*/true, /*killable=*/true,
    {{Invariant::valid_return, "a killed requester that wins the xchg returns -ENOMEM (fixed in 2014: -EINTR)"}}};
const VariantRegistrar registrar(era_c2013);

}  // namespace

}  // namespace model
