// explorer/runtime/fiber.hpp: a task's coroutine; the only file that includes Boost.Context.
#pragma once

#include <cstddef>
#include <vector>

#include <boost/context/fiber.hpp>

namespace explorer {

// A pool of equally sized stacks reused across executions: a malloc'd or guard-paged
// stack per execution costs far more than the execution itself. Each stack's lowest page is
// a guard (no access), paid once per stack: an overflow faults (the crash guard reports it)
// instead of writing over the heap.
class StackPool {
public:
    explicit StackPool(std::size_t stack_size);
    ~StackPool();
    StackPool(const StackPool&) = delete;
    StackPool& operator=(const StackPool&) = delete;

    boost::context::stack_context take();
    void give(boost::context::stack_context stack) noexcept;

private:
    struct Stack {
        void* base;
        unsigned valgrind_id;
    };
    std::size_t stack_size_;
    std::vector<Stack> all_;
    std::vector<boost::context::stack_context> free_;
};

// One coroutine. start() prepares it, resume() runs it until it calls suspend() or its
// entry returns. Contract: a Fiber is destroyed only when done(); abandoned tasks are
// unwound by their owner (cancel flag), never destroyed suspended.
class Fiber {
public:
    using Entry = void (*)(void* argument);

    Fiber() = default;
    Fiber(const Fiber&) = delete;
    Fiber& operator=(const Fiber&) = delete;
    ~Fiber();

    void start(StackPool& pool, Entry entry, void* argument);

    // From the scheduler: run the fiber until it suspends or finishes.
    void resume() { task_side_ = std::move(task_side_).resume(); }
    // From inside the fiber: give control back to the scheduler.
    void suspend() { scheduler_side_ = std::move(scheduler_side_).resume(); }

    bool done() const { return !task_side_; }

private:
    struct PoolAllocator {
        StackPool* pool;
        boost::context::stack_context allocate() { return pool->take(); }
        void deallocate(boost::context::stack_context& stack) noexcept { pool->give(stack); }
    };

    boost::context::fiber task_side_;
    boost::context::fiber scheduler_side_;
};

}  // namespace explorer
