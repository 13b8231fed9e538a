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
enum class Access : std::uint8_t { none, read, write, read_write };

const char* to_string(Access access);

// The visible action of one step. `kind` must point to a string with static storage
// (a literal): ops are copied on the hot path and compared by pointer first. `also` names
// a second object the step touches with the same access (e.g. a wake-up inside complete()).
struct Op {
    const char* kind = "";
    ObjectId object = no_object;
    Access access = Access::none;
    ObjectId also = no_object;
};

inline bool same_kind(const char* a, const char* b) {
    return a == b || std::strcmp(a, b) == 0;
}

inline bool operator==(const Op& a, const Op& b) {
    return a.object == b.object && a.also == b.also && a.access == b.access && same_kind(a.kind, b.kind);
}

inline bool writes(Access access) {
    return access == Access::write || access == Access::read_write;
}

inline bool touches(const Op& op, ObjectId object) {
    return object != no_object && (op.object == object || op.also == object);
}

// Two operations are dependent when they touch a common object and at least one writes it.
inline bool dependent(const Op& a, const Op& b) {
    bool common = touches(b, a.object) || touches(b, a.also);
    return common && (writes(a.access) || writes(b.access));
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
