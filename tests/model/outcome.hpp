// tests/model/outcome.hpp: what one execution of the real model program did for requester0,
// in the terms of protocol.md's outcome table (eras C-E), read at quiescence.
#pragma once

#include <atomic>
#include <cerrno>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "explorer/explorer.hpp"
#include "model/config.hpp"
#include "model/kthread/world.hpp"
#include "model/program.hpp"

namespace ktc_test {

struct Outcome {
    std::string ret;           // "task", "-EINTR", "-ENOMEM", "-EAGAIN", "no return", "other task"
    std::string create_freed;  // Block::freed_by of create, "never allocated" or "leaked"
    std::string completed_by;  // Completion::completed_by of the requester's done, "nobody"
    // When the requester got its fatal signal, relative to complete(done): "none",
    // "before complete", "after complete", or "no complete".
    std::string signal;
    // The requester's path after its killable wait: "wait ok" (it succeeded), "xchg won"
    // (returned -EINTR), "xchg lost + uninterruptible wait".
    std::string path;
    bool kzalloc_failed = false;   // era D: kthread()'s kzalloc(struct kthread) failed
    bool kmalloc_failed = false;   // the requester's kmalloc(create) failed (nothing queued)
    bool kvasprintf_failed = false;  // era E: the requester's kvasprintf(full_name) failed

    std::string key() const {
        std::string k = "ret=" + ret + " | freed by " + create_freed + " | completed by " + completed_by +
                        " | signal " + signal + " | " + path;
        if (kzalloc_failed) k += " | kzalloc(self) failed";
        if (kmalloc_failed) k += " | kmalloc(create) failed";
        if (kvasprintf_failed) k += " | kvasprintf failed";
        return k;
    }
};

// Reads requester0's outcome off the kernel and the execution's events.
inline Outcome read_outcome(const model::Kthreads& k) {
    using namespace model;
    namespace ex = explorer;
    const ex::Execution& execution = *ex::Execution::current();
    const Requester& r = k.requesters.front();
    Outcome o;
    if (!r.returned) {
        o.ret = "no return";
    } else if (!r.ret.is_err()) {
        o.ret = r.ret.task == r.new_thread ? "task" : "other task";
    } else {
        switch (-r.ret.err) {
            case EINTR: o.ret = "-EINTR"; break;
            case ENOMEM: o.ret = "-ENOMEM"; break;
            case EAGAIN: o.ret = "-EAGAIN"; break;
            default: o.ret = std::to_string(r.ret.err);
        }
    }
    const KthreadCreateInfo* create = r.create;
    if (create == nullptr) {
        o.create_freed = "never allocated";
    } else if (create->block.live.peek()) {
        o.create_freed = "leaked";
    } else if (create->block.freed_by.empty()) {
        o.create_freed = "never allocated";
        o.kmalloc_failed = true;
    } else {
        o.create_freed = create->block.freed_by;
    }
    o.completed_by = r.done.completed_by.empty() ? "nobody" : r.done.completed_by;
    for (const Kthread& kt : k.kthreads) {
        if (!kt.block.on_stack && !kt.block.live.peek() && kt.block.freed_by.empty()) {
            o.kzalloc_failed = true;
        }
    }
    if (create != nullptr && create->full_name.peek() == nullptr) {
        for (const Block& b : k.blocks) {
            if (b.name == "full_name@" + r.name && !b.live.peek() && b.freed_by.empty()) {
                o.kvasprintf_failed = true;
            }
        }
    }
    // The events: the signal's step, complete(done)'s step, the requester's xchg and waits.
    const auto& events = execution.events();
    const std::string signal_task = "signal@" + r.name;
    const ex::ObjectId done_obj = r.done.obj;
    std::optional<std::size_t> signal_at;
    std::optional<std::size_t> complete_at;
    bool xchg = false;
    bool xchg_won = false;
    bool uninterruptible_wait = false;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const ex::Event& e = events[i];
        const std::string& who = execution.task(e.task).name;
        const std::string op = e.op.kind;
        if (who == signal_task && op == "send_sig(SIGKILL)") {
            signal_at = i;
        } else if (op == "complete" && e.op.object == done_obj) {
            complete_at = i;
        } else if (who == r.name && op == "xchg(&create->done, NULL)") {
            xchg = true;
            xchg_won = e.result.kind == ex::Value::Kind::object;
        } else if (who == r.name && op == "wait_for_completion" && e.op.object == done_obj) {
            uninterruptible_wait = true;
        }
    }
    if (!k.ghost.of(*r.task).got_fatal_signal) {
        o.signal = "none";
    } else if (!complete_at) {
        o.signal = "no complete";
    } else {
        o.signal = *signal_at < *complete_at ? "before complete" : "after complete";
    }
    if (!xchg) {
        o.path = "wait ok";
    } else if (xchg_won) {
        o.path = "xchg won";
    } else {
        o.path = uninterruptible_wait ? "xchg lost + uninterruptible wait" : "xchg lost, no wait (!)";
    }
    return o;
}

