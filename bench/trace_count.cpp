// bench/trace_count.cpp: how many distinct traces dpor's executions cover, under the ops as
// they ran (narrowed by refine()). dpor explores one execution per trace of the *declared*
// ops; a step narrowed after another task ran can make two executions one trace of the narrowed
// ops (docs/model.md, "Known redundancy"). Not a test: prints figures.
// Usage: ktc_bench_traces [variant] [requesters] [sfko]  (s: fatal signals, f: fork failure,
// k: kmalloc failure, o: OOM stall; e.g. `ktc_bench_traces era-e 1 sfko`)
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <queue>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "explorer/explorer.hpp"
#include "explorer/runtime/execution.hpp"
#include "explorer/strategy/dpor.hpp"
#include "model/program.hpp"

namespace {

// A trace, written canonically: its steps in the smallest topological order (by task id) of
// happens-before (program order, spawn/wake edges, and dependent steps in execution order).
std::string canonical(const explorer::Execution& execution) {
    const std::vector<explorer::Event>& events = execution.events();
    const std::size_t n = events.size();
    std::vector<std::vector<std::size_t>> after(n);
    std::vector<int> before(n, 0);
    std::vector<long> last(explorer::Execution::max_tasks, -1);
    std::vector<long> edge(explorer::Execution::max_tasks, -1);
    for (std::size_t j = 0; j < n; ++j) {
        auto order = [&](long i) {
            if (i >= 0) {
                after[static_cast<std::size_t>(i)].push_back(j);
                ++before[j];
            }
        };
        order(last[events[j].task]);
        order(edge[events[j].task]);
        edge[events[j].task] = -1;
        for (std::size_t i = 0; i < j; ++i) {
            if (events[i].task != events[j].task && explorer::dependent(events[i].op, events[j].op)) {
                order(static_cast<long>(i));
            }
        }
        last[events[j].task] = static_cast<long>(j);
        for (std::uint64_t m = events[j].woke; m != 0; m &= m - 1) {
            edge[static_cast<std::size_t>(__builtin_ctzll(m))] = static_cast<long>(j);
        }
    }
    using Ready = std::pair<explorer::TaskId, std::size_t>;
    std::priority_queue<Ready, std::vector<Ready>, std::greater<>> ready;
    for (std::size_t i = 0; i < n; ++i) {
        if (before[i] == 0) {
            ready.push({events[i].task, i});
        }
    }
    std::string text;
    while (!ready.empty()) {
        auto [task, i] = ready.top();
        ready.pop();
        const explorer::Event& e = events[i];
        text += std::to_string(task) + ":" + std::to_string(e.op.object) + "/" + std::to_string(e.op.also) + "." +
                std::to_string(static_cast<int>(e.op.access)) + std::to_string(static_cast<int>(e.op.also_access));
        for (std::uint32_t c = 0; c < e.choice_count; ++c) {
            text += "=" + std::to_string(execution.choices()[e.first_choice + c]);
        }
        text += ",";
        for (std::size_t k : after[i]) {
            if (--before[k] == 0) {
                ready.push({events[k].task, k});
            }
        }
    }
    return text;
}

// dpor, and the canonical form of each complete execution it explores.
class Counting final : public explorer::Strategy {
public:
    const char* name() const override { return "dpor"; }
    bool begin_execution() override { return dpor_.begin_execution(); }
    std::size_t pick_task(const explorer::Execution& e, std::span<const explorer::TaskId> ready) override {
        return dpor_.pick_task(e, ready);
    }
    std::size_t pick_value(const explorer::Execution& e, std::size_t count, const char* label) override {
        return dpor_.pick_value(e, count, label);
    }
    bool consult_every_step() const override { return true; }
    void end_execution(const explorer::Execution& e) override {
        if (!e.pruned()) {
            traces_.insert(canonical(e));
        }
        dpor_.end_execution(e);
    }
    std::size_t traces() const { return traces_.size(); }

private:
    explorer::DporStrategy dpor_;
    std::set<std::string> traces_;
};

}  // namespace

int main(int argc, char** argv) {
    const std::string flags = argc > 3 ? argv[3] : "sfko";
    model::ModelConfig config;
    config.variant = argc > 1 ? argv[1] : "era-e";
    config.requesters.assign(argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 1,
                             model::RequesterConfig{flags.find('s') != std::string::npos, model::AfterCreation::wake});
    config.faults.fork_failure = flags.find('f') != std::string::npos;
    config.faults.kmalloc_failure = flags.find('k') != std::string::npos;
    config.faults.oom = flags.find('o') != std::string::npos;
    if (auto error = model::validate(config)) {
        std::fprintf(stderr, "ktc_bench_traces: %s\n", error->c_str());
        return 2;
    }
    Counting strategy;
    explorer::Options options;
    options.keep_going = true;
    explorer::Report report = explorer::explore(model::build_program(config), strategy, options);
    std::printf("%s, %zu requester(s), faults '%s': %llu executions, %zu distinct traces of the ops as they ran%s\n",
                config.variant.c_str(), config.requesters.size(), flags.c_str(),
                static_cast<unsigned long long>(report.executions), strategy.traces(),
                report.complete ? "" : " (not complete)");
    return 0;
}
