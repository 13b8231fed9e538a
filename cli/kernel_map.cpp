// cli/kernel_map.cpp: which kernel function (and file) each model operation mirrors, for show.
// Keep in step with the explorer::step() kinds in model/ (grep 'step(' model/).
#include "cli/kernel_map.hpp"

namespace cli {

namespace {

struct Entry {
    const char* op;       // exact op text; a prefix when it ends with '*'; a substring when it starts with '*'
    const char* mirrors;
};

const Entry table[] = {
    {"kmalloc", "mm/slab_common.c: kmalloc()/kzalloc()/kvasprintf() (may fail)"},
    {"kfree", "mm/slab_common.c: kfree()"},
    {"retry allocation", "mm/page_alloc.c: __alloc_pages_slowpath() retrying under OOM"},
    {"exit_mm (OOM victim)", "kernel/exit.c: exit_mm() of the OOM victim (frees its memory)"},
    {"spin_lock", "kernel/locking/spinlock.c: spin_lock(&kthread_create_lock)"},
    {"spin_unlock", "kernel/locking/spinlock.c: spin_unlock(&kthread_create_lock)"},
    {"list_add_tail", "kernel/kthread.c: __kthread_create_on_node(): list_add_tail(&create->list, ...)"},
    {"list_empty", "kernel/kthread.c: kthreadd(): list_empty(&kthread_create_list)"},
    {"list_del_init", "kernel/kthread.c: kthreadd(): list_del_init(&create->list)"},
    {"set_current_state", "include/linux/sched.h: set_current_state() (store + mb)"},
    {"__set_current_state", "include/linux/sched.h: __set_current_state() (plain store)"},
    {"schedule", "kernel/sched/core.c: schedule()"},
    {"schedule_timeout", "kernel/time/timer.c: schedule_timeout()"},
    {"wake_up_process", "kernel/sched/core.c: wake_up_process() -> try_to_wake_up()"},
    {"wake_up_state", "kernel/sched/core.c: wake_up_state() -> try_to_wake_up()"},
    {"wait_for_completion_killable", "kernel/sched/completion.c: wait_for_completion_killable()"},
    {"wait_for_completion_timeout", "kernel/sched/completion.c: wait_for_completion_timeout()"},
    {"wait_for_completion", "kernel/sched/completion.c: wait_for_completion()"},
    {"completion relock", "kernel/sched/completion.c: do_wait_for_common(): spin_lock_irq(&x->wait.lock)"},
    {"complete", "kernel/sched/completion.c: complete()"},
    {"kernel_thread", "kernel/fork.c: kernel_thread() from create_kthread() (may fail)"},
    {"send_sig(SIGKILL)", "kernel/signal.c: send_sig(SIGKILL) (the environment)"},
    {"do_exit", "kernel/exit.c: do_exit()"},
    {"xchg(&create->done, NULL)", "kernel/kthread.c: kthread()/create_kthread()/kthread_create_on_node(): xchg(&create->done, NULL)"},
    {"done = READ_ONCE(create->done)", "kernel/kthread.c: kthread() (mutation: xchg split in a read ...)"},
    {"WRITE_ONCE(create->done, NULL)", "kernel/kthread.c: kthread() (mutation: ... and a write)"},
    {"create->result = current", "kernel/kthread.c: kthread(): create->result = current"},
    {"create->result = ERR_PTR(pid)", "kernel/kthread.c: create_kthread(): fork failed"},
    {"create->result = ERR_PTR(-ENOMEM)", "kernel/kthread.c: kthread(): kzalloc(self) failed (era D)"},
    {"create->result = find_task_by_pid(pid)", "kernel/kthread.c: create_kthread() (era A)"},
    {"task = create->result", "kernel/kthread.c: __kthread_create_on_node(): task = create->result"},
    {"return create.result", "kernel/kthread.c: kthread_create() (eras A/B): return create.result"},
    {"threadfn = create->threadfn", "kernel/kthread.c: kthread(): threadfn = create->threadfn"},
    {"threadfn", "kernel/kthread.c: kthread(): ret = threadfn(data)"},
    {"read create->full_name", "kernel/kthread.c: create_kthread()/kthread(): create->full_name (era E)"},
    {"self->full_name = create->full_name", "kernel/kthread.c: kthread(): self->full_name = create->full_name (era E)"},
    {"kthread->result = result", "kernel/kthread.c: kthread_exit(): kthread->result = result (era E)"},
    {"ret = kthread->result", "kernel/kthread.c: kthread_stop(): ret = kthread->result (era E)"},
    {"set_bit(KTHREAD_SHOULD_STOP)", "kernel/kthread.c: kthread_stop(): set_bit(KTHREAD_SHOULD_STOP)"},
    {"*bit(KTHREAD_SHOULD_STOP)", "kernel/kthread.c: kthread_should_stop()/kthread(): KTHREAD_SHOULD_STOP"},
    {"*bit(KTHREAD_SHOULD_PARK)", "kernel/kthread.c: kthread_park()/kthread_unpark()/kthread_parkme(): KTHREAD_SHOULD_PARK"},
    {"*bit(KTHREAD_IS_PARKED)", "kernel/kthread.c: __kthread_parkme()/kthread_unpark(): KTHREAD_IS_PARKED"},
    {"kthread_stop_info*", "kernel/kthread.c: kthread_stop()/kthread_should_stop() (era A: one global kthread_stop_info)"},
    {"init_completion(&kthread_stop_info.done)", "kernel/kthread.c: kthread_stop() (era A)"},
    {"k->vfork_done != NULL", "kernel/kthread.c: to_kthread()/kthread_stop(): k->vfork_done (eras B/C)"},
    {"ACCESS_ONCE(k->vfork_done)", "kernel/kthread.c: kthread_stop(): ACCESS_ONCE(k->vfork_done) (eras B/C)"},
};

}  // namespace

std::string kernel_function_of(const std::string& op) {
    for (const Entry& entry : table) {
        std::string key = entry.op;
        if (!key.empty() && key.front() == '*') {
            if (op.find(key.substr(1)) != std::string::npos) {
                return entry.mirrors;
            }
        } else if (!key.empty() && key.back() == '*') {
            key.pop_back();
            if (op.compare(0, key.size(), key) == 0) {
                return entry.mirrors;
            }
        } else if (op == key) {
            return entry.mirrors;
        }
    }
    return "";
}

}  // namespace cli
