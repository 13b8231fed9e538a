// model/kernel/completion.hpp: struct completion (kernel/sched/completion.c).
#pragma once

#include <string>
#include <vector>

#include "explorer/cell.hpp"

namespace model {

struct Block;
struct TaskStruct;

std::uint64_t cell_hash(const std::vector<TaskStruct*>& waiters);

struct Completion {
    std::string name;
    explorer::ObjectId obj = explorer::no_object;  // x->done and x->wait (under x->wait.lock)
    explorer::Cell<unsigned> done;
    explorer::Cell<std::vector<TaskStruct*>> wait;  // exclusive waiters, FIFO (x->wait)
    const Block* storage = nullptr; // the object it lives in: on a stack, in create, in struct kthread
    explorer::Cell<bool> alive;     // on obj: false once its storage died (end_of_frame())
    std::string completed_by;       // who called complete() last (for tests and traces)
};

// Results of the waits, as in the kernel.
inline constexpr long ERESTARTSYS = 512;

void init_completion(Completion& x, const std::string& name, Block& storage);
// complete(): done++, wake the first exclusive waiter.
void complete(Completion* x);
// wait_for_completion(): uninterruptible.
void wait_for_completion(Completion* x);
// wait_for_completion_killable(): 0, or -ERESTARTSYS when a fatal signal is pending and
// done is 0 (a visible completion beats a signal).
long wait_for_completion_killable(Completion* x);
// wait_for_completion_timeout(): 0 on timeout, else > 0. When the timer fires is explored
// like any other step: the sleeper may resume (time out) at any point unless woken first.
long wait_for_completion_timeout(Completion* x, long timeout);

}  // namespace model
