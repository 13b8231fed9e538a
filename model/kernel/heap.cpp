// model/kernel/heap.cpp: shadow heap checks (mm/slab.c semantics as the protocol sees them).
#include "model/kernel/heap.hpp"

#include "model/kernel/kernel.hpp"
#include "model/kernel/sched.hpp"

namespace model {

namespace {

std::string death_of(const Block& block) {
    if (block.freed_by.empty()) {
        return "before it was allocated";
    }
    if (block.on_stack) {
        return "after its frame returned (" + block.freed_by + ", step " + std::to_string(block.freed_at) + ")";
    }
    return "after it was freed by " + block.freed_by + " at step " + std::to_string(block.freed_at);
}

}  // namespace

bool kmalloc(Block& block, const char* what) {
    explorer::step("kmalloc", block.obj, explorer::Access::write);
    if (kernel().inject_kmalloc_failure(what)) {
        return false;
    }
    block.live = true;
    return true;
}

void kfree(Block* block) {
    if (block == nullptr) {
        return;  // kfree(NULL) is a no-op
    }
    explorer::step("kfree", block->obj, explorer::Access::write);
    Kernel& k = kernel();
    if (block->on_stack) {
        k.violation(Invariant::create_freed_once, current().comm + " kfree()s " + block->name + ", which is on a stack");
    } else if (!block->live) {
        k.violation(Invariant::create_freed_once, "double free: " + current().comm + " frees " + block->name + " " +
                                                      death_of(*block));
        return;
    }
    block->live = false;
    block->freed_by = current().comm;
    block->freed_at = explorer::current_step();
}

void touch(const Block& block, const char* field) {
    if (!block.live) {
        kernel().violation(Invariant::no_use_after_free,
                           current().comm + " accesses " + field + " of " + block.name + " " + death_of(block));
    }
}

void end_of_frame(Block& block) {
    block.live = false;
    block.freed_by = current().comm + " returned";
    block.freed_at = explorer::current_step();
}

}  // namespace model
