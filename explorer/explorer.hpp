// explorer/explorer.hpp: the public entry: explore a program, replay a trace, read the report.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "explorer/api.hpp"
#include "explorer/failure.hpp"
#include "explorer/strategy/strategy.hpp"
#include "explorer/trace/trace.hpp"

namespace explorer {

struct Options {
    std::uint64_t max_steps = 10'000;      // per execution; more is a step-bound failure
    std::uint64_t max_executions = 0;      // 0: no limit
    bool keep_going = false;               // collect distinct failures instead of stopping
    std::size_t stack_size = 128 * 1024;   // per task
    const std::atomic<bool>* interrupt = nullptr;  // set it to stop between executions
    // Called after every `progress_every` executions (0: never), e.g. for a progress line.
    std::uint64_t progress_every = 0;
    std::function<void(std::uint64_t executions, std::uint64_t steps)> progress;
    bool collect_outcomes = false;  // fill Report::outcomes (cross-checks between strategies)
};

// A distinct failure and the execution that showed it (the shortest one when keep_going).
struct Finding {
    Failure failure;
    Trace trace;
    std::uint64_t execution = 0;  // 0-based index of the execution that found it
};

struct Report {
    std::string strategy;
    std::uint64_t executions = 0;       // complete executions (pruned ones not counted)
    std::uint64_t pruned = 0;           // executions cut short as redundant (dpor: sleep-set blocked; any
                                        // strategy: ended with a step waiting for a turn, explorer/turn.hpp)
    std::uint64_t steps = 0;            // scheduling points over all executions, pruned ones included
    std::uint64_t failed_executions = 0;
    std::uint64_t finished_tasks = 0;   // tasks that had finished when their execution ended
    std::uint64_t blocked_tasks = 0;    // tasks blocked when their execution ended (daemons too)
    std::vector<Finding> findings;      // in the order first found
    bool complete = false;      // the strategy ran out of executions (exhaustive for dfs)
    std::string incomplete;     // why a strategy that ran out is still not complete
    bool interrupted = false;
    SearchStats search;         // stateful strategies: states, transitions, bytes
    // With Options::collect_outcomes: each distinct outcome (explorer::outcome()) of a complete
    // execution, with the first trace that reached it.
    std::map<std::string, Trace> outcomes;
    double seconds = 0;         // the only timing field: everything else is deterministic

    bool passed() const { return findings.empty(); }
};

Report explore(const Program& program, Strategy& strategy, const Options& options = {});
// Exhaustive depth-first exploration.
Report explore(const Program& program, const Options& options = {});

struct ReplayResult {
    Trace trace;  // what this re-execution did (and its failure, if any)
    // Set when the re-execution departed from the record: the step and how.
    std::optional<std::string> divergence;
    std::size_t divergence_step = 0;
};

// Re-executes `recorded` exactly: the same tasks at each step, the same data choices, and
// checks each observed op and result against the record.
ReplayResult replay(const Program& program, const Trace& recorded, const Options& options = {});

}  // namespace explorer
