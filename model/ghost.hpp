// model/ghost.hpp: the invariants' own record of an execution (ghost state): what
// happened that makes a return legal or a run expected. No model decision reads it; the kernel
// writes it through KernelEvents, the protocol's model code at the statements that matter.
#pragma once

#include <vector>

#include "explorer/op.hpp"
#include "model/kernel/events.hpp"

namespace model {

struct Block;

// Per task (kept by task id).
struct TaskGhost {
    unsigned wakeups = 0;           // try_to_wake_up() calls that woke it
    bool got_fatal_signal = false;  // a fatal signal was ever delivered
    // A requester: what makes an error return legal, and what it did to its thread.
    bool allocation_failed = false;  // an allocation for its request failed (-ENOMEM is legal)
    bool fork_failed = false;        // the fork for its request failed (the fork error is legal)
    bool stop_before_wake = false;   // kthread_stop() reached its thread before any wake-up
    // A new thread: how often threadfn ran, and who expects it to run (nullptr: nobody yet;
    // blocked for ever after someone does is a lost wake-up).
    unsigned threadfn_runs = 0;
    const char* expected_by = nullptr;
};

class Ghost final : public KernelEvents {
public:
    TaskGhost& of(const TaskStruct& task);
    const TaskGhost& of(const TaskStruct& task) const;

    void woken(const TaskStruct& p) override { ++of(p).wakeups; }
    void fatal_signal_delivered(const TaskStruct& p) override { of(p).got_fatal_signal = true; }

    // Era E: kthread() took create->full_name as self->full_name (the thread frees it with itself).
    void hand_to_thread(const Block& block);
    bool owned_by_thread(const Block& block) const;

private:
    std::vector<TaskGhost> tasks_;
    std::vector<explorer::ObjectId> handed_to_thread_;
};

}  // namespace model
