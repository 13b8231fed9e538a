// explorer/crash_guard.cpp: the fault handler; async-signal-safe (write, open, rename, _exit; no allocation).
#include "explorer/crash_guard.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>
#include <string_view>

#include "explorer/runtime/execution.hpp"
#include "explorer/trace/trace_json.hpp"

namespace explorer {

namespace {

constexpr int guarded[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};

struct Armed {
    bool on = false;
    std::string head;
    std::string path;
    std::string temporary;  // path + ".partial": renamed once complete
    struct sigaction previous[sizeof(guarded) / sizeof(guarded[0])];
    stack_t previous_stack;
};
Armed armed;

alignas(16) char handler_stack[64 * 1024];

// Buffered writes to a file descriptor.
class Out {
public:
    explicit Out(int fd) : fd_(fd) {}
    ~Out() { flush(); }
    void operator()(const char* text, std::size_t size) {
        while (size != 0) {
            if (used_ == sizeof(buffer_)) {
                flush();
            }
            std::size_t n = std::min(size, sizeof(buffer_) - used_);
            std::memcpy(buffer_ + used_, text, n);
            used_ += n;
            text += n;
            size -= n;
        }
    }
    void operator()(std::string_view text) { (*this)(text.data(), text.size()); }
    void flush() {
        std::size_t done = 0;
        while (done < used_) {
            ssize_t n = ::write(fd_, buffer_ + done, used_ - done);
            if (n <= 0) {
                ok_ = false;  // a short trace is not renamed into place
                break;
            }
            done += static_cast<std::size_t>(n);
        }
        used_ = 0;
    }
    bool ok() const { return ok_; }

private:
    int fd_;
    bool ok_ = true;
    char buffer_[4096];
    std::size_t used_ = 0;
};

std::string_view signal_text(int signal) {
    switch (signal) {
        case SIGSEGV: return "SIGSEGV (an invalid memory access: a null or dangling pointer, or a stack overflow)";
        case SIGBUS: return "SIGBUS (an invalid memory access)";
        case SIGILL: return "SIGILL (an illegal instruction)";
        case SIGFPE: return "SIGFPE (an arithmetic fault, e.g. a division by zero)";
        case SIGABRT: return "SIGABRT (an abort: a failed assertion or std::terminate)";
    }
    return "a fatal signal";
}

// The steps so far, one JSON line each (stderr, when there is no trace file to write).
void put_steps(const Execution& execution, Out& out) {
    char number[24];
    for (std::size_t i = 0; i < execution.events().size(); ++i) {
        out("\n  ");
        put_step_json(execution.step_fields(i, number), out);
    }
}

void on_fault(int signal) {
    Out err(STDERR_FILENO);
    char number[24];
    err("ktcheck: internal error: ");
    err(signal_text(signal));
    const Execution* execution = Execution::current();
    if (execution == nullptr) {
        err(", outside model code\n");
        err.flush();
        ::_exit(crash_exit_code);
    }
    std::size_t steps = execution->events().size();
    std::size_t step = steps == 0 ? 0 : steps - 1;
    std::string_view task = execution->running() != nullptr ? std::string_view(execution->running()->name) : "";
    err(" in model code");
    if (!task.empty()) {
        err(", task ");
        err(task);
    }
    err(", step ");
    err(decimal(static_cast<std::int64_t>(step), number));
    err(" of execution ");
    err(decimal(static_cast<std::int64_t>(execution->index()), number));
    err("\n");
    if (!armed.path.empty()) {
        int fd = ::open(armed.temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            bool written = false;
            {
                Out file(fd);
                file(armed.head);
                file(decimal(static_cast<std::int64_t>(execution->index()), number));
                file(trace_json_steps_open);
                char step_number[24];
                put_trace_rest(
                    steps, [&](std::size_t i) { return execution->step_fields(i, step_number); },
                    [&] {
                        put_failure_json(FailureKind::model_fault, to_string(FailureKind::model_fault), step, task,
                                         signal_text(signal), {}, file);
                    },
                    file);
                file.flush();
                written = file.ok();
            }
            written = ::close(fd) == 0 && written;
            if (written && ::rename(armed.temporary.c_str(), armed.path.c_str()) == 0) {
                err("ktcheck: the trace that led to it: ");
                err(armed.path);
                err(" (ktcheck replay reproduces it)\n");
                err.flush();
                ::_exit(crash_exit_code);
            }
        }
        err("ktcheck: cannot write ");
        err(armed.path);
        err("; the steps that led to it:");
    } else {
        err("ktcheck: the steps that led to it (--trace-dir keeps them as a trace file):");
    }
    put_steps(*execution, err);
    err("\n");
    err.flush();
    ::_exit(crash_exit_code);
}

}  // namespace

CrashGuard::CrashGuard(std::string head, std::string path) {
    if (armed.on) {
        throw std::logic_error("a crash guard is already armed");
    }
    armed.head = std::move(head);
    armed.temporary = path.empty() ? std::string() : path + ".partial";
    armed.path = std::move(path);
    stack_t stack{};
    stack.ss_sp = handler_stack;
    stack.ss_size = sizeof(handler_stack);
    ::sigaltstack(&stack, &armed.previous_stack);
    struct sigaction action{};
    action.sa_handler = on_fault;
    action.sa_flags = static_cast<int>(static_cast<unsigned>(SA_ONSTACK) | static_cast<unsigned>(SA_RESETHAND));
    // Every guarded signal is blocked while the handler runs: a second fault inside it (of
    // any kind) then ends the process the default way instead of running it again.
    sigemptyset(&action.sa_mask);
    for (int signal : guarded) {
        sigaddset(&action.sa_mask, signal);
    }
    for (std::size_t i = 0; i < std::size(guarded); ++i) {
        ::sigaction(guarded[i], &action, &armed.previous[i]);
    }
    armed.on = true;
}

CrashGuard::~CrashGuard() {
    for (std::size_t i = 0; i < std::size(guarded); ++i) {
        ::sigaction(guarded[i], &armed.previous[i], nullptr);
    }
    ::sigaltstack(&armed.previous_stack, nullptr);
    armed.on = false;
}

}  // namespace explorer
