// explorer/explorer.cpp: the top loop: executions under a strategy, findings, replay.
#include "explorer/explorer.hpp"

#include <chrono>
#include <map>

#include "explorer/runtime/fiber.hpp"
#include "explorer/strategy/dfs.hpp"
#include "explorer/strategy/replay.hpp"

namespace explorer {

namespace {

// What one exploration owns: stacks and object names outlive every execution.
struct Runtime {
    explicit Runtime(const Options& options)
        : stacks(options.stack_size), execution(stacks, objects, options.max_steps) {}
    StackPool stacks;
    ObjectTable objects;
    Execution execution;
};

}  // namespace

Report explore(const Program& program, Strategy& strategy, const Options& options) {
    auto start = std::chrono::steady_clock::now();
    Report report;
    report.strategy = strategy.name();
    Runtime runtime(options);
    Execution& execution = runtime.execution;
    execution.set_continue_after_failure(options.keep_going && strategy.explores_past_failures());
    execution.set_describe_outcomes(options.collect_outcomes);
    std::map<std::string, std::size_t> seen;  // failure key -> index in findings
    while (true) {
        if (options.interrupt != nullptr && options.interrupt->load(std::memory_order_relaxed)) {
            report.interrupted = true;
            break;
        }
        if (options.max_executions != 0 && report.executions >= options.max_executions) {
            break;
        }
        if (!strategy.begin_execution()) {
            report.incomplete = strategy.incomplete();
            report.complete = report.incomplete.empty();
            break;
        }
        execution.set_index(report.executions);
        execution.run(program, strategy);
        strategy.end_execution(execution);
        report.steps += execution.events().size();
        if (execution.pruned() && !execution.failure()) {
            ++report.pruned;
            continue;  // (a failure found before the continuation was pruned still counts)
        }
        ++report.executions;
        if (options.collect_outcomes) {
            std::string outcome = execution.failure() ? "fail " + execution.failure()->key() : execution.outcome();
            if (report.outcomes.find(outcome) == report.outcomes.end()) {
                report.outcomes.emplace(std::move(outcome), execution.trace());
            }
        }
        report.finished_tasks += execution.finished_at_end();
        report.blocked_tasks += execution.blocked_at_end();
        if (options.progress && options.progress_every != 0 &&
            report.executions % options.progress_every == 0) {
            options.progress(report.executions, report.steps);
        }
        if (!execution.failure()) {
            continue;
        }
        ++report.failed_executions;
        const Failure& failure = *execution.failure();
        auto [it, inserted] = seen.emplace(failure.key(), report.findings.size());
        if (inserted) {
            report.findings.push_back({failure, execution.trace(), report.executions - 1});
        } else if (failure.step + 1 < report.findings[it->second].trace.steps.size()) {  // a shorter trace
            report.findings[it->second] = {failure, execution.trace(), report.executions - 1};
        }
        // After nondeterminism the search space itself is unreliable: never go on.
        if (!options.keep_going || failure.kind == FailureKind::nondeterminism) {
            break;
        }
    }
    report.search = strategy.stats();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

Report explore(const Program& program, const Options& options) {
    DfsStrategy dfs;
    return explore(program, dfs, options);
}

ReplayResult replay(const Program& program, const Trace& recorded, const Options& options) {
    Options once = options;
    once.max_steps = std::max<std::uint64_t>(options.max_steps, recorded.steps.size());
    Runtime runtime(once);
    ReplayStrategy strategy(recorded.steps);
    // A recorded fault of the model may have been met running on past an invariant's failure.
    runtime.execution.set_continue_after_failure(recorded.failure && is_internal(recorded.failure->kind));
    strategy.begin_execution();
    runtime.execution.run(program, strategy);
    ReplayResult result;
    result.trace = runtime.execution.trace();
    std::size_t step = 0;
    if (auto difference = first_difference(recorded.steps, result.trace.steps, &step)) {
        result.divergence = std::move(difference);
        result.divergence_step = step;
    } else if (result.trace.failure && result.trace.failure->kind == FailureKind::nondeterminism) {
        result.divergence = result.trace.failure->message;
        result.divergence_step = result.trace.failure->step;
    }
    return result;
}

}  // namespace explorer
