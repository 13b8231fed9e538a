// model/kthread/kthreadd.hpp: kthreadd(), the same loop in every era, and its two halves.
#pragma once

namespace model {

// kernel/kthread.c: kthreadd(): take requests off kthread_create_list, create_kthread() each.
void kthreadd();
// K1-K3 as every era writes them: set_current_state(TASK_INTERRUPTIBLE);
// if (list_empty(&kthread_create_list)) schedule(); __set_current_state(TASK_RUNNING);
void kthreadd_wait_for_work();
// K4-K5: under kthread_create_lock, while (!list_empty()) take the first request, drop the
// lock, create_kthread() it, retake the lock.
void kthreadd_create_requests();

}  // namespace model
