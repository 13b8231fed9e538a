// model/invariants/no_lost_wakeup.cpp: invariant 1, judged when nothing can run any more.
#include "model/invariants/invariant.hpp"
#include "model/kernel/kernel.hpp"

namespace model {

namespace {

std::string where(const TaskStruct& t, const Kernel& k) {
    (void)k;
    return std::string(t.sleeping_in);
}

}  // namespace

std::optional<std::string> check_no_lost_wakeup(const Kernel& k) {
    // (a) a request queued while kthreadd sleeps
    if (!k.kthread_create_list.entries.empty() && k.kthreadd_task->asleep) {
        return "lost wake-up: " + k.kthread_create_list.entries.front()->block.name +
               " is queued on kthread_create_list while kthreadd sleeps in " + where(*k.kthreadd_task, k);
    }
    // (b) a requester waiting for ever (a killed one inside kthread_create() is invariant 8's)
    for (const Requester& r : k.requesters) {
        bool finished = explorer::state_of(r.task->tid) == explorer::TaskState::finished;
        bool killed_in_create = r.task->got_fatal_signal && !r.returned;
        if (!finished && !killed_in_create) {
            return "lost wake-up: " + r.name + " waits for ever in " + where(*r.task, k) +
                   (r.returned ? " (after kthread_create() returned)" : " (inside kthread_create())");
        }
    }
    // (c) a woken new thread that never ran
    for (const NewThread& t : k.new_threads) {
        if (t.task->wakeups > 0 && t.task->asleep && t.task->state == TASK_RUNNING) {
            return "lost wake-up: " + t.task->comm + " was woken but never ran";
        }
    }
    return std::nullopt;
}

}  // namespace model
