// bench/scale_bench.cpp: issue 10's table: dpor on eras C and E, 1-4 killable requesters (woken
// after creation), fault sets none / s / sfk / sfko: executions, seconds, ns per step, MB and the
// reduction against the counts measured before the scaling work. Not a test: prints figures.
// Each row runs in a child process, so that its MB is that run's own peak RSS.
// Usage: ktc_bench_scale [--max-requesters N] [--cap EXECUTIONS] [--seconds S] [--only era-e]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "explorer/explorer.hpp"
#include "explorer/strategy/dpor.hpp"
#include "model/program.hpp"

namespace {

struct FaultSet {
    const char* name;
    bool signal, fork, kmalloc, oom;
};
constexpr FaultSet fault_sets[] = {
    {"none", false, false, false, false},
    {"s", true, false, false, false},
    {"sfk", true, true, true, false},
    {"sfko", true, true, true, true},
};

// dpor executions of era E before the scaling work, as issue 10's text gives them (0: none given).
std::uint64_t before(const std::string& era, std::size_t requesters, const std::string& faults) {
    if (era != "era-e") {
        return 0;
    }
    struct Known {
        std::size_t n;
        const char* faults;
        std::uint64_t executions;
    };
    static const Known known[] = {{1, "none", 28},      {1, "s", 122},         {1, "sfk", 166},
                                  {1, "sfko", 396},     {2, "none", 7040},     {2, "s", 101754},
                                  {2, "sfk", 159699},   {2, "sfko", 528513},   {3, "none", 4685952}};
    for (const Known& k : known) {
        if (k.n == requesters && faults == k.faults) {
            return k.executions;
        }
    }
    return 0;
}

struct Result {
    std::uint64_t executions, pruned, steps;
    double seconds;
    int complete;
    std::size_t findings;
};

Result run(const model::ModelConfig& config, std::uint64_t cap, double seconds) {
    explorer::Options options;
    options.keep_going = true;
    options.max_executions = cap;
    static std::atomic<bool> stop{false};
    options.interrupt = &stop;
    std::signal(SIGALRM, [](int) { stop = true; });
    alarm(static_cast<unsigned>(seconds));
    explorer::DporStrategy dpor;
    explorer::Report report = explorer::explore(model::build_program(config), dpor, options);
    return {report.executions, report.pruned, report.steps, report.seconds, report.complete ? 1 : 0,
            report.findings.size()};
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t max_requesters = 3;
    std::uint64_t cap = 0;
    double seconds = 120;
    std::string only;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i];
        if (flag == "--max-requesters") {
            max_requesters = std::strtoul(argv[i + 1], nullptr, 10);
        } else if (flag == "--cap") {
            cap = std::strtoull(argv[i + 1], nullptr, 10);
        } else if (flag == "--seconds") {
            seconds = std::strtod(argv[i + 1], nullptr);
        } else if (flag == "--only") {
            only = argv[i + 1];
        } else {
            std::fprintf(stderr, "usage: ktc_bench_scale [--max-requesters N] [--cap EXECUTIONS] [--seconds S] [--only ERA]\n");
            return 2;
        }
    }
    std::printf("| era | requesters | faults | dpor executions | s | ns/step | MB | before | reduction |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|\n");
    for (const char* era : {"era-c", "era-e"}) {
        if (!only.empty() && only != era) {
            continue;
        }
        for (std::size_t n = 1; n <= max_requesters; ++n) {
            for (const FaultSet& f : fault_sets) {
                model::ModelConfig config;
                config.variant = era;
                config.requesters.assign(n, model::RequesterConfig{f.signal, model::AfterCreation::wake});
                config.faults.fork_failure = f.fork;
                config.faults.kmalloc_failure = f.kmalloc;
                config.faults.oom = f.oom;
                int fds[2];
                if (pipe(fds) != 0) {
                    return 3;
                }
                pid_t child = fork();
                if (child == 0) {
                    close(fds[0]);
                    Result r = run(config, cap, seconds);
                    if (write(fds[1], &r, sizeof r) != static_cast<ssize_t>(sizeof r)) {
                        _exit(3);
                    }
                    _exit(0);
                }
                close(fds[1]);
                Result r{};
                bool got = read(fds[0], &r, sizeof r) == static_cast<ssize_t>(sizeof r);
                close(fds[0]);
                int status = 0;
                rusage usage{};
                wait4(child, &status, 0, &usage);
                if (!got) {
                    std::printf("| %s | %zu | %s | (the run failed) | | | | | |\n", era, n, f.name);
                    continue;
                }
                std::uint64_t was = before(era, n, f.name);
                std::string reduction = "";
                if (was != 0 && r.complete) {
                    char text[32];
                    std::snprintf(text, sizeof text, "%.2fx", static_cast<double>(was) / static_cast<double>(r.executions));
                    reduction = text;
                }
                std::printf("| %s | %zu | %s | %s%llu%s | %.2f | %.0f | %.1f | %s | %s |\n", era, n, f.name,
                            r.complete ? "" : ">", static_cast<unsigned long long>(r.executions),
                            r.findings != 0 ? " (FAILED)" : "", r.seconds,
                            r.steps == 0 ? 0.0 : r.seconds * 1e9 / static_cast<double>(r.steps),
                            static_cast<double>(usage.ru_maxrss) / 1024.0,
                            was == 0 ? "" : std::to_string(was).c_str(), reduction.c_str());
                std::fflush(stdout);
            }
        }
    }
    return 0;
}
