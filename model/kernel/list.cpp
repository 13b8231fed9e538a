// model/kernel/list.cpp: the kthread_create_list operations, with lock discipline (invariant 7).
#include "model/kernel/list.hpp"

#include <algorithm>

#include "model/kernel/kernel.hpp"
#include "model/kernel/sched.hpp"

namespace model {

namespace ex = explorer;

namespace {

void check_locked(const CreateList* head, const char* op) {
    if (!spin_is_held_by_current(head->lock)) {
        kernel().violation(Invariant::lock_discipline, current().comm + " calls " + op + " on " + head->name +
                                                           " without holding " + head->lock->name);
    }
}

}  // namespace

std::uint64_t cell_hash(const CreateEntries& entries) {
    std::uint64_t h = entries.size();
    for (const KthreadCreateInfo* create : entries) {
        h = ex::mix64(h ^ (static_cast<std::uint64_t>(create->block.obj) + 1));
    }
    return h;
}

// include/linux/list.h: list_add_tail(&create->list, &kthread_create_list)
void list_add_tail(KthreadCreateInfo* create, CreateList* head) {
    ex::step(ex::Op{"list_add_tail", head->obj, ex::Access::write, create->block.obj});
    check_locked(head, "list_add_tail");
    touch(create->block, "create->list");
    head->entries.modify([create](CreateEntries& entries) { entries.push_back(create); });
}

// include/linux/list.h: list_empty(): READ_ONCE(head->next) == head
bool list_empty(CreateList* head) {
    ex::step("list_empty", head->obj, ex::Access::read);
    return head->entries.get().empty();
}

// include/linux/list.h: list_first_entry(): container_of(head->next, ...)
KthreadCreateInfo* list_first_entry(CreateList* head) {
    const CreateEntries& entries = head->entries.get();
    if (entries.empty()) {
        ex::model_fault("list_first_entry() of the empty " + head->name);
    }
    return entries.front();
}

// include/linux/list.h: list_del_init(&create->list)
void list_del_init(KthreadCreateInfo* create, CreateList* head) {
    ex::step(ex::Op{"list_del_init", head->obj, ex::Access::write, create->block.obj});
    check_locked(head, "list_del_init");
    touch(create->block, "create->list");
    head->entries.modify([create](CreateEntries& entries) {
        auto at = std::find(entries.begin(), entries.end(), create);
        if (at != entries.end()) {
            entries.erase(at);
        }
    });
}

}  // namespace model
