// model/config.cpp: the after-creation actions and the granularities: names and what they do
// (the one table of each).
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
}  // namespace

std::span<const GranularityName> granularities() { return granularity_names; }

const char* to_string(Granularity granularity) {
    for (const GranularityName& entry : granularity_names) {
        if (entry.granularity == granularity) {
            return entry.name;
        }
    }
    return "?";
}

bool parse_granularity(const std::string& text, Granularity* granularity) {
    for (const GranularityName& entry : granularity_names) {
        if (text == entry.name) {
            *granularity = entry.granularity;
            return true;
        }
    }
    return false;
}

std::span<const AfterName> after_creation_actions() { return after_names; }

const char* to_string(AfterCreation after) {
    for (const AfterName& entry : after_names) {
        if (entry.after == after) {
            return entry.name;
        }
    }
    return "?";
}

bool parse_after_creation(const std::string& text, AfterCreation* after) {
    for (const AfterName& entry : after_names) {
        if (text == entry.name) {
            *after = entry.after;
            return true;
        }
    }
    return false;
}

}  // namespace model
