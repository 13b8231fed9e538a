// model/kernel/fork.hpp: kernel_thread(): fork a kernel thread (kernel/fork.c).
#pragma once

namespace model {

struct KthreadCreateInfo;

// kernel/fork.c: kernel_thread(fn, arg, flags): the new task starts in fn(arg). Returns a
// pid, or -EAGAIN when the scenario lets the fork fail. With the OOM fault source, the
// allocation may stall: the OOM killer then kills the requester and the fork waits until
// that victim has returned (its memory freed).
int kernel_thread(int (*fn)(KthreadCreateInfo*), KthreadCreateInfo* create);

}  // namespace model