// The rows of protocol.md's "Outcomes (eras C-E)" table, as predicates over an outcome.
enum class Row { normal, fork_fails, killed_before_xchg, killed_after_xchg, signal_after_complete, d_kzalloc_fails };

inline const char* row_name(Row row) {
    switch (row) {
        case Row::normal: return "normal";
        case Row::fork_fails: return "fork fails, requester waiting";
        case Row::killed_before_xchg: return "killed before the other side's xchg";
        case Row::killed_after_xchg: return "killed after the other side's xchg, before complete";
        case Row::signal_after_complete: return "fatal signal after complete";
        case Row::d_kzalloc_fails: return "D only: kzalloc(self) fails";
    }
    return "?";
}

inline const std::string new_thread = "kthread@requester0";
inline const std::string requester = "requester0";

// `other` narrows a row with alternatives: killed_before_xchg: who freed create (the new
// thread or kthreadd); killed_after_xchg: what was returned ("task", "-EAGAIN", ...).
inline bool matches(const Outcome& o, Row row, const std::string& other = "") {
    const bool no_alloc_failure = !o.kzalloc_failed && !o.kmalloc_failed && !o.kvasprintf_failed;
    switch (row) {
        case Row::normal:
            return o.signal == "none" && o.path == "wait ok" && o.ret == "task" && o.create_freed == requester &&
                   o.completed_by == new_thread && no_alloc_failure;
        case Row::fork_fails:
            return o.signal == "none" && o.path == "wait ok" && o.ret == "-EAGAIN" && o.create_freed == requester &&
                   o.completed_by == "kthreadd" && no_alloc_failure;
        case Row::killed_before_xchg:
            return o.path == "xchg won" && o.ret == "-EINTR" && o.completed_by == "nobody" &&
                   (o.create_freed == new_thread || o.create_freed == "kthreadd") &&
                   (other.empty() || o.create_freed == other);
        case Row::killed_after_xchg: {
            const std::string& other_side = o.ret == "task" || o.kzalloc_failed ? new_thread : "kthreadd";
            return o.path == "xchg lost + uninterruptible wait" && o.ret != "-EINTR" && o.ret != "no return" &&
                   o.create_freed == requester && o.completed_by == other_side && (other.empty() || o.ret == other);
        }
        case Row::signal_after_complete:
            return o.signal == "after complete" && o.path == "wait ok" && o.ret == "task" &&
                   o.create_freed == requester && o.completed_by == new_thread && no_alloc_failure;
        case Row::d_kzalloc_fails:
            return o.signal == "none" && o.path == "wait ok" && o.ret == "-ENOMEM" && o.kzalloc_failed &&
                   o.create_freed == requester && o.completed_by == new_thread;
    }
    return false;
}

// Explores `config` (dfs) with a final check that records every execution's outcome; stops
// as soon as `stop` (if given) matches one. Every outcome seen, with its count, is returned.
struct OutcomeRun {
    explorer::Report report;
    std::map<std::string, std::uint64_t> outcomes;  // by key, with the number of executions
    std::map<std::string, Outcome> by_key;          // one outcome per key
    std::optional<Outcome> found;  // the first outcome `stop` matched
    std::optional<Outcome> last;   // the last execution's outcome
};

inline OutcomeRun explore_outcomes(const model::ModelConfig& config, std::function<bool(const Outcome&)> stop = {},
                                   std::uint64_t max_executions = 200'000, explorer::Strategy* strategy = nullptr) {
    struct Shared {
        std::map<std::string, std::uint64_t> outcomes;
        std::map<std::string, Outcome> by_key;
        std::optional<Outcome> found;
        std::optional<Outcome> last;
        std::atomic<bool> interrupt{false};
    };
    auto shared = std::make_shared<Shared>();
    explorer::Program inner = model::build_program(config);
    explorer::Program program = [inner, shared, stop] {
        inner();
        explorer::at_end("outcome", [shared, stop]() -> std::optional<std::string> {
            Outcome o = read_outcome(model::world());
            ++shared->outcomes[o.key()];
            shared->by_key.emplace(o.key(), o);
            shared->last = o;
            if (stop && !shared->found && stop(o)) {
                shared->found = o;
                shared->interrupt = true;
            }
            return std::nullopt;
        });
    };
    explorer::Options options;
    options.max_executions = max_executions;
    options.interrupt = &shared->interrupt;
    OutcomeRun run;
    run.report = strategy != nullptr ? explorer::explore(program, *strategy, options) : explorer::explore(program, options);
    run.outcomes = shared->outcomes;
    run.by_key = shared->by_key;
    run.found = shared->found;
    run.last = shared->last;
    return run;
}

}  // namespace ktc_test
