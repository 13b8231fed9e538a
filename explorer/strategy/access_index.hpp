// explorer/strategy/access_index.hpp: per object, the steps of one execution that touched it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "explorer/op.hpp"

namespace explorer {

// Lets race analysis visit only the earlier steps that share an object with a step, instead
// of every earlier step. Objects are indexed by id below the size of the object table; an op
// naming another id is not indexed (its caller then scans every step).
class AccessIndex {
public:
    void reset(std::size_t objects) {
        for (ObjectId id : touched_) {
            steps_[id].clear();
        }
        touched_.clear();
        if (steps_.size() < objects) {
            steps_.resize(objects);
        }
        objects_ = objects;
    }

    bool indexes(const Op& op) const { return known(op.object) && known(op.also); }

    // Calls visit(i) for each earlier step i on op's accessed objects, latest first, once each.
    template <typename Visit>
    void for_each_before(const Op& op, Visit&& visit) const {
        const std::vector<std::uint32_t>* a = touches(op.object, op.access) ? &steps_[op.object] : nullptr;
        const std::vector<std::uint32_t>* b =
            op.also != op.object && touches(op.also, op.also_access) ? &steps_[op.also] : nullptr;
        std::size_t ia = a != nullptr ? a->size() : 0;
        std::size_t ib = b != nullptr ? b->size() : 0;
        while (ia != 0 || ib != 0) {
            std::uint32_t next;
            if (ib == 0 || (ia != 0 && (*a)[ia - 1] > (*b)[ib - 1])) {
                next = (*a)[--ia];
            } else if (ia == 0 || (*b)[ib - 1] > (*a)[ia - 1]) {
                next = (*b)[--ib];
            } else {
                next = (*a)[--ia];  // on both objects: once
                --ib;
            }
            visit(next);
        }
    }

    void add(const Op& op, std::uint32_t step) {
        if (touches(op.object, op.access)) {
            push(op.object, step);
        }
        if (op.also != op.object && touches(op.also, op.also_access)) {
            push(op.also, step);
        }
    }

private:
    bool known(ObjectId id) const { return id == no_object || id < objects_; }
    bool touches(ObjectId id, Access access) const {
        return id != no_object && id < objects_ && access != Access::none;
    }
    void push(ObjectId id, std::uint32_t step) {
        if (steps_[id].empty()) {
            touched_.push_back(id);
        }
        steps_[id].push_back(step);
    }

    std::vector<std::vector<std::uint32_t>> steps_;
    std::vector<ObjectId> touched_;
    std::size_t objects_ = 0;
};

}  // namespace explorer
