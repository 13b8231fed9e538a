// bench/pinned_bench.cpp: dpor and dpor-source on the engine's pinned programs: lastzero(N) (published counts)
// and lock-based sections: executions, sleep-set-blocked executions, seconds, executions/s,
// beside RCMC's published 15 360 executions of lastzero(12) in 0.26 s. Not a test: prints figures.
// Usage: ktc_bench_pinned
#include <cstdio>
#include <string>

#include "explorer/explorer.hpp"
#include "explorer/strategy/dpor.hpp"
#include "tests/explorer/programs.hpp"

namespace {

void row(const std::string& name, const explorer::Program& program) {
    for (auto sets : {explorer::DporStrategy::Sets::source_sets, explorer::DporStrategy::Sets::wakeup_trees}) {
        explorer::DporStrategy dpor(sets);
        explorer::Report report = explorer::explore(program, dpor, {});
        std::printf("| %s | %s | %llu | %llu | %.3f | %.0f |\n", name.c_str(), dpor.name(),
                    static_cast<unsigned long long>(report.executions), static_cast<unsigned long long>(report.pruned),
                    report.seconds, static_cast<double>(report.executions) / report.seconds);
    }
}

}  // namespace

int main() {
    std::printf("| program | strategy | executions | sleep-set blocked | s | executions/s |\n|---|---|---|---|---|---|\n");
    for (int n : {10, 12, 15}) {
        row("lastzero(" + std::to_string(n) + ")", test_programs::lastzero(n));
    }
    for (auto [n, k] : {std::pair{3, 3}, {4, 2}, {4, 3}}) {
        row(std::to_string(n) + " tasks x " + std::to_string(k) + " locked sections", test_programs::locked_sections(n, k));
    }
    std::printf("RCMC (published): lastzero(12) 15360 executions in 0.26 s, 59077 executions/s\n");
    return 0;
}
