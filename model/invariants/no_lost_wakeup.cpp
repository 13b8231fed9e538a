// model/invariants/no_lost_wakeup.cpp: invariant 1, judged when nothing can run any more: a task
// is blocked for ever while some other task expected it to run.
#include "model/invariants/checks.hpp"
#include "model/kthread/world.hpp"

namespace model {

namespace {

bool blocked(const TaskStruct& t) { return explorer::state_of(t.tid) == explorer::TaskState::blocked; }

// The completion `t` waits on, if it is queued on one (someone must complete() it).
const Completion* awaited_by(const Kthreads& k, const TaskStruct& t) {
    for (const Completion* x : k.completions_in_use()) {
        for (const TaskStruct* waiter : x->wait.peek()) {
            if (waiter == &t) {
                return x;
            }
        }
    }
    return nullptr;
}

std::string where(const Kthreads& k, const TaskStruct& t) {
    std::string text = t.sleeping_in;
    if (const Completion* x = awaited_by(k, t)) {
        text += " on " + x->name;
    }
    return text;
}

}  // namespace

std::optional<std::string> check_no_lost_wakeup(const Kthreads& k) {
    // kthreadd: asleep with a request queued, or blocked anywhere but its idle sleep.
    const TaskStruct& kthreadd = *k.kthreadd_task;
    if (blocked(kthreadd)) {
        const ListEntries& queued = k.kthread_create_list.entries.peek();
        if (!queued.empty()) {
            return "lost wake-up: " + queued.front()->name +
                   " is queued on kthread_create_list while kthreadd sleeps in " + where(k, kthreadd);
        }
        if (awaited_by(k, kthreadd) != nullptr) {
            return "lost wake-up: kthreadd waits for ever in " + where(k, kthreadd);
        }
    }
    // A requester waiting for ever (a killed one inside kthread_create() is invariant 8's).
    for (const Requester& r : k.requesters) {
        bool finished = explorer::state_of(r.task->tid) == explorer::TaskState::finished;
        bool killed_in_create = k.ghost.of(*r.task).got_fatal_signal && !r.returned;
        if (!finished && !killed_in_create) {
            return "lost wake-up: " + r.name + " waits for ever in " + where(k, *r.task) +
                   (r.returned ? " (after kthread_create() returned)" : " (inside kthread_create())");
        }
    }
    // A new thread blocked for ever although its requester woke, stopped or unparked it, or
    // while it waits on a completion: whatever the wake-up counters say.
    for (const NewThread& t : k.new_threads) {
        if (!blocked(*t.task)) {
            continue;
        }
        if (const char* by = k.ghost.of(*t.task).expected_by) {
            return "lost wake-up: " + t.task->comm + " sleeps for ever in " + where(k, *t.task) + " although " +
                   t.requester->name + " called " + by + " on it";
        }
        if (awaited_by(k, *t.task) != nullptr) {
            return "lost wake-up: " + t.task->comm + " waits for ever in " + where(k, *t.task);
        }
    }
    return std::nullopt;
}

}  // namespace model
