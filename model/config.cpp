// model/config.cpp: names of the after-creation actions.
#include "model/config.hpp"

namespace model {

namespace {
struct AfterName {
    AfterCreation after;
    const char* name;
};
const AfterName after_names[] = {
    {AfterCreation::nothing, "nothing"},     {AfterCreation::wake, "wake"},
    {AfterCreation::stop, "stop"},           {AfterCreation::wake_stop, "wake-stop"},
    {AfterCreation::park, "park"},
};
}  // namespace

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
