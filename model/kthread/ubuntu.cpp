// model/kthread/ubuntu.cpp: Ubuntu's "UBUNTU: SAUCE: kthread: Do not leave kthread_create()
// immediately upon SIGKILL." on era E: after SIGKILL, wait up to 10 x HZ more unless the
// requester is an OOM victim (TIF_MEMDIE).
#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"
#include "model/kthread/era_c.hpp"
#include "model/kthread/era_e.hpp"
#include "model/kthread/shared.hpp"

namespace model {

namespace {

constexpr long HZ = 250;

std::optional<TaskOrErr> killed_while_waiting(KthreadCreateInfo* create, Completion* done) {
    int i = 0;
    /*
     * I got SIGKILL, but wait for 10 more seconds for completion
     * unless chosen by the OOM killer. This delay is there as a
     * workaround for boot failure caused by SIGKILL upon device
     * driver initialization timeout.
     */
    while (i++ < 10 && !current().memdie.get()) {  // !test_tsk_thread_flag(current, TIF_MEMDIE)
        if (wait_for_completion_timeout(done, HZ) != 0) {
            return std::nullopt;  // goto ready
        }
    }
    /*
     * If I was killed by a fatal signal before kthreadd (or new
     * kernel thread) calls complete(), leave the cleanup of this
     * structure to that thread; else wait for its complete().
     */
    return era_c_killed_while_waiting(create, done);
}

KthreadOps ops() {
    KthreadOps table = era_e_ops();
    table.killed_while_waiting = killed_while_waiting;
    return table;
}

const Variant ubuntu{
    "ubuntu", Era::E, "Ubuntu 5.17+ with the SAUCE patch",
    "era E, but a killed requester retries wait_for_completion_timeout(&done, HZ) 10 times unless OOM victim",
    ops(), /*has_park=*/true, /*killable=*/true, {}};
const VariantRegistrar registrar(ubuntu);

}  // namespace

}  // namespace model
