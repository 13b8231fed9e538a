// explorer/op.hpp: the operation a task declares at a scheduling point, and what it observed.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>

namespace explorer {

using TaskId = std::uint32_t;
using ObjectId = std::uint32_t;

inline constexpr ObjectId no_object = std::numeric_limits<ObjectId>::max();
inline constexpr TaskId no_task = std::numeric_limits<TaskId>::max();

// How an operation touches its object; partial-order reduction derives dependency from it.
// Conditional independence the model vouches for (docs/model.md argues it, the cross-checks
// test it): `wake` (a read-write: a wake-up of a task) and `sleep` (a read-write: that task's
// step going to sleep, writing no state word) commute; `sleep_check` (a read: the task's step
// that would have slept found itself woken) is ordered after the wake-up it saw, but that
// order is never reversed, because reversed it is the sleep and the wake-up, the same state.
// The model declares `wake` for try_to_wake_up() and refines schedule() to the other two.
enum class Access : std::uint8_t { none, read, write, read_write, wake, sleep, sleep_check };
inline constexpr Access last_access = Access::sleep_check;  // every value is <= it

const char* to_string(Access access);

// The visible action of one step. `kind` must point to a string with static storage
// (a literal): ops are copied on the hot path and compared by pointer first. `also` names
// a second object the step may touch (e.g. the waiter a complete() wakes). A declared op
// over-approximates; once the step ran, refine() may narrow it to what it really did.
// `lock` is filled by the explorer, never by model code: the lock (explorer/lock.hpp) the
// task acquires at this step (`acquires`) or holds during it. So is `turn`: the turnstile
// (explorer/turn.hpp) whose next turn this step takes.
struct Op {
    const char* kind = "";
    ObjectId object = no_object;
    Access access = Access::none;
    ObjectId also = no_object;
    Access also_access = Access::read_write;
    ObjectId lock = no_object;
    Access lock_access = Access::none;
    bool acquires = false;
    ObjectId turn = no_object;
};

inline bool same_kind(const char* a, const char* b) {
    return a == b || std::strcmp(a, b) == 0;
}

inline bool operator==(const Op& a, const Op& b) {
    return a.object == b.object && a.also == b.also && a.access == b.access && a.also_access == b.also_access &&
           a.lock == b.lock && a.lock_access == b.lock_access && a.acquires == b.acquires && a.turn == b.turn &&
           same_kind(a.kind, b.kind);
}

inline bool writes(Access access) {
    return access == Access::write || access == Access::read_write || access == Access::wake ||
           access == Access::sleep;
}

inline bool commute(Access a, Access b) {
    return (a == Access::wake && b == Access::sleep) || (a == Access::sleep && b == Access::wake);
}

inline bool conflict(ObjectId x, Access ax, ObjectId y, Access ay) {
    return x != no_object && x == y && ax != Access::none && ay != Access::none && (writes(ax) || writes(ay)) &&
           !commute(ax, ay);
}

inline bool conflict_any(ObjectId x, Access ax, const Op& b) {
    return conflict(x, ax, b.object, b.access) || conflict(x, ax, b.also, b.also_access) ||
           conflict(x, ax, b.lock, b.lock_access);
}

// Two operations are dependent when they touch a common object and one of them writes it.
inline bool dependent(const Op& a, const Op& b) {
    return conflict_any(a.object, a.access, b) || conflict_any(a.also, a.also_access, b) ||
           (a.lock != no_object && conflict_any(a.lock, a.lock_access, b));
}

// A step that found its task woken by `earlier` (a wake-up of that task): dependent (it
// happens after it), but not a race to reverse (reversed, it is a sleep and that wake-up) —
// unless the two also conflict on another of their objects: that conflict is a race of its own.
inline bool saw_wake(const Op& earlier, const Op& later) {
    if (earlier.object == no_object || earlier.object != later.object || earlier.access != Access::wake ||
        later.access != Access::sleep_check) {
        return false;
    }
    const bool other = conflict(earlier.object, earlier.access, later.also, later.also_access) ||
                       conflict(earlier.object, earlier.access, later.lock, later.lock_access) ||
                       conflict_any(earlier.also, earlier.also_access, later) ||
                       conflict_any(earlier.lock, earlier.lock_access, later);
    return !other;
}

// Two steps that did not conflict as they ran (refined ops `ra`, `rb`) but would as declared
// (`da`, `db`) on some object where neither's narrowed access is a commutation the model
// vouches for (a wake-up with its target's sleep, or a sleep that found itself woken): one of
// them narrowed itself because of the state it ran in (a wait that found its completion done
// and touched nothing of its task), and in the other order it may do all it declared. dpor
// reverses such a pair like a race (explorer/strategy/dpor.cpp).
// (Only `object` and `also` can be narrowed: a lock's access is the explorer's, never refined.)
inline bool narrowed_race(const Op& da, const Op& ra, const Op& db, const Op& rb) {
    const ObjectId a_objects[] = {da.object, da.also};
    const Access a_declared[] = {da.access, da.also_access};
    const Access a_did[] = {ra.access, ra.also_access};
    const ObjectId b_objects[] = {db.object, db.also};
    const Access b_declared[] = {db.access, db.also_access};
    const Access b_did[] = {rb.access, rb.also_access};
    auto vouched = [](Access x) { return x == Access::wake || x == Access::sleep || x == Access::sleep_check; };
    for (int s = 0; s < 2; ++s) {
        for (int t = 0; t < 2; ++t) {
            if (!conflict(a_objects[s], a_declared[s], b_objects[t], b_declared[t]) ||
                conflict(a_objects[s], a_did[s], b_objects[t], b_did[t])) {
                continue;
            }
            if (!vouched(a_did[s]) && !vouched(b_did[t])) {
                return true;
            }
        }
    }
    return false;
}

// Whether `declared` allows `did` (write covers read: for dependency a write conflicts
// with everything a read does).
inline bool covers(Access declared, Access did) {
    if (did == Access::none) {
        return true;
    }
    if (did == Access::read) {
        return declared != Access::none;
    }
    return writes(declared);
}

inline Access combine(Access a, Access b) {
    auto reads = [](Access x) { return x != Access::none && x != Access::write; };
    bool r = reads(a) || reads(b);
    bool w = writes(a) || writes(b);
    return w ? (r ? Access::read_write : Access::write) : (r ? Access::read : Access::none);
}

// An observed result of a step: nothing, a number, or an object (rendered by name).
struct Value {
    enum class Kind : std::uint8_t { none, integer, object };
    Kind kind = Kind::none;
    std::int64_t number = 0;

    static Value integer(std::int64_t n) { return {Kind::integer, n}; }
    static Value object(ObjectId id) { return {Kind::object, static_cast<std::int64_t>(id)}; }
};

}  // namespace explorer
