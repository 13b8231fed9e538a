// tests/explorer/crash_probe.cpp: a program whose task faults for real (a null pointer, a stack
// overflow, an abort), run under the crash guard; crash_guard_test.cpp runs it as a child process.
//   ktc_crash_probe MODE TRACE   explores (the fault is in the second execution), trace to TRACE
//   ktc_crash_probe replay TRACE replays TRACE under a guard that reports on stderr only
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "explorer/api.hpp"
#include "explorer/crash_guard.hpp"
#include "explorer/explorer.hpp"
#include "explorer/strategy/dfs.hpp"
#include "explorer/trace/trace_json.hpp"

namespace {

std::string mode;

int* volatile nowhere = nullptr;

volatile int bottom = 1 << 30;  // never reached: the stack ends long before

int recurse(int depth) {
    volatile char frame[1024];
    frame[0] = static_cast<char>(depth);
    return depth == bottom ? 0 : recurse(depth + 1) + frame[0];
}

void fault() {
    if (mode == "segv") {
        *nowhere = 1;
    } else if (mode == "overflow") {
        std::printf("%d\n", recurse(0));
    } else if (mode == "abort") {
        std::abort();
    }
}

explorer::Program program() {
    return [] {
        explorer::ObjectId x = explorer::object("x");
        explorer::spawn("writer", [x] { explorer::step("store", x, explorer::Access::write); });
        explorer::spawn("faulter", [x] {
            explorer::step("load", x, explorer::Access::read);
            if (explorer::choose(2, "path") == 1) {
                fault();
            }
        });
    };
}

explorer::TraceFile probe_file() {
    explorer::TraceFile file;
    file.tool = "ktc_crash_probe";
    file.scenario_name = "crash-probe";
    file.scenario_hash = "none";
    file.scenario_json = "{}";
    file.options.strategy = "dfs";
    return file;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: ktc_crash_probe segv|overflow|abort|replay TRACE\n";
        return 2;
    }
    mode = argv[1];
    explorer::Options options;
    options.stack_size = 64 * 1024;
    if (mode == "replay") {
        std::ifstream in(argv[2]);
        std::stringstream text;
        text << in.rdbuf();
        explorer::TraceFile file;
        if (auto error = explorer::read_trace_json(text.str(), &file)) {
            std::cerr << "bad trace: " << error->message << "\n";
            return 2;
        }
        mode = "segv";  // what the recorded trace did
        explorer::CrashGuard guard(explorer::trace_json_head(probe_file()), "");
        explorer::replay(program(), file.trace, options);
        return 0;
    }
    explorer::CrashGuard guard(explorer::trace_json_head(probe_file()), argv[2]);
    explorer::DfsStrategy dfs;
    explorer::explore(program(), dfs, options);
    return 0;  // not reached when the fault fired
}
