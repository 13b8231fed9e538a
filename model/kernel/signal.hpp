// model/kernel/signal.hpp: fatal signals (kernel/signal.c, include/linux/sched/signal.h).
#pragma once

#include "model/kernel/task_struct.hpp"

namespace model {

bool fatal_signal_pending(const TaskStruct& p);
// signal_pending_state(): a pending fatal signal interrupts INTERRUPTIBLE and WAKEKILL sleeps.
bool signal_pending_state(unsigned state, const TaskStruct& p);
// send_sig(SIGKILL, p) / the OOM killer (memdie): pending + signal_wake_up(p, fatal), which
// wakes INTERRUPTIBLE and KILLABLE sleepers, never plain UNINTERRUPTIBLE ones.
void send_fatal_signal(TaskStruct* p, bool oom_victim);

}  // namespace model
