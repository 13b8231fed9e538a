// model/kernel/list.hpp: a list_head (include/linux/list.h) whose entries are objects (their
// blocks), with the lock that must be held to change it (lock-discipline checks).
#pragma once

#include <cstdint>
#include <deque>
#include <string>

#include "explorer/cell.hpp"
#include "model/kernel/heap.hpp"

namespace model {

struct Spinlock;

using ListEntries = std::deque<Block*>;
std::uint64_t cell_hash(const ListEntries& entries);

// A list_head, and the lock that must be held to change it. An entry is the block of the
// object its list_head is embedded in (list_entry() is the caller's container_of()).
struct ListHead {
    std::string name;
    explorer::ObjectId obj = explorer::no_object;
    Spinlock* lock = nullptr;
    explorer::Cell<ListEntries> entries;  // on obj
};

// list_add_tail(&entry->list, head): changes the list (lock-discipline) and entry->list.
void list_add_tail(Block* entry, ListHead* head);
// list_add_tail()'s effect inside a step the caller declared (the head written). With
// `entry_private` the entry is its caller's own, reachable by no other task yet: its liveness
// is checked unrecorded (touch_unrecorded()), so the step need not declare its block.
void list_add_tail_in_step(Block* entry, ListHead* head, const char* op, bool entry_private);
// list_empty(head): a read, legal without the lock (kthreadd's K2).
bool list_empty(ListHead* head);
// head->next's entry: read inside the step that read the list (the list_empty() of the
// loop's test), not a step of its own.
Block* list_first(ListHead* head);
// list_del_init(&entry->list): takes the entry off the list (lock-discipline).
void list_del_init(Block* entry, ListHead* head);

}  // namespace model
