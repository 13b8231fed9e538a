// model/kernel/task_struct.hpp: struct task_struct, reduced to what the protocol touches.
#pragma once

#include <string>

#include "explorer/cell.hpp"

namespace model {

struct Completion;
struct Kthread;

// include/linux/sched.h: task states (bit values of 4.x; only their tests matter here).
inline constexpr unsigned TASK_RUNNING = 0x0000;
inline constexpr unsigned TASK_INTERRUPTIBLE = 0x0001;
inline constexpr unsigned TASK_UNINTERRUPTIBLE = 0x0002;
inline constexpr unsigned TASK_PARKED = 0x0040;
inline constexpr unsigned TASK_DEAD = 0x0080;
inline constexpr unsigned TASK_WAKEKILL = 0x0100;
inline constexpr unsigned TASK_KILLABLE = TASK_WAKEKILL | TASK_UNINTERRUPTIBLE;
inline constexpr unsigned TASK_NORMAL = TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE;

const char* task_state_name(unsigned state);

struct TaskStruct {
    explorer::TaskId tid = explorer::no_task;
    std::string comm;                    // the explorer task's stable name
    explorer::ObjectId obj = explorer::no_object;  // every cell below is on this object
    explorer::Cell<unsigned> state;      // ->__state
    explorer::Cell<bool> asleep;         // deactivated in schedule(): only a wake-up makes it runnable
    explorer::Cell<bool> fatal_signal;   // SIGKILL (or another fatal signal) pending
    explorer::Cell<bool> memdie;         // TIF_MEMDIE: chosen by the OOM killer
    explorer::Cell<bool> exited;         // PF_EXITING: do_exit() began (its exit_code is set)
    explorer::Cell<int> exit_code;
    explorer::Cell<Completion*> vfork_done;  // eras B-E: &kthread->exited, completed by do_exit()
    explorer::Published<Kthread*> kthread;   // eras B-E: struct kthread, set by the thread before it reports itself
    // Its memory as the OOM killer sees it: on an object of its own (`mm_obj`), so that the OOM
    // source's steps do not conflict with fatal signals, which touch only `obj`.
    explorer::ObjectId mm_obj = explorer::no_object;
    explorer::Cell<bool> oom_candidate;      // the OOM killer may choose it (the protocol says who)
    explorer::Cell<bool> oom_victim;         // mark_oom_victim() chose it
    explorer::Cell<bool> mm_released;        // OOM victim: exited, so its memory is free again
    explorer::Cell<TaskStruct*> oom_waiter;  // OOM victim: the allocation waiting for its memory
    bool ignores_signals = false;  // kthreadd: ignore_signals(current), before anyone can signal it
    // Whether the checks count this task's wake-ups (KernelEvents::woken() feeds them): only
    // then does it matter whether a wake-up or the task itself made it TASK_RUNNING (sched.cpp).
    bool wakeups_watched = true;
    // Diagnostics only (what a lost wake-up's message names), never read by model decisions.
    const char* sleeping_in = "schedule";  // where it sleeps, for diagnostics
    explorer::ObjectId sleeping_on = explorer::no_object;  // what it waits for
};

}  // namespace model
