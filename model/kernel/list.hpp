// model/kernel/list.hpp: the kthread_create_list (include/linux/list.h) with lock-discipline checks.
#pragma once

#include <deque>
#include <string>

#include "explorer/op.hpp"

namespace model {

struct KthreadCreateInfo;
struct Spinlock;

// A list_head of kthread_create_info entries, and the lock that must be held to change it.
struct CreateList {
    std::string name;
    explorer::ObjectId obj = explorer::no_object;
    Spinlock* lock = nullptr;
    std::deque<KthreadCreateInfo*> entries;
};

// list_add_tail(&create->list, head): changes the list (lock-discipline) and create->list.
void list_add_tail(KthreadCreateInfo* create, CreateList* head);
// list_empty(head): a read, legal without the lock (kthreadd's K2).
bool list_empty(CreateList* head);
// list_entry(head->next, ...) + list_del_init(&create->list): kthreadd takes the first request.
KthreadCreateInfo* list_take_first(CreateList* head);

}  // namespace model
