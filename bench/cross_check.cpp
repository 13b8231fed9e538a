// bench/cross_check.cpp: the cross-check table: per scenario, dpor's executions and stateful's
// states, transitions, seconds and bytes, and whether both reach the same verdict and the same
// final outcomes. Not a test (tests/model/cross_check_test.cpp is): prints figures.
// Usage: ktc_bench_cross_check [--max-executions N] SCENARIO.json...
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <variant>

#include "explorer/explorer.hpp"
#include "explorer/strategy/dpor.hpp"
#include "explorer/strategy/stateful.hpp"
#include "model/program.hpp"
#include "model/scenario.hpp"

namespace {

std::set<std::string> keys(const explorer::Report& report) {
    std::set<std::string> out;
    for (const explorer::Finding& finding : report.findings) {
        out.insert(finding.failure.key());
    }
    return out;
}

std::set<std::string> outcomes(const explorer::Report& report) {
    std::set<std::string> out;
    for (const auto& entry : report.outcomes) {
        out.insert(entry.first);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t max_executions = 0;
    int first = 1;
    if (argc > 2 && std::string(argv[1]) == "--max-executions") {
        max_executions = std::strtoull(argv[2], nullptr, 10);
        first = 3;
    }
    std::printf("| scenario | dpor executions | dpor s | stateful states | transitions | stateful s | MB | same verdict | same outcomes |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|\n");
    for (int i = first; i < argc; ++i) {
        model::ScenarioResult loaded = model::load_scenario_file(argv[i]);
        if (!std::holds_alternative<model::Scenario>(loaded)) {
            std::fprintf(stderr, "%s: %s\n", argv[i], std::get<model::ScenarioError>(loaded).to_string().c_str());
            return 2;
        }
        const model::Scenario& s = std::get<model::Scenario>(loaded);
        explorer::Options options;
        options.keep_going = true;
        options.collect_outcomes = true;
        options.max_steps = s.exploration.max_steps;
        options.max_executions = max_executions;
        explorer::DporStrategy dpor;
        explorer::Report a = explorer::explore(model::build_program(s.config), dpor, options);
        // The reference: no reduction, on the fine model (what coarse granularity vouches for
        // is checked too).
        model::ModelConfig fine = s.config;
        fine.granularity = model::Granularity::fine;
        explorer::StatefulStrategy stateful;
        explorer::Report b = explorer::explore(model::build_program(fine), stateful, options);
        const bool both = a.complete && b.complete;
        std::printf("| %s | %llu%s | %.2f | %llu%s | %llu | %.2f | %.1f | %s | %s |\n", s.name.c_str(),
                    static_cast<unsigned long long>(a.executions), a.complete ? "" : " (cut)", a.seconds,
                    static_cast<unsigned long long>(b.search.states), b.complete ? "" : " (cut)",
                    static_cast<unsigned long long>(b.search.transitions), b.seconds,
                    static_cast<double>(b.search.bytes) / 1e6, !both ? "n/a" : keys(a) == keys(b) ? "yes" : "NO",
                    !both ? "n/a" : outcomes(a) == outcomes(b) ? "yes" : "NO");
        std::fflush(stdout);
    }
    return 0;
}
