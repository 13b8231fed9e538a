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

    // Forgets the steps from `steps` on (a later execution shares only the steps before it).
    void truncate(std::uint32_t steps) {
        std::size_t kept = 0;
        for (ObjectId id : touched_) {
            std::vector<std::uint32_t>& list = steps_[id];
            while (!list.empty() && list.back() >= steps) {
                list.pop_back();
            }
            if (!list.empty()) {
                touched_[kept++] = id;
            }
        }
        touched_.resize(kept);
    }

    bool indexes(const Op& op) const { return known(op.object) && known(op.also) && known(op.lock); }

    // Calls visit(i) for each earlier step i on op's accessed objects, latest first, once each.
    template <typename Visit>
    void for_each_before(const Op& op, Visit&& visit) const {
        const std::vector<std::uint32_t>* lists[3];
        std::size_t at[3];
        std::size_t n = 0;
        auto take = [&](ObjectId id, Access access) {
            if (!touches(id, access)) {
                return;
            }
            for (std::size_t k = 0; k < n; ++k) {
                if (lists[k] == &steps_[id]) {
                    return;  // the same object in two slots: once
                }
            }
            lists[n] = &steps_[id];
            at[n] = steps_[id].size();
            ++n;
        };
        take(op.object, op.access);
        take(op.also, op.also_access);
        take(op.lock, op.lock_access);
        while (true) {
            std::size_t best = n;
            for (std::size_t k = 0; k < n; ++k) {
                if (at[k] != 0 && (best == n || (*lists[k])[at[k] - 1] > (*lists[best])[at[best] - 1])) {
                    best = k;
                }
            }
            if (best == n) {
                return;
            }
            std::uint32_t next = (*lists[best])[--at[best]];
            for (std::size_t k = 0; k < n; ++k) {
                if (at[k] != 0 && (*lists[k])[at[k] - 1] == next) {
                    --at[k];  // a step on several of these objects: visited once
                }
            }
            visit(next);
        }
    }

    // Steps are added in increasing order: an object named in two slots (the same lock as
    // object, say) is indexed once, whichever of its slots has the access.
    void add(const Op& op, std::uint32_t step) {
        if (touches(op.object, op.access)) {
            push(op.object, step);
        }
        if (touches(op.also, op.also_access)) {
            push(op.also, step);
        }
        if (touches(op.lock, op.lock_access)) {
            push(op.lock, step);
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
        } else if (steps_[id].back() == step) {
            return;
        }
        steps_[id].push_back(step);
    }

    std::vector<std::vector<std::uint32_t>> steps_;
    std::vector<ObjectId> touched_;
    std::size_t objects_ = 0;
};

}  // namespace explorer
