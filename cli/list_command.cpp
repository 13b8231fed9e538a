// cli/list_command.cpp: `ktcheck list`: variants, mutations, invariants, strategies, one line each.
#include <cstdio>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "explorer/failure.hpp"
#include "explorer/strategy/registry.hpp"
#include "model/invariant.hpp"
#include "model/kthread/protocol.hpp"

namespace cli {

namespace {

void item(const std::string& name, const std::string& text) {
    std::printf("  %-32s %s\n", name.c_str(), text.c_str());
}

}  // namespace

int run_list() {
    std::printf("variants (protocol eras):\n");
    for (const model::Variant* v : model::variants()) {
        std::string text = std::string("[") + v->kernels + "] " + v->summary;
        for (const auto& [invariant, why] : v->known_violations) {
            text += std::string("; known to break ") + model::name_of(invariant);
        }
        item(v->name, text);
    }
    std::printf("\nmutations (expected verdict under sc; needs):\n");
    for (const model::Mutation* m : model::mutations()) {
        std::string expected = "?";
        if (const model::Expectation* e = m->expectation(model::MemoryModel::sc)) {
            expected = e->fails ? std::string("fails ") + model::name_of(*e->fails) : std::string("passes");
        }
        item(m->name, std::string(m->summary) + " [" + expected + "; needs " + m->needs + "]");
    }
    std::printf("\ninvariants:\n");
    for (std::size_t i = 0; i < model::invariant_count; ++i) {
        const model::InvariantInfo& info = model::info(static_cast<model::Invariant>(i));
        item(info.name, info.summary);
    }
    std::printf("\nother failure kinds (usable in \"expect\"):\n");
    item("deadlock", "every unfinished non-daemon task is blocked");
    item("step-bound", "an execution exceeded max_steps (possible livelock)");
    item("exception", "a task, an invariant or the setup threw");
    item("assertion", "a check inside a task failed");
    item("nondeterminism", "the same choices led to a different execution");
    std::printf("\nstrategies:\n");
    for (const explorer::StrategyInfo& s : explorer::strategies()) {
        item(s.name, std::string(s.summary) + (s.exhaustive ? " (exhaustive)" : ""));
    }
    std::printf("\nafter-creation actions (requesters[].after):\n");
    item("nothing", "leave the new thread asleep");
    item("wake", "wake_up_process(t)");
    item("stop", "kthread_stop(t) before any wake-up");
    item("wake-stop", "wake_up_process(t); kthread_stop(t)");
    item("park", "kthread_park(t); kthread_unpark(t) (era-c and later)");
    return exit_ok;
}

}  // namespace cli
