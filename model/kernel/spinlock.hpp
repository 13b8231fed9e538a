// model/kernel/spinlock.hpp: spinlock_t, on the explorer's locks (explorer/lock.hpp decides how a
// section maps onto steps: lock; op; unlock is one step, a section that steps inside is several).
#pragma once

#include <string>

#include "explorer/op.hpp"

namespace model {

struct Spinlock {
    std::string name;
    explorer::ObjectId obj = explorer::no_object;
};

// include/linux/spinlock.h: spin_lock(): taken at the caller's next step; a contended
// acquire spins (sleeps, in the explorer's sense) until spin_unlock() and tries again.
void spin_lock(Spinlock* lock);
// include/linux/spinlock.h: spin_unlock(): released inside the running step.
void spin_unlock(Spinlock* lock);
// Whether the running task holds `lock`.
bool spin_is_held_by_current(const Spinlock* lock);

}  // namespace model
