// model/kernel/list.hpp: the kthread_create_list (include/linux/list.h) with lock-discipline checks.
#pragma once

#include <cstdint>
#include <deque>
#include <string>

#include "explorer/cell.hpp"

namespace model {

struct KthreadCreateInfo;
struct Spinlock;

using CreateEntries = std::deque<KthreadCreateInfo*>;
std::uint64_t cell_hash(const CreateEntries& entries);

// A list_head of kthread_create_info entries, and the lock that must be held to change it.
struct CreateList {
    std::string name;
    explorer::ObjectId obj = explorer::no_object;
    Spinlock* lock = nullptr;
    explorer::Cell<CreateEntries> entries;  // on obj
};

// list_add_tail(&create->list, head): changes the list (lock-discipline) and create->list.
void list_add_tail(KthreadCreateInfo* create, CreateList* head);
// list_empty(head): a read, legal without the lock (kthreadd's K2).
bool list_empty(CreateList* head);
// list_first_entry(head, ...): reads head->next; inside the step that read the list (the
// list_empty() of the loop's test), not a step of its own.
KthreadCreateInfo* list_first_entry(CreateList* head);
// list_del_init(&create->list): takes create off the list (lock-discipline).
void list_del_init(KthreadCreateInfo* create, CreateList* head);

}  // namespace model
