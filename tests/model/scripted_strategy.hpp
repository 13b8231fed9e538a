// tests/model/scripted_strategy.hpp: a test-only Strategy that follows a hand-written schedule.
//
// The task script names the task of every step, in order, forced steps (one ready task)
// included: the engine consults a strategy only when two or more tasks are ready, so the
// strategy also matches the steps that ran without asking it (execution.events()) against the
// script. An entry "name*" stands for zero or more consecutive steps of that task: it is
// picked while it is ready, then the script moves on. An entry "name through op" stands for
// one or more consecutive steps of that task, up to and including its first step whose op
// kind is `op` (e.g. "kthread@requester0 through xchg(&create->done, NULL)"). After the script ends, the lowest ready
// task runs. Data choices come from the value script (an optional label must match), then 0.
// A departure from the script fails the execution as nondeterminism (divergence() says how);
// end_execution() also reports a script that was not used up.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "explorer/explorer.hpp"
#include "explorer/runtime/execution.hpp"
#include "explorer/strategy/strategy.hpp"

namespace ktc_test {

struct ScriptedValue {
    std::string label;  // empty: any label
    std::size_t value = 0;
};

class ScriptedStrategy final : public explorer::Strategy {
public:
    explicit ScriptedStrategy(std::vector<std::string> script, std::vector<ScriptedValue> values = {})
        : values_(std::move(values)) {
        for (std::string& entry : script) {
            Entry e;
            if (std::size_t at = entry.find(" through "); at != std::string::npos) {
                e.until = entry.substr(at + 9);
                entry.resize(at);
            }
            e.star = !entry.empty() && entry.back() == '*';
            if (e.star) {
                entry.pop_back();
            }
            e.task = std::move(entry);
            script_.push_back(std::move(e));
        }
    }

    const char* name() const override { return "scripted"; }

    // The trace of the (one) execution run.
    const explorer::Trace& last_trace() const { return last_trace_; }

    bool begin_execution() override {
        if (started_) {
            return false;
        }
        started_ = true;
        return true;
    }

    std::size_t pick_task(const explorer::Execution& execution, std::span<const explorer::TaskId> ready) override {
        if (!sync(execution)) {
            return ready.size();
        }
        const std::size_t step = execution.events().size();
        while (cursor_ < script_.size()) {
            const Entry& entry = script_[cursor_];
            for (std::size_t i = 0; i < ready.size(); ++i) {
                if (execution.task(ready[i]).name == entry.task) {
                    return i;
                }
            }
            if (entry.star) {
                ++cursor_;  // the task is not ready any more: its run is over
                continue;
            }
            std::string names;
            for (std::size_t i = 0; i < ready.size(); ++i) {
                names += (i == 0 ? "" : ", ") + execution.task(ready[i]).name;
            }
            divergence_ = "step " + std::to_string(step) + ": the script runs " + entry.task +
                          ", which is not ready (ready: " + names + ")";
            return ready.size();
        }
        return 0;  // past the script: the lowest ready task
    }

    std::size_t pick_value(const explorer::Execution& execution, std::size_t count, const char* label) override {
        labels_.emplace_back(label);
        if (next_value_ >= values_.size()) {
            return 0;
        }
        const ScriptedValue& v = values_[next_value_++];
        const std::size_t step = execution.events().empty() ? 0 : execution.events().size() - 1;
        if (!v.label.empty() && v.label != label) {
            divergence_ = "step " + std::to_string(step) + ": the script chooses for \"" + v.label +
                          "\" but the choice is \"" + label + "\"";
            return count;
        }
        if (v.value >= count) {
            divergence_ = "step " + std::to_string(step) + ": scripted value " + std::to_string(v.value) +
                          " out of range for \"" + label + "\"";
            return count;
        }
        return v.value;
    }

    void end_execution(const explorer::Execution& execution) override {
        last_trace_ = execution.trace();
        if (!divergence_.empty() || !sync(execution)) {
            return;
        }
        while (cursor_ < script_.size() && script_[cursor_].star) {
            ++cursor_;
        }
        if (cursor_ < script_.size()) {
            divergence_ = "the execution ended (" + std::to_string(execution.events().size()) +
                          " steps) before the script's entry " + std::to_string(cursor_) + " (" +
                          script_[cursor_].task + ")";
        } else if (next_value_ < values_.size()) {
            divergence_ = "the execution ended with " + std::to_string(values_.size() - next_value_) +
                          " scripted value(s) unused";
        }
    }

    std::string divergence() const override { return divergence_; }
    // The labels of the data choices the strategy was asked for, in order.
    const std::vector<std::string>& labels() const { return labels_; }

private:
    struct Entry {
        std::string task;
        bool star = false;
        std::string until;  // "through": the op kind that ends the entry
    };

    // Matches the steps executed since the last call (forced ones too) against the script.
    bool sync(const explorer::Execution& execution) {
        const auto& events = execution.events();
        for (; synced_ < events.size(); ++synced_) {
            const std::string& ran = execution.task(events[synced_].task).name;
            while (cursor_ < script_.size()) {
                const Entry& entry = script_[cursor_];
                if (entry.task == ran) {
                    if (!entry.until.empty()) {
                        if (entry.until == events[synced_].op.kind) {
                            ++cursor_;
                        }
                    } else if (!entry.star) {
                        ++cursor_;
                    }
                    break;
                }
                if (!entry.star) {
                    divergence_ = "step " + std::to_string(synced_) + ": the script runs " + entry.task +
                                  " but " + ran + " ran";
                    return false;
                }
                ++cursor_;
            }
        }
        return true;
    }

    std::vector<Entry> script_;
    std::vector<ScriptedValue> values_;
    std::vector<std::string> labels_;
    std::size_t cursor_ = 0;
    std::size_t synced_ = 0;
    std::size_t next_value_ = 0;
    bool started_ = false;
    std::string divergence_;
    explorer::Trace last_trace_;
};

// Runs `program` once under `script` (and `values`). The report holds the execution's failure
// (if any) and its trace; a departure from the script is a nondeterminism finding.
inline explorer::Report run_scripted(const explorer::Program& program, ScriptedStrategy& strategy,
                                     std::uint64_t max_steps = 1000) {
    explorer::Options options;
    options.max_steps = max_steps;
    options.max_executions = 1;
    return explorer::explore(program, strategy, options);
}

}  // namespace ktc_test
