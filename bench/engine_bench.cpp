// bench/engine_bench.cpp: engine cost per scheduling point vs a bare Boost.Context round trip.
// Not a test: prints figures. Usage: ktc_bench_engine [repetitions]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include <boost/context/fiber.hpp>

#include "explorer/cell.hpp"
#include "explorer/explorer.hpp"

namespace ctx = boost::context;
namespace ex = explorer;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// ns per resume+yield round trip of a bare Boost.Context fiber.
double bare_round_trip_ns(long rounds) {
    long counter = 0;
    ctx::fiber f{[&counter](ctx::fiber&& caller) {
        while (true) {
            ++counter;
            caller = std::move(caller).resume();
        }
        return std::move(caller);
    }};
    f = std::move(f).resume();  // first entry
    auto start = Clock::now();
    for (long i = 0; i < rounds; ++i) {
        f = std::move(f).resume();
    }
    double ns = seconds_since(start) * 1e9 / static_cast<double>(rounds);
    if (counter != rounds + 1) {
        std::abort();
    }
    // `f` is suspended inside an infinite loop: let the process end without unwinding it.
    new ctx::fiber(std::move(f));
    return ns;
}

// ns per round trip when the scheduler alternates between two fibers, as the engine does
// when two tasks interleave (the indirect jumps no longer predict perfectly).
double bare_alternating_ns(long rounds) {
    auto body = [](ctx::fiber&& caller) {
        while (true) {
            caller = std::move(caller).resume();
        }
        return std::move(caller);
    };
    ctx::fiber f[2] = {ctx::fiber{body}, ctx::fiber{body}};
    f[0] = std::move(f[0]).resume();
    f[1] = std::move(f[1]).resume();
    auto start = Clock::now();
    for (long i = 0; i < rounds; ++i) {
        f[i & 1] = std::move(f[i & 1]).resume();
    }
    double ns = seconds_since(start) * 1e9 / static_cast<double>(rounds);
    new ctx::fiber(std::move(f[0]));
    new ctx::fiber(std::move(f[1]));
    return ns;
}

struct Run {
    double seconds;
    std::uint64_t executions;
    std::uint64_t steps;
};

Run measure(const ex::Program& program, const ex::Options& options) {
    auto start = Clock::now();
    ex::Report report = ex::explore(program, options);
    double s = seconds_since(start);
    if (!report.passed()) {
        std::fprintf(stderr, "benchmark program failed: %s\n", report.findings[0].failure.message.c_str());
        std::exit(3);
    }
    return {s, report.executions, report.steps};
}

// Two tasks on one object, `steps` steps each, explored for a fixed number of executions:
// long executions make the per-execution set-up negligible, so this is the steady-state
// cost of a scheduling point (a choice between two ready tasks, recording, a switch).
ex::Program long_execution(int steps) {
    return [steps] {
        ex::ObjectId x = ex::object("x");
        for (const char* name : {"a", "b"}) {
            ex::spawn(name, [=] {
                for (int i = 0; i < steps; ++i) {
                    ex::step("write", x, ex::Access::write);
                }
            });
        }
    };
}

// The same with a checked cell access in every step (a read and a write of a Cell<int>): the
// cost of the cell rule's checks and of the fingerprint's upkeep per scheduling point.
ex::Program long_execution_cells(int steps) {
    return [steps] {
        ex::ObjectId x = ex::object("x");
        auto cell = std::make_shared<ex::Cell<int>>();
        cell->create(x, "value", 0);
        for (const char* name : {"a", "b"}) {
            ex::spawn(name, [=] {
                for (int i = 0; i < steps; ++i) {
                    ex::step("write", x, ex::Access::read_write);
                    cell->set(cell->get() + 1);
                }
            });
        }
    };
}

// N tasks doing K writes, explored exhaustively: whole executions, set-up and teardown included.
ex::Program writers(int n, int k) {
    return [=] {
        ex::ObjectId x = ex::object("x");
        for (int t = 0; t < n; ++t) {
            ex::spawn("t" + std::to_string(t), [=] {
                for (int i = 0; i < k; ++i) {
                    ex::step("write", x, ex::Access::write);
                }
            });
        }
    };
}

}  // namespace

int main(int argc, char** argv) {
    int repetitions = argc > 1 ? std::atoi(argv[1]) : 5;
    if (repetitions < 1) {
        repetitions = 1;
    }
    std::vector<double> bare, alternating, point, point_cells, exec_rate, exec_step_rate, exec_ns;
    std::uint64_t executions = 0, steps = 0;
    for (int r = 0; r < repetitions; ++r) {
        bare.push_back(bare_round_trip_ns(10'000'000));
        alternating.push_back(bare_alternating_ns(10'000'000));

        ex::Options some;
        some.max_executions = 2'000;
        Run l = measure(long_execution(500), some);
        point.push_back(l.seconds * 1e9 / static_cast<double>(l.steps));
        Run c = measure(long_execution_cells(500), some);
        point_cells.push_back(c.seconds * 1e9 / static_cast<double>(c.steps));

        Run w = measure(writers(3, 4), {});
        executions = w.executions;
        steps = w.steps;
        exec_rate.push_back(static_cast<double>(w.executions) / w.seconds);
        exec_step_rate.push_back(static_cast<double>(w.steps) / w.seconds);
        exec_ns.push_back(w.seconds * 1e9 / static_cast<double>(w.executions));
    }
    double bare_ns = median(bare);
    double point_ns = median(point);
    std::printf("ktcheck engine benchmark (median of %d runs)\n", repetitions);
    std::printf("  bare Boost.Context resume+yield round trip : %8.1f ns\n", bare_ns);
    double alternating_ns = median(alternating);
    std::printf("  bare round trip, alternating two fibers    : %8.1f ns\n", alternating_ns);
    std::printf("  engine scheduling point (2x500 steps)      : %8.1f ns  (%.2fx the round trip, %.2fx the alternating one)\n",
                point_ns, point_ns / bare_ns, point_ns / alternating_ns);
    double cells_ns = median(point_cells);
    std::printf("  the same, a cell read + write per step     : %8.1f ns  (%.2fx the round trip; the checks: %+.1f ns)\n",
                cells_ns, cells_ns / bare_ns, cells_ns - point_ns);
    std::printf("  exhaustive 3 tasks x 4 writes              : %llu executions, %llu steps\n",
                static_cast<unsigned long long>(executions), static_cast<unsigned long long>(steps));
    std::printf("    executions/s                             : %10.0f  (%.0f ns per execution)\n",
                median(exec_rate), median(exec_ns));
    std::printf("    scheduling points/s                      : %10.0f\n", median(exec_step_rate));
    return 0;
}
