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

// One row of a table of named values: the after-creation actions, the granularities.
template <typename E>
struct Named {
    E value;
    const char* name;
    const char* summary;
};
using AfterName = Named<AfterCreation>;

template <typename E>
std::vector<std::string> names_of(std::span<const Named<E>> table) {
    std::vector<std::string> names;
    for (const Named<E>& entry : table) {
        names.emplace_back(entry.name);
    }
    return names;
}

const char* to_string(AfterCreation after);
std::span<const AfterName> after_creation_actions();  // in the order `ktcheck list` shows them
bool parse_after_creation(const std::string& text, AfterCreation* after);

// How finely the model declares its steps. `coarse` (the default) uses the reductions the
// model vouches for (docs/model.md, "Granularity"); `fine` declares every step as it is, the
// reference the coarse model is cross-checked against (same verdicts, same outcomes).
enum class Granularity : std::uint8_t { coarse, fine };

using GranularityName = Named<Granularity>;

const char* to_string(Granularity granularity);
std::span<const GranularityName> granularities();  // in the order `ktcheck list` shows them
bool parse_granularity(const std::string& text, Granularity* granularity);

// Whether interchangeable requesters (equal configurations) are explored up to renaming.
// `requesters` (the default): their queueing takes turns (explorer/turn.hpp), so one order of
// their requests on kthread_create_list is explored for each set of requesters that queue, and
// every verdict is kept (docs/model.md, "Symmetry"); `none`: every order, the reference.
enum class Symmetry : std::uint8_t { requesters, none };

using SymmetryName = Named<Symmetry>;

const char* to_string(Symmetry symmetry);
std::span<const SymmetryName> symmetries();  // in the order `ktcheck list` shows them
bool parse_symmetry(const std::string& text, Symmetry* symmetry);

struct RequesterConfig {
    bool fatal_signal = false;  // the environment may deliver one fatal signal, at any point
    AfterCreation after = AfterCreation::wake;

    friend bool operator==(const RequesterConfig&, const RequesterConfig&) = default;
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
    Granularity granularity = Granularity::coarse;
    Symmetry symmetry = Symmetry::requesters;
};

}  // namespace model
