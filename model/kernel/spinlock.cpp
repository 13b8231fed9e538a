// model/kernel/spinlock.cpp: spin_lock()/spin_unlock() (include/linux/spinlock.h).
#include "model/kernel/spinlock.hpp"

#include "model/kernel/kernel.hpp"
#include "model/kernel/sched.hpp"

namespace model {

namespace ex = explorer;

// A contended acquire spins; nothing it reads changes until the owner releases, so the
// spinner sleeps (in the explorer's sense) until spin_unlock() and then tries again.
void spin_lock(Spinlock* lock) {
    TaskStruct& cur = current();
    while (true) {
        ex::step("spin_lock", lock->obj, ex::Access::read_write);
        if (lock->owner == nullptr) {
            lock->owner = &cur;
            return;
        }
        ex::refine(ex::Access::read, ex::Access::none);  // found it held: only tested it
        lock->spinners.push_back(&cur);
        ex::block("spin_lock", lock->obj);
    }
}

void spin_unlock(Spinlock* lock) {
    ex::step("spin_unlock", lock->obj, ex::Access::write);
    lock->owner = nullptr;
    for (TaskStruct* spinner : lock->spinners) {
        ex::wake(spinner->tid);
    }
    lock->spinners.clear();
}

}  // namespace model
