// explorer/trace/trace.hpp: an execution written with stable names, the input and record of replay.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "explorer/failure.hpp"
#include "explorer/op.hpp"

namespace explorer {

// One step: the task that ran (input), the data choices made during it (input), and what
// was observed (op, object, access, result), which replay checks.
struct TraceStep {
    std::string task;
    std::string op;
    std::string object;  // empty: no object
    std::string also;    // a second object the step touches; empty: none
    Access access = Access::none;
    std::vector<std::size_t> choices;
    std::string result;  // empty: no result recorded
    std::string lock;    // the lock it takes or holds (explorer/lock.hpp); empty: none

    bool operator==(const TraceStep&) const = default;
};

struct Trace {
    std::vector<TraceStep> steps;
    std::optional<Failure> failure;
};

// Where a re-execution first differs from its record, or nullopt when it matches.
std::optional<std::string> first_difference(const std::vector<TraceStep>& recorded,
                                            const std::vector<TraceStep>& observed,
                                            std::size_t* step_index);

}  // namespace explorer
