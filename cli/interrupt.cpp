// cli/interrupt.cpp: SIGINT sets a flag the explorer polls between executions.
#include "cli/interrupt.hpp"

#include <csignal>

namespace cli {

namespace {

std::atomic<bool> interrupt_flag{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the flag is set from a signal handler");

extern "C" void on_sigint(int) { interrupt_flag.store(true, std::memory_order_relaxed); }

}  // namespace

const std::atomic<bool>* install_interrupt_handler() {
    struct sigaction action {};
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = static_cast<int>(SA_RESETHAND);  // the second Ctrl-C is not caught
    sigaction(SIGINT, &action, nullptr);
    return &interrupt_flag;
}

bool interrupted() { return interrupt_flag.load(std::memory_order_relaxed); }

}  // namespace cli
