// model/outcome.cpp: the canonical summary of an execution's end state, on which strategies are
// cross-checked: each requester's return, what became of its create, and its thread's state.
#include "model/outcome.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "model/kthread/world.hpp"

namespace model {

namespace {

std::string return_text(const TaskOrErr& ret) {
    if (!ret.is_err()) {
        return ret.task == nullptr ? "NULL" : ret.task->comm;
    }
    return "ERR_PTR(" + std::to_string(ret.err) + ")";
}

std::string fate(const Block& block) {
    if (block.on_stack) {
        return "on the stack";
    }
    if (block.live.peek()) {
        return "allocated";
    }
    return block.freed_by.empty() ? "never allocated" : "freed by " + block.freed_by;
}

std::string task_text(const TaskStruct& t) {
    switch (explorer::state_of(t.tid)) {
        case explorer::TaskState::finished: return "finished";
        case explorer::TaskState::blocked: return std::string("blocked in ") + t.sleeping_in;
        default: return "running";
    }
}

// `text` with each "requester<i>" renamed to "requester<to[i]>", its lines sorted.
std::string renamed(const std::string& text, const std::vector<std::size_t>& to) {
    const std::string prefix = requester_prefix;
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text.compare(i, prefix.size(), prefix) == 0) {
            std::size_t digits = i + prefix.size();
            std::size_t end = digits;
            while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) {
                ++end;
            }
            if (end > digits) {
                const std::size_t index = std::stoul(text.substr(digits, end - digits));
                out += prefix + std::to_string(index < to.size() ? to[index] : index);
                i = end;
                continue;
            }
        }
        out += text[i++];
    }
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < out.size()) {
        std::size_t newline = out.find('\n', start);
        std::size_t stop = newline == std::string::npos ? out.size() : newline + 1;
        lines.push_back(out.substr(start, stop - start));
        start = stop;
    }
    std::sort(lines.begin(), lines.end());
    std::string sorted;
    for (const std::string& line : lines) {
        sorted += line;
    }
    return sorted;
}

}  // namespace

std::string up_to_renaming(const std::string& outcome, const ModelConfig& config) {
    // Every renaming that permutes requesters with equal configurations among themselves:
    // enumerate the permutations of the indices and keep those.
    const std::size_t n = config.requesters.size();
    std::vector<std::size_t> to(n);
    for (std::size_t i = 0; i < n; ++i) {
        to[i] = i;
    }
    std::string least;
    bool first = true;
    do {
        bool within_groups = true;
        for (std::size_t i = 0; i < n && within_groups; ++i) {
            within_groups = config.requesters[i] == config.requesters[to[i]];
        }
        if (!within_groups) {
            continue;
        }
        std::string candidate = renamed(outcome, to);
        if (first || candidate < least) {
            least = std::move(candidate);
            first = false;
        }
    } while (std::next_permutation(to.begin(), to.end()));
    return least;
}

std::string describe_outcome(const Kthreads& k) {
    std::string out;
    for (const Requester& r : k.requesters) {
        out += r.name + ": " + (r.returned ? "returns " + return_text(r.ret) : task_text(*r.task));
        if (k.ghost.of(*r.task).got_fatal_signal) {
            out += " (killed)";
        }
        if (r.create != nullptr) {
            out += "; create " + fate(r.create->block);
            const Block* full_name = r.create->full_name.peek();
            if (full_name != nullptr) {
                out += ", full_name " + (k.ghost.owned_by_thread(*full_name) ? std::string("owned by the thread") : fate(*full_name));
            }
        }
        out += "; done completed by " + (r.done.completed_by.empty() ? std::string("nobody") : r.done.completed_by);
        out += "\n";
    }
    for (const NewThread& t : k.new_threads) {
        out += t.task->comm + ": " + task_text(*t.task) + ", threadfn ran " + std::to_string(k.ghost.of(*t.task).threadfn_runs) +
               (t.task->exited.peek() ? ", exit code " + std::to_string(t.task->exit_code.peek()) : "") + "\n";
    }
    return out;
}

}  // namespace model
