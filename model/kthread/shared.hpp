// model/kthread/shared.hpp: pieces several eras share: struct kthread bits, xchg, the on-stack done.
#pragma once

#include <optional>

#include "model/kthread/world.hpp"

namespace model {

enum KthreadBit { KTHREAD_SHOULD_STOP, KTHREAD_SHOULD_PARK, KTHREAD_IS_PARKED };

// include/linux/bitops.h on kthread->flags: each is one atomic step on the struct.
bool test_bit(KthreadBit bit, Kthread* kthread);
void set_bit(KthreadBit bit, Kthread* kthread);
void clear_bit(KthreadBit bit, Kthread* kthread);
bool test_and_set_bit(KthreadBit bit, Kthread* kthread);
bool test_and_clear_bit(KthreadBit bit, Kthread* kthread);

// to_kthread(k): the struct kthread of a kernel thread (published before the thread reports itself).
inline Kthread* to_kthread(TaskStruct* k) { return k->kthread.get(); }

// The model's struct kthread for the running new thread: on its stack (B, C), kzalloc()'d by
// kthread() (D: not live until that succeeds) or by copy_process() (E: live, private to the
// thread until it is published).
Kthread& new_kthread_struct(bool on_stack, bool live);
void init_kthread_struct(Kthread& self);
// set_kthread_struct(self) and current->vfork_done = &self->exited: one step on current, before
// the thread reports itself (4.19 publishes right after kzalloc() and sets vfork_done after the
// checks: both are private to the thread until it reports, so one step is the same).
void set_kthread_struct(Kthread* self);
// kmalloc() of an allocation made for `r`'s kthread_create(): its failure makes -ENOMEM legal.
bool kmalloc_for(Requester* r, Block& block, const char* what);
// create_kthread(): kernel_thread(kthread, create, ...) and the bookkeeping of the new thread.
int fork_kthread(KthreadCreateInfo* create);
// kthread() once woken: threadfn() (after __kthread_parkme()) unless KTHREAD_SHOULD_STOP is set.
int run_threadfn_unless_stopped(Kthread* self);
// kthread_stop(): ret = k->exit_code, once the thread exited.
int read_exit_code(TaskStruct* k);

// eras B-E: kthread_should_stop(): test_bit(KTHREAD_SHOULD_STOP, &to_kthread(current)->flags)
bool kthread_should_stop_flags();

// create->result = value (`kind` names the statement): one step on that field of create.
void store_result(KthreadCreateInfo* create, const char* kind, TaskOrErr value);
// kthread()'s schedule() after it reported itself: asleep until the first wake-up.
void sleep_until_woken();
// __kthread_parkme(self) of the era (nothing in an era without parking).
void kthread_parkme(Kthread* self);

// kthread() of eras B-E once it owns `done`: __set_current_state(TASK_UNINTERRUPTIBLE);
// create->result = current; complete(done); schedule() until the first wake-up.
void spawned_wait_for_wakeup(KthreadCreateInfo* create, Completion* done);

// Common to the killable eras (C-E):
// xchg(&create->done, NULL): one atomic read-modify-write; the winner owns `done`.
Completion* xchg_done(KthreadCreateInfo* create);
// spin_lock(&kthread_create_lock); list_add_tail(&create->list, ...); spin_unlock(...)
void queue_request(KthreadCreateInfo* create);
// ops.queue_request(create), in the requester's turn among its interchangeable twins
// (model/program.cpp: assign_queue_turns).
void queue_in_turn(KthreadCreateInfo* create);
// The requester's struct kthread_create_info: on its stack (A, B) or to be kmalloc'd (C-E).
KthreadCreateInfo* new_create_info(Requester* requester, bool on_stack);
// The requester's on-stack `done` (DECLARE_COMPLETION_ONSTACK) and its frame.
Completion* declare_completion_onstack(Requester* requester);
// kthread_create_on_node() once create is filled in: queue it, wake kthreadd, wait killably.
// Returns what a killed requester returns early, or nullopt when create->result is to be read.
std::optional<TaskOrErr> queue_and_wait_killable(KthreadCreateInfo* create, Completion* done);
// task = create->result
TaskOrErr read_result(KthreadCreateInfo* create, const char* kind = "task = create->result");
// The frame of kthread_create_on_node() returns: on-stack objects die.
TaskOrErr leave_kthread_create(Requester* requester, TaskOrErr ret);

}  // namespace model
