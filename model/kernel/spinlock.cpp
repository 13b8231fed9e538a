// model/kernel/spinlock.cpp: spin_lock()/spin_unlock() (include/linux/spinlock.h).
#include "model/kernel/spinlock.hpp"

#include <stdexcept>

#include "model/kernel/kernel.hpp"
#include "model/kernel/sched.hpp"

namespace model {

namespace ex = explorer;

// A contended acquire spins; nothing it reads changes until the owner releases, so the
// spinner sleeps (in the explorer's sense) until spin_unlock() and then tries again.
void spin_lock(Spinlock* lock) {
    TaskStruct& cur = current();
    if (lock->atomic_sections) {
        cur.entering = lock;  // taken at the section's step (the acquire moves right)
        return;
    }
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

void enter_atomic_section(Spinlock* lock) {
    TaskStruct& cur = current();
    if (lock == nullptr || cur.entering != lock) {
        return;
    }
    cur.entering = nullptr;
    if (lock->owner != nullptr) {
        throw std::logic_error(lock->name + " is held by " + lock->owner->comm +
                               " at a scheduling point, but its sections are declared atomic");
    }
    lock->owner = &cur;
    lock->taken_at = ex::current_step();
}

void spin_unlock(Spinlock* lock) {
    if (lock->atomic_sections) {
        TaskStruct& cur = current();
        if (lock->owner != &cur || lock->taken_at != ex::current_step()) {
            // A section that stepped inside, or an unlock without its lock: the reduction
            // would be unsound, so this is a fault of the model, not a finding.
            throw std::logic_error(cur.comm + " leaves a section of " + lock->name +
                                   " that was not one step; its sections are declared atomic");
        }
        lock->owner = nullptr;
        return;
    }
    ex::step("spin_unlock", lock->obj, ex::Access::write);
    lock->owner = nullptr;
    for (TaskStruct* spinner : lock->spinners) {
        ex::wake(spinner->tid);
    }
    lock->spinners.clear();
}

}  // namespace model
