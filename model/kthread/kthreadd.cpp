// model/kthread/kthreadd.cpp: kthreadd() (kernel/kthread.c, unchanged from 2.6.22 to 6.x).
#include "model/kthread/kthreadd.hpp"

#include "model/kthread/world.hpp"
#include "model/kernel/sched.hpp"

namespace model {

void kthreadd_wait_for_work() {
    Kthreads& k = world();
    TaskStruct& cur = current();
    set_current_state(TASK_INTERRUPTIBLE);               // K1
    cur.sleeping_in = "kthreadd: schedule()";
    cur.sleeping_on = k.kthread_create_list.obj;
    schedule_if_list_empty(&k.kthread_create_list);      // K2: if (list_empty()) (no lock) schedule();
    __set_current_state(TASK_RUNNING);                   // K3
}

void kthreadd_create_requests() {
    Kthreads& k = world();
    spin_lock(&k.kthread_create_lock);                   // K4
    while (!list_empty(&k.kthread_create_list)) {
        KthreadCreateInfo* create = list_first_entry(&k.kthread_create_list);
        list_del_init(&create->block, &k.kthread_create_list);
        spin_unlock(&k.kthread_create_lock);
        k.ops.create_kthread(create);
        spin_lock(&k.kthread_create_lock);
    }
    spin_unlock(&k.kthread_create_lock);                 // K5
}

// kernel/kthread.c: kthreadd()
void kthreadd() {
    Kthreads& k = world();
    current().ignores_signals = true;  // ignore_signals(tsk)
    for (;;) {
        k.ops.kthreadd_wait_for_work();
        k.ops.kthreadd_create_requests();
    }
}

}  // namespace model
