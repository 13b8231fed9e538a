// model/config.cpp: the after-creation actions: names and what they do (the one table of them).
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
}  // namespace

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
