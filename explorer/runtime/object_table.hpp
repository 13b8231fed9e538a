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
class ObjectTable {
public:
    ObjectId intern(std::string_view name) {
        auto found = ids_.find(name);
        if (found != ids_.end()) {
            return found->second;
        }
        auto id = static_cast<ObjectId>(names_.size());
        names_.emplace_back(name);
        ids_.emplace(std::string(name), id);
        return id;
    }

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
    // Looked up by string_view without building a std::string (model code interns the
    // objects of every execution again).
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
    };
    std::unordered_map<std::string, ObjectId, Hash, std::equal_to<>> ids_;
    std::vector<std::string> names_;
};

}  // namespace explorer
