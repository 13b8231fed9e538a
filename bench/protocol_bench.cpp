// bench/protocol_bench.cpp: dfs vs dpor on the protocol (eras C and E, 1-3 requesters, all
// fault sources): executions, time, reduction, scheduling points/s. Not a test: prints figures.
// Usage: ktc_bench_protocol [dfs-execution-cap] [max-requesters] [dpor-execution-cap]
// A count shown as ">N" hit its cap: that run is not exhaustive.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "explorer/explorer.hpp"
#include "explorer/strategy/dfs.hpp"
#include "explorer/strategy/dpor.hpp"
#include "model/program.hpp"

namespace {

struct Row {
    std::uint64_t executions = 0;
    std::uint64_t pruned = 0;
    std::uint64_t steps = 0;
    double seconds = 0;
    bool complete = false;
    std::size_t findings = 0;
};

Row run(explorer::Strategy& strategy, const model::ModelConfig& config, std::uint64_t cap) {
    explorer::Options options;
    options.keep_going = true;
    options.max_executions = cap;
    auto start = std::chrono::steady_clock::now();
    explorer::Report report = explorer::explore(model::build_program(config), strategy, options);
    Row row;
    row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    row.executions = report.executions;
    row.pruned = report.pruned;
    row.steps = report.steps;
    row.complete = report.complete;
    row.findings = report.findings.size();
    return row;
}

std::string count(const Row& row) {
    return (row.complete ? "" : ">") + std::to_string(row.executions);
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t dfs_cap = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
    std::size_t max_requesters = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 3;
    std::uint64_t dpor_cap = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 2'000'000;
    std::printf("%-28s %14s %9s %12s %9s %10s %12s %8s\n", "scenario (all fault sources)", "dfs execs", "dfs s",
                "dpor execs", "dpor s", "pruned", "reduction", "Msteps/s");
    for (const char* variant : {"era-c", "era-e"}) {
        for (std::size_t n = 1; n <= max_requesters; ++n) {
            model::ModelConfig config;
            config.variant = variant;
            config.requesters.assign(n, model::RequesterConfig{true, model::AfterCreation::wake});
            config.faults.fork_failure = config.faults.kmalloc_failure = config.faults.oom = true;
            explorer::DfsStrategy dfs;
            Row d = run(dfs, config, dfs_cap);
            explorer::DporStrategy dpor;
            Row p = run(dpor, config, dpor_cap);
            std::string name = std::string(variant) + ", " + std::to_string(n) + " requester" + (n > 1 ? "s" : "");
            std::string reduction = "n/a";  // both capped: no ratio
            if (p.complete) {
                char text[32];
                std::snprintf(text, sizeof text, "%s%.0fx", d.complete ? "" : ">",
                              static_cast<double>(d.executions) / static_cast<double>(p.executions));
                reduction = text;
            }
            std::printf("%-28s %14s %9.2f %12s %9.2f %10llu %12s %8.2f%s\n", name.c_str(), count(d).c_str(), d.seconds,
                        count(p).c_str(), p.seconds, static_cast<unsigned long long>(p.pruned), reduction.c_str(),
                        static_cast<double>(p.steps) / p.seconds / 1e6,
                        d.findings + p.findings != 0 ? "  (a failure was found!)" : "");
            std::fflush(stdout);
        }
    }
    return 0;
}
