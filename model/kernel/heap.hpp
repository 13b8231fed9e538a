// model/kernel/heap.hpp: a shadow heap: kmalloc/kfree with double-free, use-after-free and leak checks.
#pragma once

#include <cstdint>
#include <string>

#include <vector>

#include "explorer/cell.hpp"
#include "explorer/op.hpp"

namespace model {

struct Completion;

// What every allocated (or on-stack) object carries: its name, its shadow state and the
// explorer object its accesses are declared on. Freed blocks are never reused, so a late
// access is always detected.
struct Block {
    std::string name;
    explorer::ObjectId obj = explorer::no_object;
    bool on_stack = false;       // dies when its frame returns; never kfree'd
    explorer::Cell<bool> live;   // on obj: kmalloc()/kfree() and a frame's end write it, every access reads it
    std::vector<Completion*> completions;  // those init_completion() put in it: they die with it
    std::string freed_by;        // who freed it (or whose frame returned)
    std::uint64_t freed_at = 0;  // the step that did
};

// mm/slab.c: kmalloc(): a scheduling point on the block; it may fail when the scenario's
// kmalloc fault source allows it (a data choice). Returns false on failure.
bool kmalloc(Block& block, const char* what);
// mm/slab.c: kfree(): a scheduling point; a freed or on-stack block is a violation.
void kfree(Block* block);
// Every access to a field of a block goes through this (inside the step that declares it):
// a freed block is a use after free.
void touch(const Block& block, const char* field);
// The same check, unrecorded (Cell::peek()): only for a block no other task can reach yet.
void touch_unrecorded(const Block& block, const char* field);
// The frame owning an on-stack block returns: later accesses are uses after return. Its own
// steps (one per two objects: the block's, its completions'), so that every later access races
// with it where it does.
void end_of_frame(Block& block);
// A block comes to exist (setup, or in the step that allocates it): `live` as given.
void init_block(Block& block, bool live);

}  // namespace model
