// model/kernel/list.cpp: the kthread_create_list operations, with lock discipline (invariant 7).
#include "model/kernel/list.hpp"

#include "model/kernel/kernel.hpp"
#include "model/kernel/sched.hpp"

namespace model {

namespace ex = explorer;

namespace {

void check_locked(const CreateList* head, const char* op) {
    if (head->lock->owner != &current()) {
        kernel().violation(Invariant::lock_discipline, current().comm + " calls " + op + " on " + head->name +
                                                           " without holding " + head->lock->name);
    }
}

}  // namespace

// include/linux/list.h: list_add_tail(&create->list, &kthread_create_list)
void list_add_tail(KthreadCreateInfo* create, CreateList* head) {
    ex::step(ex::Op{"list_add_tail", head->obj, ex::Access::write, create->block.obj});
    enter_atomic_section(head->lock);
    check_locked(head, "list_add_tail");
    touch(create->block, "create->list");
    head->entries.push_back(create);
}

// include/linux/list.h: list_empty(): READ_ONCE(head->next) == head
bool list_empty(CreateList* head) {
    ex::step("list_empty", head->obj, ex::Access::read);
    enter_atomic_section(head->lock);
    return head->entries.empty();
}

// kthreadd(): create = list_entry(kthread_create_list.next, ...); list_del_init(&create->list);
KthreadCreateInfo* list_take_first(CreateList* head) {
    KthreadCreateInfo* first = head->entries.empty() ? nullptr : head->entries.front();
    if (first == nullptr) {
        ex::step("list_empty", head->obj, ex::Access::read);  // the loop's test found it empty
        enter_atomic_section(head->lock);
        return nullptr;
    }
    ex::step(ex::Op{"list_del_init", head->obj, ex::Access::write, first->block.obj});
    enter_atomic_section(head->lock);
    check_locked(head, "list_del_init");
    KthreadCreateInfo* create = head->entries.empty() ? nullptr : head->entries.front();
    if (create != nullptr) {
        touch(create->block, "create->list");
        head->entries.pop_front();
    }
    return create;
}

}  // namespace model
