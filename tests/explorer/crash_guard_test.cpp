// tests/explorer/crash_guard_test.cpp: a real fault in model code (null pointer, stack overflow,
// abort) ends the process with exit 3, a message naming the task, step and execution, and a
// trace file that reads back and reproduces the fault (ktc_crash_probe runs as a child).
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "explorer/trace/trace_json.hpp"

namespace {

struct Run {
    int exit_code = -1;
    std::string err;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

Run probe(const std::string& mode, const std::string& trace) {
    std::string err = trace + ".stderr";
    std::string command = std::string(KTC_CRASH_PROBE) + " " + mode + " " + trace + " 2>" + err;
    int status = std::system(command.c_str());
    Run run;
    if (WIFEXITED(status)) {
        run.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        run.exit_code = 128 + WTERMSIG(status);
    }
    run.err = slurp(err);
    return run;
}

std::string scratch(const std::string& name) {
    // Per process: ctest may run this case and the valgrind run of the same suite at once.
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("ktc_crash_guard_test." + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::filesystem::path path = dir / name;
    std::filesystem::remove(path);
    return path.string();
}

}  // namespace

TEST_SUITE("explorer") {
    TEST_CASE("crash guard: a null dereference in a task is exit 3 with a trace that replays to the same fault") {
        std::string trace = scratch("segv.json");
        Run run = probe("segv", trace);
        CHECK(run.exit_code == 3);
        CHECK(run.err.find("internal error: SIGSEGV") != std::string::npos);
        CHECK(run.err.find("task faulter, step 1 of execution 1") != std::string::npos);
        CHECK(run.err.find("the trace that led to it: " + trace) != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(trace + ".partial"));

        explorer::TraceFile file;
        auto error = explorer::read_trace_json(slurp(trace), &file);
        REQUIRE_FALSE(error.has_value());
        CHECK(file.options.execution == 1);
        REQUIRE(file.trace.steps.size() == 2);
        CHECK(file.trace.steps[1].task == "faulter");
        CHECK(file.trace.steps[1].op == "load");
        CHECK(file.trace.steps[1].choices == std::vector<std::size_t>{1});
        REQUIRE(file.trace.failure.has_value());
        CHECK(file.trace.failure->kind == explorer::FailureKind::model_fault);
        CHECK(file.trace.failure->task == "faulter");

        Run again = probe("replay", trace);
        CHECK(again.exit_code == 3);
        CHECK(again.err.find("task faulter, step 1 of execution 0") != std::string::npos);
        CHECK(again.err.find("\"task\":\"faulter\",\"op\":\"load\"") != std::string::npos);
    }

    TEST_CASE("crash guard: a stack overflow in a task hits the guard page and is exit 3") {
        Run run = probe("overflow", scratch("overflow.json"));
        CHECK(run.exit_code == 3);
        CHECK(run.err.find("internal error: SIGSEGV") != std::string::npos);
        CHECK(run.err.find("task faulter") != std::string::npos);
    }

    TEST_CASE("crash guard: an abort (an assertion) in a task is exit 3") {
        Run run = probe("abort", scratch("abort.json"));
        CHECK(run.exit_code == 3);
        CHECK(run.err.find("internal error: SIGABRT") != std::string::npos);
        CHECK(run.err.find("task faulter") != std::string::npos);
    }
}
