// model/kernel/events.hpp: what the kernel tells whoever checks it (the invariants' ghost
// state). Kernel code only reports through it and never reads anything back.
#pragma once

namespace model {

struct TaskStruct;

class KernelEvents {
public:
    virtual ~KernelEvents() = default;
    // kernel/sched/core.c: try_to_wake_up() found `p` in a state it wakes and made it TASK_RUNNING.
    virtual void woken(const TaskStruct& p) = 0;
    // kernel/signal.c: a fatal signal was delivered to `p`.
    virtual void fatal_signal_delivered(const TaskStruct& p) = 0;
};

}  // namespace model
