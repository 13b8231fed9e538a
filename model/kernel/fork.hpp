// model/kernel/fork.hpp: kernel_thread(): fork a kernel thread (kernel/fork.c).
#pragma once

#include <functional>
#include <string>

namespace model {

struct TaskStruct;

// kernel/fork.c: kernel_thread(fn, arg, flags): a new task `comm` that starts in `fn` (a
// daemon: it may stay asleep). Returns a pid and sets *child, or -EAGAIN when the scenario
// lets the fork fail. With the OOM fault source the allocation may stall: the OOM killer then
// kills `oom_victim` (while it is inside kthread_create()) and the fork waits until that
// victim has returned (its memory freed).
int kernel_thread(const std::string& comm, std::function<void()> fn, TaskStruct* oom_victim, TaskStruct** child);

}  // namespace model
