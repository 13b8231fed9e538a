// explorer/strategy/dpor.cpp: source-DPOR with sleep sets over the declared ops.
#include "explorer/strategy/dpor.hpp"

#include <algorithm>
#include <bit>

#include "explorer/runtime/execution.hpp"
#include "explorer/strategy/sleep_set.hpp"

namespace explorer {

namespace {

constexpr std::uint64_t bit(std::uint32_t id) { return std::uint64_t{1} << id; }
std::uint32_t lowest(std::uint64_t mask) { return static_cast<std::uint32_t>(std::countr_zero(mask)); }
std::uint32_t highest(std::uint64_t mask) { return static_cast<std::uint32_t>(63 - std::countl_zero(mask)); }

}  // namespace

// The task to take among `mask`: the first in the search order, not one marked
// schedule_last() (`last`) unless all are.
std::uint32_t DporStrategy::preferred(std::uint64_t mask, std::uint64_t last) const {
    const std::uint64_t first = (mask & ~last) != 0 ? mask & ~last : mask;
    return order_ == Order::lowest_id_first ? lowest(first) : highest(first);
}

bool DporStrategy::begin_execution() {
    depth_ = 0;
    sleep_ = 0;
    seen_events_ = 0;
    event_node_.clear();
    if (!started_) {
        started_ = true;
        return true;
    }
    while (!stack_.empty()) {
        Node& node = stack_.back();
        node.finished += static_cast<double>(complete_ - node.child_began);  // its current child is done
        ++node.finished_children;
        node.child_began = complete_;
        if (node.is_value) {
            if (node.chosen + 1 < node.count) {
                ++node.chosen;
                resumed_at_ = stack_.size() - 1;
                return true;
            }
        } else if (std::uint64_t todo = node.backtrack & ~node.done & ~node.sleep) {
            node.chosen = preferred(todo, node.last);
            node.done |= bit(node.chosen);
            resumed_at_ = stack_.size() - 1;
            return true;
        }
        ops_.resize(node.first_op);
        stack_.pop_back();
    }
    return false;
}

std::size_t DporStrategy::fail(const std::string& what) {
    divergence_ = "choice point " + std::to_string(depth_) + ": " + what +
                  " differs from an earlier execution with the same choices: the program depends on "
                  "something other than its choices";
    return Strategy::diverged;
}

// The sleep set below `node` once its chosen task runs: what slept on arrival and what was
// explored here before, less what the chosen step depends on.
std::uint64_t DporStrategy::child_sleep(const Execution& execution, const Node& node) const {
    std::uint64_t asleep = (node.sleep | node.done) & ~bit(node.chosen);
    return sleep_survivors(execution, asleep, execution.task(node.chosen).pending);
}

std::size_t DporStrategy::pick_task(const Execution& execution, std::span<const TaskId> ready) {
    const std::vector<Event>& events = execution.events();
    for (; seen_events_ < events.size(); ++seen_events_) {
        sleep_ = sleep_survivors(execution, sleep_, events[seen_events_].op);
    }
    std::uint64_t mask = 0;
    for (TaskId id : ready) {
        mask |= bit(id);
    }
    event_node_.push_back(depth_);
    std::size_t position = depth_;
    if (depth_ < stack_.size()) {
        const Node& node = stack_[depth_];
        if (node.is_value || node.ready != mask) {
            return fail("the set of ready tasks");
        }
        for (std::size_t i = 0; i < ready.size(); ++i) {
            if (!(ops_[node.first_op + i] == execution.task(ready[i]).pending)) {
                return fail("the pending operation of " + execution.task(ready[i]).name);
            }
        }
    } else {
        Node node;
        node.ready = mask;
        node.sleep = sleep_;
        node.last = mask & execution.scheduled_last();
        node.first_op = ops_.size();
        for (TaskId id : ready) {
            ops_.push_back(execution.task(id).pending);
        }
        std::uint64_t awake = mask & ~sleep_;
        if (awake == 0) {
            // Sleep-set blocked: every continuation is equivalent to one explored already.
            stack_.push_back(node);
            ++depth_;
            return Strategy::prune;
        }
        node.chosen = preferred(awake, node.last);
        node.backtrack = node.done = bit(node.chosen);
        node.child_began = complete_;
        stack_.push_back(node);
    }
    ++depth_;
    const Node& node = stack_[position];
    sleep_ = child_sleep(execution, node);
    for (std::size_t i = 0; i < ready.size(); ++i) {
        if (ready[i] == node.chosen) {
            return i;
        }
    }
    return fail("the chosen task");
}

std::size_t DporStrategy::pick_value(const Execution& execution, std::size_t count, const char* label) {
    std::uint64_t step = execution.events().size() - 1;
    if (depth_ < stack_.size()) {
        const Node& node = stack_[depth_];
        if (!node.is_value || node.count != count || node.ready != step ||
            !same_kind(ops_[node.first_op].kind, label)) {
            return fail(std::string("the data choice ") + label);
        }
        ++depth_;
        return node.chosen;
    }
    Node node;
    node.is_value = true;
    node.ready = step;
    node.count = static_cast<std::uint32_t>(count);
    node.first_op = ops_.size();
    node.child_began = complete_;
    ops_.push_back(Op{label});
    stack_.push_back(node);
    ++depth_;
    return 0;
}

void DporStrategy::end_execution(const Execution& execution) {
    const bool complete = !execution.pruned() || execution.failure().has_value();
    if (complete) {
        ++complete_;  // as explore() counts them
    }
    analyse_races(execution);
    if (depth_ < stack_.size()) {
        ops_.resize(stack_[depth_].first_op);
        stack_.resize(depth_);
    }
}

double DporStrategy::estimated_executions() const {
    // Bottom-up along the current path: below the deepest node, what is already counted.
    double below = 0;
    for (std::size_t d = stack_.size(); d-- > 0;) {
        const Node& node = stack_[d];
        const double current = std::max(below, static_cast<double>(complete_ - node.child_began));
        const double pending = node.is_value
                                   ? static_cast<double>(node.count - node.chosen - 1)
                                   : static_cast<double>(std::popcount(node.backtrack & ~node.done & ~node.sleep));
        const double mean = (node.finished + current) / static_cast<double>(node.finished_children + 1);
        below = node.finished + current + pending * mean;
    }
    return stack_.empty() ? static_cast<double>(complete_) : below;
}

// The steps this execution shares with the previous one: those before the node
// begin_execution() changed (a value node: before the step that made the choice).
std::size_t DporStrategy::shared_prefix(const Execution& execution) const {
    if (analysed_ == 0 || resumed_at_ >= stack_.size() || execution.objects().size() != analysed_objects_) {
        return 0;
    }
    const Node& node = stack_[resumed_at_];
    std::size_t steps = 0;
    if (node.is_value) {
        steps = node.ready;  // the step that made the choice is redone
    } else {
        while (steps < event_node_.size() && event_node_[steps] < resumed_at_) {
            ++steps;
        }
    }
    return std::min(steps, analysed_);
}

// Happens-before by vector clocks (program order, spawn and wake-up edges, and dependent
// steps in execution order). For each race i < j (dependent steps of different tasks, i
// directly before j in happens-before), v is the steps after i that do not happen after
// it, then j; unless a first step of v (an "initial") is already scheduled or asleep at
// i's node, one enabled initial is added to its backtrack set.
// A lock (explorer/lock.hpp) is not a step of the task waiting for it, so a step that takes
// a lock cannot be reversed with the steps of the section before it, only with that
// section's acquire ("lock success" races, as in Nidhugg): the release orders them. A task
// still waiting for a lock at the end races with the acquire of the section that holds it
// ("lock fail"). A step that takes a turn (explorer/turn.hpp) happens after the turns before
// it: that order is enabling, not a race, so it is joined, never reversed.
// Only the steps after the shared prefix are analysed: a race of two shared steps was found
// last time, and what it added to a backtrack set is still there.
void DporStrategy::analyse_races(const Execution& execution) {
    const std::vector<Event>& events = execution.events();
    const std::size_t n = std::min(events.size(), event_node_.size());
    const std::size_t tasks = execution.task_count();
    std::size_t keep = shared_prefix(execution);
    if (tasks > stride_) {
        stride_ = tasks;  // a new layout: nothing kept
        keep = 0;
    }
    keep = std::min(keep, n);
    if (keep == 0) {
        accesses_.reset(execution.objects().size());
    } else {
        accesses_.truncate(static_cast<std::uint32_t>(keep));
    }
    analysed_objects_ = execution.objects().size();
    analysed_ = n;
    clocks_.resize((n + 1) * stride_);  // and one for a waiter's step that never ran
    std::fill(clocks_.begin() + static_cast<std::ptrdiff_t>(keep * stride_), clocks_.end(), 0);
    position_.resize(n);
    section_.resize(n);
    last_.assign(tasks, -1);
    edge_.assign(tasks, -1);
    turn_last_.clear();
    section_start_.assign(tasks, 0);
    counts_.assign(tasks, 0);
    first_in_v_.assign(tasks, 0);
    auto clock = [&](std::size_t e) { return &clocks_[e * stride_]; };
    auto join = [&](std::uint32_t* into, const std::uint32_t* from) {
        for (std::size_t t = 0; t < tasks; ++t) {
            into[t] = std::max(into[t], from[t]);
        }
    };
    // A task's next step happens after its previous step and after the step that woke it.
    auto join_task_predecessors = [&](std::uint32_t* into, TaskId task) {
        if (last_[task] >= 0) {
            join(into, clock(static_cast<std::size_t>(last_[task])));
        }
        if (edge_[task] >= 0) {
            join(into, clock(static_cast<std::size_t>(edge_[task])));
        }
    };
    // The steps before `end` that may be dependent with `op` (those on its objects; all of them
    // when an object is not indexed), latest first.
    auto for_each_earlier = [&](const Op& op, std::size_t end, auto&& visit) {
        if (accesses_.indexes(op)) {
            accesses_.for_each_before(op, visit);
        } else {
            for (std::size_t i = end; i-- > 0;) {
                visit(i);
            }
        }
    };
    // The race of step i with a step of task `task` (steps before `end` are the candidates for
    // v): is one of v's initials already covered at i's node? `declared` is the second step's op as it was declared, not as it refined itself: reversed,
    // it runs before i, in another state, and may do all it declared (a wait that found its
    // completion done and touched nothing of its task blocks when it comes first). Whether it
    // is an initial of the reversal is decided on that op; the steps of v keep their refined
    // ops (they run in the same states as here: nothing they read is removed).
    auto reverse = [&](std::size_t i, TaskId task, const Op& declared, std::size_t end) {
        const Event& ei = events[i];
        Node& node = stack_[event_node_[i]];
        std::uint64_t initials = 0;
        bool second_has_predecessor = false;
        std::fill(first_in_v_.begin(), first_in_v_.end(), 0);
        auto consider = [&](const std::uint32_t* ck, TaskId t) {
            for (std::size_t u = 0; u < tasks; ++u) {
                if (first_in_v_[u] != 0 && first_in_v_[u] <= ck[u]) {
                    return;  // a step of v happens before k
                }
            }
            initials |= bit(t);
        };
        for (std::size_t k = i + 1; k < end; ++k) {
            if (clock(k)[ei.task] >= position_[i]) {
                continue;  // happens after i
            }
            const Event& ek = events[k];
            if (first_in_v_[ek.task] == 0) {
                consider(clock(k), ek.task);
                first_in_v_[ek.task] = position_[k];
            }
            second_has_predecessor = second_has_predecessor || ek.task == task || (ek.woke & bit(task)) != 0 ||
                                     dependent(ek.op, declared) ||
                                     (declared.turn != no_object && ek.op.turn == declared.turn);
        }
        if (!second_has_predecessor) {
            initials |= bit(task);
        }
        if ((initials & (node.backtrack | node.sleep)) == 0) {
            std::uint64_t enabled = initials & node.ready;
            if (enabled != 0) {
                node.backtrack |= bit(preferred(enabled, node.last));
            } else {
                ++fallbacks_;
                node.backtrack |= node.ready;
            }
        }
    };
    // Step j's op as its task declared it (the node's copy of the pending ops).
    auto declared_op = [&](std::size_t j) -> const Op& {
        const Node& at = stack_[event_node_[j]];
        const std::uint64_t below = at.ready & (bit(events[j].task) - 1);
        return ops_[at.first_op + static_cast<std::size_t>(std::popcount(below))];
    };
    // The latest step that took a turn of `turnstile` (its clock holds every earlier turn's).
    auto last_turn = [&](ObjectId turnstile) -> std::int64_t& {
        for (auto& [obj, step] : turn_last_) {
            if (obj == turnstile) {
                return step;
            }
        }
        return turn_last_.emplace_back(turnstile, -1).second;
    };
    // The shared steps: their clocks, positions and index entries are kept; only the per-task
    // bookkeeping the later steps start from is replayed.
    for (std::size_t j = 0; j < keep; ++j) {
        const Event& ej = events[j];
        edge_[ej.task] = -1;
        ++counts_[ej.task];
        last_[ej.task] = static_cast<std::int64_t>(j);
        if (ej.op.acquires) {
            section_start_[ej.task] = static_cast<std::uint32_t>(j);
        }
        if (ej.op.turn != no_object) {
            last_turn(ej.op.turn) = static_cast<std::int64_t>(j);
        }
        for (std::uint64_t m = ej.woke; m != 0; m &= m - 1) {
            edge_[lowest(m)] = static_cast<std::int64_t>(j);
        }
    }
    for (std::size_t j = keep; j < n; ++j) {
        const Event& ej = events[j];
        std::uint32_t* cj = clock(j);
        join_task_predecessors(cj, ej.task);
        if (ej.op.turn != no_object) {
            // A turn is enabled by the turns before it: ordered after them, never reversed.
            std::int64_t& previous = last_turn(ej.op.turn);
            if (previous >= 0) {
                join(cj, clock(static_cast<std::size_t>(previous)));
            }
            previous = static_cast<std::int64_t>(j);
        }
        edge_[ej.task] = -1;
        position_[j] = ++counts_[ej.task];
        if (ej.op.acquires) {
            section_start_[ej.task] = static_cast<std::uint32_t>(j);
        }
        section_[j] = ej.op.lock != no_object ? section_start_[ej.task] : static_cast<std::uint32_t>(j);
        lock_races_.clear();
        const Op& declared_j = declared_op(j);
        auto visit = [&](std::size_t i) {
            const Event& ei = events[i];
            if (ei.task == ej.task || cj[ei.task] >= position_[i]) {
                return;
            }
            if (!dependent(ei.op, ej.op)) {
                // Not ordered here (the steps did not conflict as they ran), but they would
                // as declared: one of them narrowed itself in this state (refine()), and in
                // another order it may not. A race to reverse, not an order: without it, a
                // reversal that needs the other order of these two is never found (a wait that
                // found its completion done, and a fatal signal after it).
                if ((ei.narrowed || ej.narrowed) && narrowed_race(declared_op(i), ei.op, declared_j, ej.op)) {
                    reverse(i, ej.task, declared_j, j);
                }
                return;
            }
            if (saw_wake(ei.op, ej.op)) {
                join(cj, clock(i));  // ordered, never reversed (explorer/op.hpp)
                return;
            }
            if (ej.op.acquires && ei.op.lock == ej.op.lock) {
                // j takes the lock i's section held: the race is with the section's acquire,
                // decided once j's clock is complete (steps between them may precede j).
                std::uint32_t acquire = section_[i];
                if (cj[ei.task] < position_[acquire]) {
                    lock_races_.push_back(acquire);
                }
            } else {
                reverse(i, ej.task, declared_j, j);
            }
            join(cj, clock(i));
        };
        // Only steps on one of j's objects can be dependent with it: visit those, latest first
        // (a race joins i's clock into j's, which hides the earlier steps i happens after).
        for_each_earlier(declared_j, j, visit);
        for (std::uint32_t acquire : lock_races_) {
            reverse(acquire, ej.task, declared_j, j);
        }
        accesses_.add(declared_j, static_cast<std::uint32_t>(j));
        cj[ej.task] = position_[j];
        last_[ej.task] = static_cast<std::int64_t>(j);
        for (std::uint64_t m = ej.woke; m != 0; m &= m - 1) {
            edge_[lowest(m)] = static_cast<std::int64_t>(j);
        }
    }
    // Lock fail: a task whose step takes a lock another task still holds. Its step's clock is
    // what it would be if it ran now, but for the holder's section (from the acquire it races
    // with): the step also touches its own objects, and what touched them before it matters.
    std::uint32_t* waiting = clock(n);
    for (const Execution::LockWait& wait : execution.lock_waits()) {
        const TaskId t = wait.task;
        const TaskId holder = wait.holder;
        if (holder == no_task || holder >= tasks || counts_[holder] == 0) {
            continue;
        }
        const std::uint32_t acquire = section_start_[holder];
        std::fill(waiting, waiting + stride_, 0);
        join_task_predecessors(waiting, t);
        auto visit = [&](std::size_t i) {
            const Event& ei = events[i];
            if (ei.task == t || (ei.task == holder && i >= acquire) || !dependent(ei.op, wait.step) ||
                waiting[ei.task] >= position_[i]) {
                return;
            }
            join(waiting, clock(i));
        };
        for_each_earlier(wait.step, n, visit);
        if (acquire < n && waiting[holder] < position_[acquire]) {
            reverse(acquire, t, wait.step, n);
        }
    }
}

}  // namespace explorer
