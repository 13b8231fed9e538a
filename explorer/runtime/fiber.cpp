// explorer/runtime/fiber.cpp: stack pool and fiber start-up.
#include "explorer/runtime/fiber.hpp"

#include <sys/mman.h>

#include <cstdlib>
#include <new>
#include <stdexcept>

#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define KTC_STACK_REGISTER(lo, hi) VALGRIND_STACK_REGISTER(lo, hi)
#define KTC_STACK_DEREGISTER(id) VALGRIND_STACK_DEREGISTER(id)
#else
#define KTC_STACK_REGISTER(lo, hi) 0u
#define KTC_STACK_DEREGISTER(id) ((void)(id))
#endif

namespace explorer {

namespace {
constexpr std::size_t page = 4096;
}

StackPool::StackPool(std::size_t stack_size) : stack_size_((stack_size + page - 1) / page * page + page) {}

StackPool::~StackPool() {
    for (const Stack& stack : all_) {
        KTC_STACK_DEREGISTER(stack.valgrind_id);
        ::mprotect(stack.base, page, PROT_READ | PROT_WRITE);  // back to the allocator as it came
        std::free(stack.base);
    }
}

boost::context::stack_context StackPool::take() {
    if (free_.empty()) {
        void* base = std::aligned_alloc(page, stack_size_);
        if (base == nullptr) {
            throw std::bad_alloc();
        }
        if (::mprotect(base, page, PROT_NONE) != 0) {  // the guard page; stacks grow down towards it
            std::free(base);
            throw std::runtime_error("cannot protect a fiber stack's guard page (mprotect failed)");
        }
        char* top = static_cast<char*>(base) + stack_size_;
        // valgrind must know these are stacks, or every switch looks like a wild SP change.
        unsigned id = KTC_STACK_REGISTER(static_cast<char*>(base) + page, top);
        all_.push_back({base, id});
        free_.reserve(all_.size());
        boost::context::stack_context stack;
        stack.size = stack_size_ - page;
        stack.sp = top;
        return stack;
    }
    boost::context::stack_context stack = free_.back();
    free_.pop_back();
    return stack;
}

void StackPool::give(boost::context::stack_context stack) noexcept {
    free_.push_back(stack);  // never allocates: take() reserved room for every stack
}

Fiber::~Fiber() {
    // Destroying a suspended fiber would force-unwind it with an exception that our task
    // bodies might swallow; the owner guarantees every fiber ran to its end.
    if (!done()) {
        std::abort();
    }
}

void Fiber::start(StackPool& pool, Entry entry, void* argument) {
    task_side_ = boost::context::fiber(
        std::allocator_arg, PoolAllocator{&pool},
        [this, entry, argument](boost::context::fiber&& scheduler) {
            scheduler_side_ = std::move(scheduler);
            entry(argument);
            return std::move(scheduler_side_);
        });
}

}  // namespace explorer
