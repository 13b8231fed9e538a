// model/kernel/spinlock.cpp: spin_lock()/spin_unlock() (include/linux/spinlock.h) on explorer locks.
#include "model/kernel/spinlock.hpp"

#include "explorer/lock.hpp"

namespace model {

void spin_lock(Spinlock* lock) { explorer::lock(lock->obj); }

void spin_unlock(Spinlock* lock) { explorer::unlock(lock->obj); }

bool spin_is_held_by_current(const Spinlock* lock) { return explorer::holds(lock->obj); }

}  // namespace model
