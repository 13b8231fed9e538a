// explorer/lock.hpp: mutual exclusion the explorer implements, so that it (not the model) decides
// how a critical section maps onto steps.
#pragma once

#include "explorer/api.hpp"

namespace explorer {

// lock(): the acquire moves right to the task's next step (Lipton: an acquire commutes with
// every later step of other tasks up to that point), which takes the lock and declares it;
// while another task holds it, that step is disabled (the task is not ready, and waiting is
// no event: blocked attempts are neither explored nor races). unlock(): the release moves left into the running step (a release commutes with
// every earlier step of other tasks); every step of a task holding a lock declares it, so the
// release is never undeclared. So lock; op; unlock is one step, a section with steps inside
// is several (held in between), and an empty section (lock; unlock) is one step of its own.
// One lock at a time per task: taking a second one is a model fault.
inline void lock(ObjectId lock) { detail::here().lock(lock); }
inline void unlock(ObjectId lock) { detail::here().unlock(lock); }
inline TaskId lock_owner(ObjectId lock) { return detail::here().lock_owner(lock); }
inline bool holds(ObjectId lock) { return lock_owner(lock) == self(); }

}  // namespace explorer
