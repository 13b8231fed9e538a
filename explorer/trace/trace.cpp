// explorer/trace/trace.cpp: comparing a re-execution with its record.
#include "explorer/trace/trace.hpp"

namespace explorer {

namespace {

std::string describe(const TraceStep& step) {
    std::string text = step.task + " " + step.op;
    if (!step.object.empty()) {
        text += "(" + step.object + (step.also.empty() ? "" : ", " + step.also) + ")";
    }
    if (!step.lock.empty()) {
        text += " [" + step.lock + "]";
    }
    text += std::string(" ") + to_string(step.access);
    if (!step.choices.empty()) {
        text += " choice";
        for (std::size_t value : step.choices) {
            text += " " + std::to_string(value);
        }
    }
    if (!step.result.empty()) {
        text += " -> " + step.result;
    }
    return text;
}

}  // namespace

std::optional<std::string> first_difference(const std::vector<TraceStep>& recorded,
                                            const std::vector<TraceStep>& observed,
                                            std::size_t* step_index) {
    std::size_t common = std::min(recorded.size(), observed.size());
    for (std::size_t i = 0; i < common; ++i) {
        if (!(recorded[i] == observed[i])) {
            *step_index = i;
            return "step " + std::to_string(i) + ": recorded " + describe(recorded[i]) +
                   ", observed " + describe(observed[i]);
        }
    }
    if (recorded.size() != observed.size()) {
        *step_index = common;
        return "the record has " + std::to_string(recorded.size()) + " steps, the re-execution " +
               std::to_string(observed.size());
    }
    return std::nullopt;
}

}  // namespace explorer
