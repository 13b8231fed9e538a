// model/config.hpp: what one model run is made of (variant, mutations, requesters, faults, checks).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace model {

// What a requester does with the task kthread_create() returned (nothing on an error).
enum class AfterCreation : std::uint8_t {
    nothing,    // leave it asleep
    wake,       // wake_up_process(t)
    stop,       // kthread_stop(t) before any wake-up
    wake_stop,  // wake_up_process(t); kthread_stop(t)
    park,       // kthread_park(t); kthread_unpark(t)
};

const char* to_string(AfterCreation after);
struct AfterName {
    AfterCreation after;
    const char* name;
    const char* summary;
};
std::span<const AfterName> after_creation_actions();  // in the order `ktcheck list` shows them
bool parse_after_creation(const std::string& text, AfterCreation* after);

struct RequesterConfig {
    bool fatal_signal = false;  // the environment may deliver one fatal signal, at any point
    AfterCreation after = AfterCreation::wake;
};

struct Faults {
    bool fork_failure = false;     // kernel_thread() may fail
    bool kmalloc_failure = false;  // kmalloc/kzalloc/kvasprintf may fail
    bool oom = false;              // kthreadd may block allocating while the OOM killer kills its requester
    unsigned max_fork_failures = 1;
    unsigned max_kmalloc_failures = 1;
};

struct ModelConfig {
    std::string variant = "era-e";
    std::vector<std::string> mutations;
    std::vector<RequesterConfig> requesters{RequesterConfig{}};
    Faults faults;
    std::vector<std::string> invariants;  // empty: every invariant
};

}  // namespace model
