// model/program.cpp: builds the per-execution kernel: tasks, fault sources and quiescence checks.
#include "model/program.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "model/kthread/world.hpp"
#include "model/kernel/signal.hpp"
#include "model/kthread/kthreadd.hpp"
#include "model/invariants/checks.hpp"
#include "model/kthread/requester.hpp"
#include "model/outcome.hpp"

namespace model {

namespace {

namespace ex = explorer;

// A requester's turn among its interchangeable twins (model/kthread/shared.cpp: queue_in_turn).
struct QueueTurn {
    std::size_t group = 0;  // the index of the group's first requester (its turnstile's name)
    std::uint32_t rank = 0;
};

// What every execution of one configuration shares: the resolved variant and ops table, and
// each requester's queue turn (none: no twin, or symmetry off).
struct Resolved {
    ModelConfig config;
    const Variant* variant = nullptr;
    KthreadOps ops{};
    std::vector<std::optional<QueueTurn>> queue_turns;
};

// The environment's fatal signal to `r`: one step, at any point of the execution.
void fatal_signal_source(Requester* r) {
    ex::step("send_sig(SIGKILL)", r->task->obj, ex::Access::read_write);
    send_fatal_signal(r->task, false);
}

// Requesters with equal configurations are interchangeable: the same code, their own objects
// and signal source, and nothing in the kernel, the protocol or the checks tells them apart but
// by name (the kmalloc and fork fault budgets are counts). Each group queues in turn, in
// index order (docs/model.md, "Symmetry").
std::vector<std::optional<QueueTurn>> queue_turns(const std::vector<RequesterConfig>& requesters) {
    std::vector<std::optional<QueueTurn>> turns(requesters.size());
    for (std::size_t i = 0; i < requesters.size(); ++i) {
        QueueTurn turn{i, 0};
        bool twin = false;
        for (std::size_t j = 0; j < requesters.size(); ++j) {
            if (j != i && requesters[j] == requesters[i]) {
                twin = true;
                if (j < i) {
                    turn.group = std::min(turn.group, j);
                    ++turn.rank;
                }
            }
        }
        if (twin) {
            turns[i] = turn;
        }
    }
    return turns;
}

void setup(const std::shared_ptr<const Resolved>& resolved) {
    auto kernel = std::make_shared<Kthreads>(resolved->config, *resolved->variant, resolved->ops);
    Kernel::set_current(kernel.get());
    Kthreads& k = *kernel;
    // Each task's closure co-owns the kernel: it lives until the explorer drops the tasks.
    k.kthreadd_task = k.spawn("kthreadd", [kernel] { kthreadd(); }, /*daemon=*/true);
    k.kthreadd_task->wakeups_watched = false;  // no check counts kthreadd's wake-ups (model/ghost.hpp)
    for (std::size_t i = 0; i < resolved->config.requesters.size(); ++i) {
        Requester& r = k.requesters.emplace_back();
        r.name = requester_name(i);
        r.config = resolved->config.requesters[i];
        r.task = k.spawn(r.name, [kernel, &r] { requester_main(&r); }, /*daemon=*/false);
        // Inside kthread_create() from the start: a victim the OOM stall may choose.
        r.task->oom_candidate.create(r.task->mm_obj, "oom_candidate", true);
        if (const std::optional<QueueTurn>& turn = resolved->queue_turns[i]) {
            r.queue_turnstile = ex::object("queue turns@" + requester_name(turn->group));
            r.queue_turn = turn->rank;
        }
    }
    for (Requester& r : k.requesters) {
        if (r.config.fatal_signal) {
            TaskStruct* source = k.spawn("signal@" + r.name, [kernel, &r] { fatal_signal_source(&r); }, /*daemon=*/false);
            // Its one step may land anywhere: dpor runs the protocol first and lets the races
            // place the signal (a search order, not a restriction: docs/model.md, "Search order").
            ex::schedule_last(source->tid);
        }
    }
    ex::outcome([kernel] { return describe_outcome(*kernel); });
    for (const QuiescenceEntry& entry : quiescence_checks()) {
        if (k.checking(entry.invariant)) {
            ex::at_end(name_of(entry.invariant), [kernel, check = entry.check] { return check(*kernel); });
        }
    }
}

}  // namespace

std::optional<std::string> validate(const ModelConfig& config) {
    const Variant* variant = find_variant(config.variant);
    if (variant == nullptr) {
        return "unknown variant \"" + config.variant + "\"";
    }
    for (const std::string& name : config.mutations) {
        const Mutation* mutation = find_mutation(name);
        if (mutation == nullptr) {
            return "unknown mutation \"" + name + "\"";
        }
        if (!mutation->applies_to(*variant)) {
            return "mutation \"" + name + "\" does not apply to " + variant->name;
        }
    }
    for (const std::string& name : config.invariants) {
        Invariant invariant;
        if (!invariant_by_name(name, &invariant)) {
            return "unknown invariant \"" + name + "\"";
        }
    }
    if (config.requesters.empty()) {
        return "at least one requester is needed";
    }
    if (config.requesters.size() > 8) {
        return "at most 8 requesters";
    }
    for (std::size_t i = 0; i < config.requesters.size(); ++i) {
        if (config.requesters[i].after == AfterCreation::park && !variant->has_park) {
            return "requester " + std::to_string(i) + ": " + variant->name + " has no kthread_park()";
        }
    }
    return std::nullopt;
}

explorer::Program build_program(const ModelConfig& config) {
    auto resolved = std::make_shared<Resolved>();
    resolved->config = config;
    resolved->variant = find_variant(config.variant);
    if (resolved->variant == nullptr) {
        throw std::invalid_argument(*validate(config));
    }
    resolved->ops = resolved->variant->ops;
    resolved->queue_turns.resize(config.requesters.size());
    if (config.symmetry == Symmetry::requesters) {
        resolved->queue_turns = queue_turns(config.requesters);
    }
    for (const std::string& name : config.mutations) {
        find_mutation(name)->apply(resolved->ops, *resolved->variant);
    }
    std::shared_ptr<const Resolved> shared = resolved;
    return [shared] { setup(shared); };
}

}  // namespace model
