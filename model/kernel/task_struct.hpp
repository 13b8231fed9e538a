// model/kernel/task_struct.hpp: struct task_struct, reduced to what the protocol touches.
#pragma once

#include <string>

#include "explorer/op.hpp"

namespace model {

struct Completion;
struct Kthread;
struct Requester;
struct NewThread;
struct Spinlock;

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
    explorer::ObjectId obj = explorer::no_object;  // ->state and ->pending (one object)
    unsigned state = TASK_RUNNING;
    bool asleep = false;           // deactivated in schedule(): only a wake-up makes it runnable
    bool fatal_signal = false;     // SIGKILL (or another fatal signal) pending
    bool ignores_signals = false;  // kthreadd: ignore_signals(current)
    bool memdie = false;           // TIF_MEMDIE: chosen by the OOM killer
    bool got_fatal_signal = false; // a fatal signal was ever delivered (for invariants)
    unsigned wakeups = 0;          // successful try_to_wake_up() calls on this task
    bool exited = false;           // do_exit() ran: state is TASK_DEAD
    int exit_code = 0;
    const char* sleeping_in = "schedule";  // where it sleeps, for diagnostics
    explorer::ObjectId sleeping_on = explorer::no_object;  // what it waits for
    Completion* vfork_done = nullptr;  // eras B-E: &kthread->exited, completed by do_exit()
    Kthread* kthread = nullptr;        // eras B-E: struct kthread of a kernel thread
    Requester* requester = nullptr;    // set for requester tasks
    bool is_new_thread = false;        // started in kthread()
    Requester* created_for = nullptr;  // for new threads: whose request made it
    NewThread* thread = nullptr;       // for new threads: the model's bookkeeping
    Spinlock* entering = nullptr;      // spin_lock() of a lock with atomic sections, not yet taken
};

}  // namespace model
