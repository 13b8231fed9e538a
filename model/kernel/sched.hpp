// model/kernel/sched.hpp: task state, schedule() and wake-ups (kernel/sched/core.c).
#pragma once

#include "model/kernel/task_struct.hpp"

namespace model {

TaskStruct& current();

// set_current_state(): store + full barrier. __set_current_state(): plain store. Under
// sequential consistency both are one store; their op kinds differ for weaker models.
void set_current_state(unsigned state);
void __set_current_state(unsigned state);

// schedule(): returns at once when a wake-up already set TASK_RUNNING (the window between
// set_current_state() and schedule() exists: it is a step of its own). A pending signal
// keeps an INTERRUPTIBLE/WAKEKILL task running (signal_pending_state()).
// Inside wait_for_common() schedule() and schedule_timeout() are no steps of their own
// (model/kernel/completion.cpp says why).
void schedule();

struct ListHead;
// if (list_empty(head)) schedule(): kthreadd's K2 and its sleep, one step at coarse granularity
// (schedule() declared with the list read as its second object), two at fine. True: it was empty.
bool schedule_if_list_empty(ListHead* head);

struct Spinlock;
struct Block;
// spin_lock(lock); list_add_tail(entry, head); spin_unlock(lock); wake_up_process(p): one step
// at coarse granularity (the wake-up moves left to the unlock: docs/model.md), four at fine.
void queue_and_wake(Block* entry, ListHead* head, Spinlock* lock, TaskStruct* p);

// try_to_wake_up(): full barrier, then if p->state & state: TASK_RUNNING (and enqueue).
int try_to_wake_up(TaskStruct* p, unsigned state, const char* kind);
int wake_up_process(TaskStruct* p);
int wake_up_state(TaskStruct* p, unsigned state);

// do_exit(): the task is dead; completes vfork_done (struct kthread's `exited`).
int do_exit(int code);

}  // namespace model
