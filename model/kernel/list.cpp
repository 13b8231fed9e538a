// model/kernel/list.cpp: list operations with lock discipline (invariant 7).
#include "model/kernel/list.hpp"

#include <algorithm>

#include "model/kernel/kernel.hpp"
#include "model/kernel/sched.hpp"

namespace model {

namespace ex = explorer;

namespace {

void check_locked(const ListHead* head, const char* op) {
    if (!spin_is_held_by_current(head->lock)) {
        kernel().violation(Invariant::lock_discipline, current().comm + " calls " + op + " on " + head->name +
                                                           " without holding " + head->lock->name);
    }
}

}  // namespace

std::uint64_t cell_hash(const ListEntries& entries) {
    std::uint64_t h = entries.size();
    for (const Block* entry : entries) {
        h = ex::mix64(h ^ (static_cast<std::uint64_t>(entry->obj) + 1));
    }
    return h;
}

// The list's links are the head's cell (its entries), so a list operation writes the head and
// only reads the entry's block (that it is live): list_del_init() and the owner's
// xchg(&create->done) commute, as they do in the kernel (different fields).

// include/linux/list.h: list_add_tail(&entry->list, head)
void list_add_tail(Block* entry, ListHead* head) {
    ex::step(ex::Op{"list_add_tail", head->obj, ex::Access::write, entry->obj, ex::Access::read});
    list_add_tail_in_step(entry, head, "list_add_tail", /*entry_private=*/false);
}

void list_add_tail_in_step(Block* entry, ListHead* head, const char* op, bool entry_private) {
    check_locked(head, op);
    if (entry_private) {
        touch_unrecorded(*entry, "->list");
    } else {
        touch(*entry, "->list");
    }
    head->entries.modify([entry](ListEntries& entries) { entries.push_back(entry); });
}

// include/linux/list.h: list_empty(): READ_ONCE(head->next) == head
bool list_empty(ListHead* head) {
    ex::step("list_empty", head->obj, ex::Access::read);
    return head->entries.get().empty();
}

// include/linux/list.h: head->next
Block* list_first(ListHead* head) {
    const ListEntries& entries = head->entries.get();
    if (entries.empty()) {
        ex::model_fault("the first entry of the empty " + head->name);
    }
    return entries.front();
}

// include/linux/list.h: list_del_init(&entry->list)
void list_del_init(Block* entry, ListHead* head) {
    ex::step(ex::Op{"list_del_init", head->obj, ex::Access::write, entry->obj, ex::Access::read});
    check_locked(head, "list_del_init");
    touch(*entry, "->list");
    head->entries.modify([entry](ListEntries& entries) {
        auto at = std::find(entries.begin(), entries.end(), entry);
        if (at != entries.end()) {
            entries.erase(at);
        }
    });
}

}  // namespace model
