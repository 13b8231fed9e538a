// model/invariants/create_freed_once.cpp: invariant 2 at quiescence: no create or full_name leaks.
// (Double frees are reported by kfree() when they happen.)
#include "model/invariants/checks.hpp"
#include "model/kthread/world.hpp"

namespace model {

std::optional<std::string> check_create_freed_once(const Kthreads& k) {
    for (const KthreadCreateInfo& create : k.creates) {
        if (!create.block.on_stack && create.block.live.peek()) {
            return "leak: " + create.block.name + " is still allocated when every task is done";
        }
        const Block* full_name = create.full_name.peek();
        if (full_name != nullptr && full_name->live.peek() && !k.ghost.owned_by_thread(*full_name)) {
            return "leak: " + full_name->name + " is still allocated and no thread owns it";
        }
    }
    return std::nullopt;
}

}  // namespace model
