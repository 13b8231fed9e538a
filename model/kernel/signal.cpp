// model/kernel/signal.cpp: fatal signal delivery and the tests that see it.
#include "model/kernel/signal.hpp"

#include "model/kernel/kernel.hpp"
#include "model/kernel/wake.hpp"

namespace model {

// include/linux/sched/signal.h: fatal_signal_pending()
bool fatal_signal_pending(const TaskStruct& p) { return p.fatal_signal.get(); }

// include/linux/sched/signal.h: signal_pending_state(); the model's signals are all fatal.
bool signal_pending_state(unsigned state, const TaskStruct& p) {
    if ((state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)) == 0) {
        return false;
    }
    return p.fatal_signal.get();
}

// kernel/signal.c: complete_signal() for SIGKILL -> sigaddset + signal_wake_up(t, 1), which
// is signal_wake_up_state(t, TASK_WAKEKILL) -> wake_up_state(t, state | TASK_INTERRUPTIBLE).
// mm/oom_kill.c: mark_oom_victim() sets TIF_MEMDIE before the kill.
void send_fatal_signal(TaskStruct* p, bool oom_victim) {
    if (p->ignores_signals || p->exited.get()) {
        return;
    }
    if (oom_victim) {
        p->memdie.set(true);
        p->oom_victim.set(true);
    }
    p->fatal_signal.set(true);
    kernel().events().fatal_signal_delivered(*p);
    ttwu(p, TASK_WAKEKILL | TASK_INTERRUPTIBLE);
}

}  // namespace model
