// cli/progress.cpp: the progress line on stderr (a terminal only, long runs only, at most every 0.5 s).
#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace cli {

ProgressLine::ProgressLine() : enabled_(::isatty(2) == 1) {}

void ProgressLine::start(std::string label) {
    label_ = std::move(label);
    estimate_ = 0;
    started_ = std::chrono::steady_clock::now();
    last_ = started_;
}

void ProgressLine::update(std::uint64_t executions, std::uint64_t steps) {
    if (!enabled_) {
        return;
    }
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(500)) {
        return;  // also: nothing during the first 0.5 s, short runs print no progress
    }
    last_ = now;
    double seconds = std::chrono::duration<double>(now - started_).count();
    if (estimate_ >= 1) {
        std::fprintf(stderr, "\r\033[K%s: %llu of about %.3g executions (%.0f%%), %llu steps, %.1f s", label_.c_str(),
                     static_cast<unsigned long long>(executions), estimate_,
                     100.0 * static_cast<double>(executions) / estimate_, static_cast<unsigned long long>(steps), seconds);
    } else {
        std::fprintf(stderr, "\r\033[K%s: %llu executions, %llu steps, %.1f s", label_.c_str(),
                     static_cast<unsigned long long>(executions), static_cast<unsigned long long>(steps), seconds);
    }
    std::fflush(stderr);
    shown_ = true;
}

void ProgressLine::clear() {
    if (shown_) {
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
        shown_ = false;
    }
}

}  // namespace cli
