// model/kernel/fork.cpp: kernel_thread() with its fault sources (fork failure, OOM stall).
#include "model/kernel/fork.hpp"

#include "model/kernel/kernel.hpp"
#include "model/kernel/sched.hpp"
#include "model/kernel/signal.hpp"

namespace model {

namespace ex = explorer;

namespace {

// mm/page_alloc.c: __alloc_pages_slowpath() -> out_of_memory(): the allocating task picks a
// victim (here: the requester whose thread it forks), kills it and waits for its memory.
void stall_for_memory(TaskStruct* victim) {
    Kernel& k = kernel();
    k.use_oom();
    send_fatal_signal(victim, true);
    TaskStruct& cur = current();
    victim->oom_waiter.set(&cur);
    while (true) {
        ex::block("allocating memory (OOM)", victim->mm_obj);
        ex::step("retry allocation", victim->mm_obj, ex::Access::read);
        if (victim->mm_released.get()) {
            return;
        }
    }
}

}  // namespace

int kernel_thread(const std::string& comm, std::function<void()> fn, TaskStruct* oom_victim, TaskStruct** child) {
    Kernel& k = kernel();
    bool may_stall = k.oom_possible() && oom_victim != nullptr;
    TaskStruct* victim = oom_victim;
    // Only kthreadd forks: the fork itself conflicts with no other task's step. With the OOM
    // source the step may kill the victim (its task) and mark its memory (its mm).
    ex::step(may_stall ? ex::Op{"kernel_thread", victim->obj, ex::Access::read_write, victim->mm_obj}
                       : ex::Op{"kernel_thread", ex::object("tasklist"), ex::Access::write});
    if (may_stall && victim->oom_candidate.get() && !victim->fatal_signal.get() &&
        ex::choose(2, "kthreadd blocks allocating (OOM)") == 1) {
        stall_for_memory(victim);
    } else if (may_stall) {
        ex::refine(ex::Access::read, ex::Access::read);
    }
    if (k.inject_fork_failure()) {
        return -EAGAIN;
    }
    TaskStruct* task = k.spawn(comm, std::move(fn), /*daemon=*/true);
    *child = task;
    return static_cast<int>(task->tid) + 1;
}

}  // namespace model
