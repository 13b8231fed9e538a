// model/config.cpp: the after-creation actions, the granularities and the symmetries: names and
// what they do (the one table of each).
#include "model/config.hpp"

namespace model {

namespace {
const AfterName after_names[] = {
    {AfterCreation::nothing, "nothing", "leave the new thread asleep"},
    {AfterCreation::wake, "wake", "wake_up_process(t)"},
    {AfterCreation::stop, "stop", "kthread_stop(t) before any wake-up"},
    {AfterCreation::wake_stop, "wake-stop", "wake_up_process(t); kthread_stop(t)"},
    {AfterCreation::park, "park", "kthread_park(t); kthread_unpark(t) (era-c and later)"},
};
const GranularityName granularity_names[] = {
    {Granularity::coarse, "coarse", "the reductions the model vouches for: a wake-up commutes with its target going to sleep"},
    {Granularity::fine, "fine", "every step declared as it is (the reference the coarse model is cross-checked against)"},
};
const SymmetryName symmetry_names[] = {
    {Symmetry::requesters, "requesters",
     "requesters with equal configurations queue in turn: one order of their requests per set of queuers"},
    {Symmetry::none, "none", "every order of the requests (the reference the symmetry is cross-checked against)"},
};

// The name of `value` in `table`, and the value named `text` (false: none is).
template <typename E>
const char* name_in(std::span<const Named<E>> table, E value) {
    for (const Named<E>& entry : table) {
        if (entry.value == value) {
            return entry.name;
        }
    }
    return "?";
}

template <typename E>
bool parse_in(std::span<const Named<E>> table, const std::string& text, E* value) {
    for (const Named<E>& entry : table) {
        if (text == entry.name) {
            *value = entry.value;
            return true;
        }
    }
    return false;
}
}  // namespace

std::span<const GranularityName> granularities() { return granularity_names; }
const char* to_string(Granularity granularity) { return name_in(granularities(), granularity); }
bool parse_granularity(const std::string& text, Granularity* granularity) {
    return parse_in(granularities(), text, granularity);
}

std::span<const SymmetryName> symmetries() { return symmetry_names; }
const char* to_string(Symmetry symmetry) { return name_in(symmetries(), symmetry); }
bool parse_symmetry(const std::string& text, Symmetry* symmetry) { return parse_in(symmetries(), text, symmetry); }

std::span<const AfterName> after_creation_actions() { return after_names; }
const char* to_string(AfterCreation after) { return name_in(after_creation_actions(), after); }
bool parse_after_creation(const std::string& text, AfterCreation* after) {
    return parse_in(after_creation_actions(), text, after);
}

}  // namespace model
