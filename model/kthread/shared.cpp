// model/kthread/shared.cpp: struct kthread bit operations and other pieces shared by eras.
#include "model/kthread/shared.hpp"

#include "explorer/turn.hpp"
#include "model/kernel/fork.hpp"
#include "model/kernel/sched.hpp"
#include "model/kthread/requester.hpp"

namespace model {

namespace ex = explorer;

namespace {

struct BitOps {
    const char* test;
    const char* set;
    const char* clear;
    const char* test_and_set;
    const char* test_and_clear;
    explorer::Cell<bool> Kthread::*field;
};

const BitOps bit_ops[] = {
    {"test_bit(KTHREAD_SHOULD_STOP)", "set_bit(KTHREAD_SHOULD_STOP)", "clear_bit(KTHREAD_SHOULD_STOP)",
     "test_and_set_bit(KTHREAD_SHOULD_STOP)", "test_and_clear_bit(KTHREAD_SHOULD_STOP)", &Kthread::should_stop},
    {"test_bit(KTHREAD_SHOULD_PARK)", "set_bit(KTHREAD_SHOULD_PARK)", "clear_bit(KTHREAD_SHOULD_PARK)",
     "test_and_set_bit(KTHREAD_SHOULD_PARK)", "test_and_clear_bit(KTHREAD_SHOULD_PARK)", &Kthread::should_park},
    {"test_bit(KTHREAD_IS_PARKED)", "set_bit(KTHREAD_IS_PARKED)", "clear_bit(KTHREAD_IS_PARKED)",
     "test_and_set_bit(KTHREAD_IS_PARKED)", "test_and_clear_bit(KTHREAD_IS_PARKED)", &Kthread::is_parked},
};

explorer::Cell<bool>& flag(KthreadBit bit, Kthread* kthread, const char* op, ex::Access access) {
    ex::step(ex::Op{op, kthread->bit_obj[bit], access, kthread->block.obj, ex::Access::read});
    touch(kthread->block, "kthread->flags");
    return kthread->*bit_ops[bit].field;
}

}  // namespace

bool test_bit(KthreadBit bit, Kthread* kthread) {
    return flag(bit, kthread, bit_ops[bit].test, ex::Access::read).get();
}

void set_bit(KthreadBit bit, Kthread* kthread) {
    flag(bit, kthread, bit_ops[bit].set, ex::Access::write).set(true);
}

void clear_bit(KthreadBit bit, Kthread* kthread) {
    flag(bit, kthread, bit_ops[bit].clear, ex::Access::write).set(false);
}

// An atomic read-modify-write that finds the bit already as it would leave it only tested it.
bool test_and_change_bit(KthreadBit bit, Kthread* kthread, const char* op, bool to) {
    explorer::Cell<bool>& b = flag(bit, kthread, op, ex::Access::read_write);
    bool old = b.get();
    if (old == to) {
        ex::refine(ex::Access::read, ex::Access::read);
    } else {
        b.set(to);
    }
    return old;
}

bool test_and_set_bit(KthreadBit bit, Kthread* kthread) {
    return test_and_change_bit(bit, kthread, bit_ops[bit].test_and_set, true);
}

bool test_and_clear_bit(KthreadBit bit, Kthread* kthread) {
    return test_and_change_bit(bit, kthread, bit_ops[bit].test_and_clear, false);
}

Kthread& new_kthread_struct(bool on_stack, bool live) {
    Kthreads& k = world();
    TaskStruct& cur = current();
    Kthread& self = k.kthreads.emplace_back();
    const Requester* created_for = world().thread_of(&cur)->requester;
    self.block.name = "kthread-struct@" + created_for->name;
    self.block.obj = ex::object(self.block.name);
    self.block.on_stack = on_stack;
    init_block(self.block, live);
    static const char* const bit_names[] = {".SHOULD_STOP", ".SHOULD_PARK", ".IS_PARKED"};
    for (int bit = 0; bit < 3; ++bit) {
        self.bit_obj[bit] = ex::object(self.block.name + bit_names[bit]);
        (self.*bit_ops[bit].field).create(self.bit_obj[bit], "flag", false);
    }
    self.result.create(self.block.obj, "result", 0);
    return self;
}

bool kmalloc_for(Requester* r, Block& block, const char* what) {
    if (!kmalloc(block, what)) {
        world().ghost.of(*r->task).allocation_failed = true;  // -ENOMEM is now a legal return
        return false;
    }
    return true;
}

int fork_kthread(KthreadCreateInfo* create) {
    Kthreads& k = world();
    Requester* requester = create->requester;
    int (*fn)(KthreadCreateInfo*) = k.ops.kthread;
    TaskStruct* child = nullptr;
    int pid = kernel_thread("kthread@" + requester->name, [fn, create] { fn(create); }, requester->task, &child);
    if (pid < 0) {
        k.ghost.of(*requester->task).fork_failed = true;  // the fork error is now a legal return
        return pid;
    }
    NewThread& thread = k.new_threads.emplace_back();
    thread.requester = requester;
    thread.task = child;
    k.thread_by_task[child] = &thread;
    requester->new_thread = child;
    return pid;
}

int run_threadfn_unless_stopped(Kthread* self) {
    int ret = -EINTR;
    if (!test_bit(KTHREAD_SHOULD_STOP, self)) {
        kthread_parkme(self);
        ret = threadfn();
    }
    return ret;
}

int read_exit_code(TaskStruct* k) {
    ex::step("ret = k->exit_code", k->obj, ex::Access::read);
    return k->exit_code.get();
}

void set_kthread_struct(Kthread* self) {
    TaskStruct& cur = current();
    ex::step("current->vfork_done = &self->exited", cur.obj, ex::Access::write);
    cur.kthread.publish(self);
    cur.vfork_done.set(&self->exited);
}

void init_kthread_struct(Kthread& self) {
    const std::string& who = self.block.name;
    init_completion(self.exited, "exited@" + who.substr(who.find('@') + 1), self.block);
    init_completion(self.parked, "parked@" + who.substr(who.find('@') + 1), self.block);
}

std::uint64_t cell_hash(const TaskOrErr& value) {
    return value.task != nullptr ? static_cast<std::uint64_t>(value.task->obj) + 1
                                 : static_cast<std::uint64_t>(static_cast<std::int64_t>(value.err)) << 32;
}

std::uint64_t cell_hash(Kthread* const& kthread) {
    return kthread == nullptr ? 0 : static_cast<std::uint64_t>(kthread->block.obj) + 1;
}

bool kthread_should_stop_flags() { return test_bit(KTHREAD_SHOULD_STOP, to_kthread(&current())); }

Completion* xchg_done(KthreadCreateInfo* create) {
    ex::step(create_field("xchg(&create->done, NULL)", create, CreateField::done, ex::Access::read_write));
    touch(create->block, "create->done");
    Completion* done = create->done.get();
    if (done != nullptr) {
        create->done.set(nullptr);
    }
    ex::set_result(done != nullptr ? ex::Value::object(done->obj) : ex::Value::integer(0));
    return done;
}

void store_result(KthreadCreateInfo* create, const char* kind, TaskOrErr value) {
    ex::step(create_field(kind, create, CreateField::result, ex::Access::write));
    touch(create->block, "create->result");
    create->result.set(value);
}

void sleep_until_woken() {
    TaskStruct& cur = current();
    cur.sleeping_in = "kthread: schedule() until woken";
    cur.sleeping_on = cur.obj;
    schedule();
}

void kthread_parkme(Kthread* self) {
    if (void (*parkme)(Kthread*) = world().ops.kthread_parkme) {
        parkme(self);
    }
}

void spawned_wait_for_wakeup(KthreadCreateInfo* create, Completion* done) {
    TaskStruct& cur = current();
    __set_current_state(TASK_UNINTERRUPTIBLE);
    store_result(create, "create->result = current", {&cur, 0});
    complete(done);
    sleep_until_woken();
}

void queue_in_turn(KthreadCreateInfo* create) {
    const Requester* r = create->requester;
    if (r->queue_turnstile != ex::no_object) {
        ex::take_turn(r->queue_turnstile, r->queue_turn);
    }
    world().ops.queue_request(create);
}

std::optional<TaskOrErr> queue_and_wait_killable(KthreadCreateInfo* create, Completion* done) {
    Kthreads& k = world();
    queue_in_turn(create);
    /*
     * Wait for completion in killable state, for I might be chosen by
     * the OOM killer while kthreadd is trying to allocate memory for
     * new kernel thread.
     */
    if (wait_for_completion_killable(done) != 0) {
        return k.ops.killed_while_waiting(create, done);
    }
    return std::nullopt;
}

TaskOrErr read_result(KthreadCreateInfo* create, const char* kind) {
    ex::step(create_field(kind, create, CreateField::result, ex::Access::read));
    touch(create->block, "create->result");
    return create->result.get();
}

// kernel/kthread.c: kthread_create_on_node() (2.6.31 on): queue under the lock, then wake.
void queue_request(KthreadCreateInfo* create) {
    Kthreads& k = world();
    queue_and_wake(&create->block, &k.kthread_create_list, &k.kthread_create_lock, k.kthreadd_task);
}

KthreadCreateInfo* new_create_info(Requester* r, bool on_stack) {
    KthreadCreateInfo& create = world().creates.emplace_back();
    create.block.name = "create@" + r->name;
    create.block.obj = ex::object(create.block.name);
    create.block.on_stack = on_stack;
    init_block(create.block, on_stack);
    create.requester = r;
    static const char* const fields[] = {"->threadfn", "->result", "->done", "->full_name"};
    for (std::size_t f = 0; f < 4; ++f) {
        create.field_obj[f] = ex::object(create.block.name + fields[f]);
    }
    // Unset until written (kmalloc() does not zero): reading the result before the thread or
    // kthreadd set it is a wrong return value.
    create.result.create_unset(create.field_obj[static_cast<std::size_t>(CreateField::result)], "value",
                               name_of(Invariant::valid_return));
    create.done.create(create.field_obj[static_cast<std::size_t>(CreateField::done)], "value", nullptr);
    create.full_name.create(create.field_obj[static_cast<std::size_t>(CreateField::full_name)], "value", nullptr);
    r->create = &create;
    return &create;
}

Completion* declare_completion_onstack(Requester* r) {
    r->done_frame.name = "frame@" + r->name;
    r->done_frame.on_stack = true;
    // The frame holds nothing else the protocol sees: it is one object with its completion.
    r->done_frame.obj = ex::object("done@" + r->name);
    init_block(r->done_frame, true);
    init_completion(r->done, "done@" + r->name, r->done_frame);
    return &r->done;
}

TaskOrErr leave_kthread_create(Requester* r, TaskOrErr ret) {
    if (world().config.faults.oom) {
        // No longer a candidate for the OOM killer's stall in kernel_thread() (its only reader).
        ex::step("return from kthread_create", r->task->mm_obj, ex::Access::write);
        r->task->oom_candidate.set(false);
    }
    if (r->done_frame.on_stack) {
        end_of_frame(r->done_frame);
    }
    if (r->create != nullptr && r->create->block.on_stack) {
        end_of_frame(r->create->block);
    }
    return ret;
}

}  // namespace model
