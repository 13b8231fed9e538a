// model/invariants/killed_requester_returns.cpp: invariant 8: a killed requester gets out of
// kthread_create() (eras A/B cannot under OOM: the reason era C exists).
#include "model/invariants/checks.hpp"
#include "model/kthread/world.hpp"

namespace model {

std::optional<std::string> check_killed_requester_returns(const Kthreads& k) {
    for (const Requester& r : k.requesters) {
        if (k.ghost.of(*r.task).got_fatal_signal && !r.returned) {
            std::string why = std::string(r.task->sleeping_in);
            const TaskStruct* stalled = r.task->oom_waiter.peek();
            if (stalled != nullptr && explorer::state_of(stalled->tid) == explorer::TaskState::blocked) {
                why += ", while kthreadd is stalled allocating memory only its exit would free (OOM livelock)";
            }
            return r.name + " got a fatal signal but never returns from kthread_create(): it sleeps in " + why;
        }
    }
    return std::nullopt;
}

}  // namespace model
