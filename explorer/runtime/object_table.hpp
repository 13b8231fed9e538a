// explorer/runtime/object_table.hpp: stable names <-> small ids for the objects ops touch.
#pragma once

#include <functional>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include "explorer/op.hpp"

namespace explorer {

// Ids are handed out in first-seen order and kept across executions, so the same name has
// the same id in every execution of one exploration (dependency is computed on ids).
// Executions intern their objects again, mostly in the order the previous one did: each call
// first compares with the name interned at the same position last time (no hashing), and
// looks the name up only when that differs.
class ObjectTable {
public:
    ObjectId intern(std::string_view name) {
        if (cursor_ < order_.size() && names_[order_[cursor_]] == name) {
            return order_[cursor_++];
        }
        ObjectId id = lookup(name);
        if (cursor_ < order_.size()) {
            order_[cursor_] = id;
        } else {
            order_.push_back(id);
        }
        ++cursor_;
        return id;
    }
    // A new execution interns from the start of the previous one's order.
    void rewind() { cursor_ = 0; }

    std::size_t size() const { return names_.size(); }

    const std::string& name(ObjectId id) const {
        static const std::string none;
        return id < names_.size() ? names_[id] : none;
    }
    // The same without a function-local static (its first use takes a guard): the crash
    // guard's signal handler reads names through this.
    std::string_view view(ObjectId id) const noexcept {
        return id < names_.size() ? std::string_view(names_[id]) : std::string_view();
    }

private:
    ObjectId lookup(std::string_view name) {
        auto found = ids_.find(name);
        if (found != ids_.end()) {
            return found->second;
        }
        auto id = static_cast<ObjectId>(names_.size());
        names_.emplace_back(name);
        ids_.emplace(std::string(name), id);
        return id;
    }

    // Looked up by string_view without building a std::string (model code interns the
    // objects of every execution again).
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
    };
    std::unordered_map<std::string, ObjectId, Hash, std::equal_to<>> ids_;
    std::vector<std::string> names_;
    std::vector<ObjectId> order_;  // the ids interned by the previous execution, in call order
    std::size_t cursor_ = 0;
};

}  // namespace explorer
