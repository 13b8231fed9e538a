// model/kernel/heap.cpp: shadow heap checks (mm/slab.c semantics as the protocol sees them).
#include "model/kernel/heap.hpp"

#include "model/kernel/completion.hpp"
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
    block.live.set(true);
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
    } else if (!block->live.get()) {
        k.violation(Invariant::create_freed_once, "double free: " + current().comm + " frees " + block->name + " " +
                                                      death_of(*block));
        return;
    }
    if (!block->completions.empty()) {
        explorer::model_fault("kfree(" + block->name + "): it holds completions, which kfree() does not kill "
                              "(end_of_frame() does): model such a free with their deaths declared");
    }
    block->live.set(false);
    block->freed_by = current().comm;
    block->freed_at = explorer::current_step();
}

namespace {

void use_after_free_unless(bool live, const Block& block, const char* field) {
    if (!live) {
        kernel().violation(Invariant::no_use_after_free,
                           current().comm + " accesses " + field + " of " + block.name + " " + death_of(block));
    }
}

}  // namespace

void touch(const Block& block, const char* field) { use_after_free_unless(block.live.get(), block, field); }

void touch_unrecorded(const Block& block, const char* field) { use_after_free_unless(block.live.peek(), block, field); }

void init_block(Block& block, bool live) { block.live.create(block.obj, "live", live); }

void end_of_frame(Block& block) {
    std::vector<explorer::ObjectId> dying{block.obj};
    for (const Completion* x : block.completions) {
        if (x->obj != block.obj) {
            dying.push_back(x->obj);
        }
    }
    for (std::size_t i = 0; i < dying.size(); i += 2) {
        explorer::ObjectId also = i + 1 < dying.size() ? dying[i + 1] : explorer::no_object;
        explorer::step(explorer::Op{"end of frame", dying[i], explorer::Access::write, also,
                                    also == explorer::no_object ? explorer::Access::none : explorer::Access::write});
        if (i == 0) {
            block.live.set(false);
            block.freed_by = current().comm + " returned";
            block.freed_at = explorer::current_step();
        }
        for (Completion* x : block.completions) {
            if (x->obj == dying[i] || x->obj == also) {
                x->alive.set(false);
            }
        }
    }
}

}  // namespace model
