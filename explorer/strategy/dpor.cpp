// explorer/strategy/dpor.cpp: DPOR with sleep sets over the declared ops: wakeup trees or source sets.
#include "explorer/strategy/dpor.hpp"

#include <algorithm>
#include <bit>
#include <limits>
#include <span>

#include "explorer/runtime/execution.hpp"
#include "explorer/strategy/sleep_set.hpp"

namespace explorer {

namespace {

constexpr std::uint64_t bit(std::uint32_t id) { return std::uint64_t{1} << id; }
std::uint32_t lowest(std::uint64_t mask) { return static_cast<std::uint32_t>(std::countr_zero(mask)); }
std::uint32_t highest(std::uint64_t mask) { return static_cast<std::uint32_t>(63 - std::countl_zero(mask)); }

// Whether step `k` must come before the reversed second step of a race, a step of `task`
// declared as `declared`: the same task, its wake-up, a conflict, or an earlier turn.
bool precedes_second(const Event& k, TaskId task, const Op& declared) {
    return k.task == task || (k.woke & bit(task)) != 0 || dependent(k.op, declared) ||
           (declared.turn != no_object && k.op.turn == declared.turn);
}

// The data choices step `k` made.
std::span<const std::size_t> choices_of(const Execution& execution, std::size_t k) {
    const Event& e = execution.events()[k];
    return {execution.choices().data() + e.first_choice, e.choice_count};
}

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
    guide_.clear();
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
                if (node.owed) {
                    for (Guidance& g : node.owed->waiting) {
                        if (!g.tree.empty() && g.values()[g.at] == node.chosen) {
                            ++g.at;
                            guide_.push_back(std::move(g));
                            g.tree = WakeupTree{};
                        }
                    }
                }
                resumed_at_ = stack_.size() - 1;
                return true;
            }
        } else if (sets_ == Sets::wakeup_trees) {
            if (std::uint32_t child = tree_of(node).first_child(tree_of(node).root()); child != WakeupTree::none) {
                start_branch(node, child);
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
            stack_.push_back(std::move(node));
            ++depth_;
            return Strategy::prune;
        }
        if (sets_ == Sets::wakeup_trees) {
            take_guided(node, execution, awake);
        } else {
            node.chosen = preferred(awake, node.last);
            node.backtrack = node.done = bit(node.chosen);
        }
        node.child_began = complete_;
        stack_.push_back(std::move(node));
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
    // The guided step replays the choices it made where its reversal was seen: a guidance whose
    // value here is not 0 (the value taken first) waits on this node until that value's turn.
    std::vector<Guidance> going_on;
    for (Guidance& g : guide_) {
        if (g.tree.empty()) {
            continue;  // a last step (a reversed one: its choices were not seen): nothing follows
        }
        if (g.at >= g.values().size() || g.values()[g.at] >= node.count) {
            ++fallbacks_;  // the step chose otherwise than where it was seen: unguided from here
        } else if (g.values()[g.at] == 0) {
            ++g.at;
            going_on.push_back(std::move(g));  // (not into guide_ in place: a self-move empties it)
        } else {
            owed(node).waiting.push_back(std::move(g));
        }
    }
    guide_ = std::move(going_on);
    ops_.push_back(Op{label});
    stack_.push_back(std::move(node));
    ++depth_;
    return 0;
}

// Begins branch `child` of the node's wakeup tree: its task runs here; what follows it in the
// tree guides the nodes below.
void DporStrategy::start_branch(Node& node, std::uint32_t child) {
    WakeupTree& tree = owed(node).tree;
    node.chosen = tree.step(child).task;
    node.done |= bit(node.chosen);
    node.backtrack |= bit(node.chosen);
    guide_.clear();
    for (std::uint32_t c = child; c != WakeupTree::none;) {
        const std::uint32_t next = tree.next_sibling(c);
        if (tree.step(c).task == node.chosen) {
            guide_.push_back(Guidance{0, tree.take_branch(c)});
        }
        c = next;
    }
}

// Every ready task not done, asleep or owed already becomes a branch of its own (the fallback
// when a reversal cannot be placed: what source-DPOR's fallback does).
void DporStrategy::owe_every_ready(Node& node, const Execution& execution) {
    std::uint64_t done = node.done | node.sleep;
    WakeupTree& tree = owed(node).tree;
    for (std::uint32_t c = tree.first_child(tree.root()); c != WakeupTree::none; c = tree.next_sibling(c)) {
        done |= bit(tree.step(c).task);
    }
    for (std::uint64_t m = node.ready & ~done; m != 0; m &= m - 1) {
        const std::uint32_t t = lowest(m);
        WakeupStep one{t, execution.task(t).name_hash, pending_op(node, t), {}};
        tree.add_chain(tree.root(), std::span<WakeupStep>(&one, 1));
        node.backtrack |= bit(t);
    }
}

// The task of `mask` named as `step` says (ids follow the order of spawns, names do not): its
// own id when that still names it, no_task when none does.
TaskId DporStrategy::named(const Execution& execution, const WakeupStep& step, std::uint64_t mask) {
    const std::size_t count = execution.task_count();
    mask &= count >= Execution::max_tasks ? ~std::uint64_t{0} : bit(static_cast<std::uint32_t>(count)) - 1;
    if (step.task < count && (mask & bit(step.task)) != 0 &&
        execution.task(step.task).name_hash == step.who) {
        return step.task;
    }
    for (std::uint64_t m = mask; m != 0; m &= m - 1) {
        if (execution.task(lowest(m)).name_hash == step.who) {
            return lowest(m);
        }
    }
    return no_task;
}

// The node's owed branches and guidance, made when first needed.
DporStrategy::Owed& DporStrategy::owed(Node& node) {
    if (!node.owed) {
        node.owed = std::make_unique<Owed>();
    }
    return *node.owed;
}

const WakeupTree& DporStrategy::tree_of(const Node& node) {
    static const WakeupTree none;
    return node.owed ? node.owed->tree : none;
}

// A task's pending op at `node` (the node's copy of the ready tasks' ops).
const Op& DporStrategy::pending_op(const Node& node, TaskId task) const {
    return ops_[node.first_op + static_cast<std::size_t>(std::popcount(node.ready & (bit(task) - 1)))];
}

// A new task node below a guided step: the guidance is its wakeup tree. Its first branch whose
// task is awake runs; a branch whose task is asleep is equivalent to one explored (dropped); a
// branch whose task is not ready means the guidance was wrong (an alarm, and the fallback).
void DporStrategy::take_guided(Node& node, const Execution& execution, std::uint64_t awake) {
    for (const Guidance& g : guide_) {
        if (g.tree.empty()) {
            continue;
        }
        if (g.at < g.values().size()) {
            ++fallbacks_;  // the guided step made fewer choices than where it was seen
        } else {
            owed(node).tree.graft(g.tree);
        }
    }
    guide_.clear();
    // The branches whose task is missing (the alarm) or asleep go; the first one left runs.
    bool lost = false;
    for (std::uint32_t c = tree_of(node).first_child(tree_of(node).root()); c != WakeupTree::none;) {
        WakeupTree& tree = node.owed->tree;
        const std::uint32_t next = tree.next_sibling(c);
        const TaskId t = named(execution, tree.step(c), node.ready);
        if (t == no_task || (awake & bit(t)) == 0) {
            lost = lost || t == no_task;
            tree.unlink(c);
        } else {
            tree.rename(c, t);
            node.backtrack |= bit(t);
        }
        c = next;
    }
    if (lost) {
        ++fallbacks_;
        owe_every_ready(node, execution);
    }
    if (std::uint32_t first = tree_of(node).first_child(tree_of(node).root()); first != WakeupTree::none) {
        start_branch(node, first);
    } else {
        node.chosen = preferred(awake, node.last);
        node.done |= bit(node.chosen);
        node.backtrack |= bit(node.chosen);
    }
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

// Step `step`'s op as its task declared it.
const Op& DporStrategy::declared_op(std::size_t step, const Execution& execution) const {
    return pending_op(stack_[event_node_[step]], execution.events()[step].task);
}

// Optimal DPOR's reversal of the race of step i with a step of `task` (declared as `declared`;
// steps before `end` are the candidates): v is the steps after i that do not happen after it,
// then that step. Unless a task asleep at i's node is a weak initial of v (its next step can
// start v: an initial of v, or independent of all of it), v is inserted into the node's
// wakeup tree: down the branches that begin with a weak initial of what is left of v (taking
// that step out of it), stopping at a leaf (an execution that will reverse the race anyway),
// else what is left becomes a new branch there. Dependence is judged on declared ops.
void DporStrategy::insert_reversal(Node& node, const Execution& execution, std::size_t i, TaskId task,
                                   const Op& declared, std::size_t end) {
    const std::vector<Event>& events = execution.events();
    const std::size_t tasks = execution.task_count();
    const TaskId ti = events[i].task;
    auto clock = [&](std::size_t e) { return &clocks_[e * stride_]; };
    v_.clear();
    v_rank_.clear();
    v_by_task_.resize(std::max(v_by_task_.size(), tasks));
    for (std::size_t u = 0; u < tasks; ++u) {
        v_by_task_[u].clear();
    }
    v_lo_.assign(tasks, std::numeric_limits<std::uint32_t>::max() / 2);
    v_placed_.assign(tasks, 0);
    second_clock_.assign(stride_, 0);
    for (std::size_t k = i + 1; k < end; ++k) {
        if (clock(k)[ti] >= position_[i]) {
            continue;  // happens after i
        }
        const Event& ek = events[k];
        if (v_by_task_[ek.task].empty()) {
            v_lo_[ek.task] = position_[k];
        }
        v_rank_.push_back(static_cast<std::uint32_t>(v_by_task_[ek.task].size()));
        v_by_task_[ek.task].push_back(static_cast<std::uint32_t>(v_.size()));
        v_.push_back(static_cast<std::uint32_t>(k));
        if (precedes_second(ek, task, declared)) {
            const std::uint32_t* ck = clock(k);
            for (std::size_t u = 0; u < tasks; ++u) {
                second_clock_[u] = std::max(second_clock_[u], ck[u]);
            }
        }
    }
    v_rank_.push_back(static_cast<std::uint32_t>(v_by_task_[task].size()));
    v_by_task_[task].push_back(static_cast<std::uint32_t>(v_.size()));
    v_.push_back(reversed);

    auto task_of = [&](std::size_t b) { return v_[b] == reversed ? task : events[v_[b]].task; };
    auto op_of = [&](std::size_t b) -> const Op& { return v_[b] == reversed ? declared : declared_op(v_[b], execution); };
    auto clock_of = [&](std::size_t b) -> const std::uint32_t* {
        return v_[b] == reversed ? second_clock_.data() : clock(v_[b]);
    };
    auto placed = [&](std::size_t b) { return v_rank_[b] < v_placed_[task_of(b)]; };
    // Whether every step of v before b in happens-before is placed: b can come next.
    auto can_start = [&](std::size_t b) {
        const std::uint32_t* cb = clock_of(b);
        const TaskId tb = task_of(b);
        for (std::size_t u = 0; u < tasks; ++u) {
            if (u != tb && v_placed_[u] < v_by_task_[u].size() && cb[u] >= v_lo_[u] + v_placed_[u]) {
                return false;
            }
        }
        return true;
    };
    // Whether a pending step doing `op` commutes with every step of v not placed, judged as the
    // sleep sets judge it (explorer/strategy/sleep_set.hpp: on declared ops; wake-ups are not
    // consulted there either) and with a turn taken in order: the sleep check and the tree walk
    // must judge alike, or a branch a sleeping task covers is added beside it and then skipped.
    auto commutes_with_rest = [&](const Op& op) {
        for (std::size_t b = 0; b < v_.size(); ++b) {
            if (placed(b)) {
                continue;
            }
            const Op& ob = op_of(b);
            if (dependent(op, ob) || (op.turn != no_object && op.turn == ob.turn)) {
                return false;
            }
        }
        return true;
    };
    // Whether task t, whose next step does `op`, is a weak initial of what is left of v; if it
    // has a step there, that step is placed.
    // (no_task: a task not of this execution, so not in v.)
    auto weak_initial = [&](TaskId t, const Op* op) {
        if (t < tasks && v_placed_[t] < v_by_task_[t].size()) {
            if (!can_start(v_by_task_[t][v_placed_[t]])) {
                return false;
            }
            ++v_placed_[t];
            return true;
        }
        return op != nullptr && commutes_with_rest(*op);
    };

    // Whether the step of v at b makes the data choices `values`.
    auto same_choices = [&](const std::vector<std::uint32_t>& values, std::size_t b) {
        if (v_[b] == reversed) {
            return values.empty();
        }
        const std::span<const std::size_t> made = choices_of(execution, v_[b]);
        return std::equal(values.begin(), values.end(), made.begin(), made.end(),
                          [](std::uint32_t x, std::size_t y) { return x == y; });
    };
    // A task asleep here that is a weak initial of v (an initial of it, or a step that commutes
    // with all of it): v's reversal is equivalent to an execution explored. (A first version
    // restricted this to executions without locks, spawns and data choices, after it lost
    // executions on random programs 3, 90, 270 and 276: the cause was guidance lost past a data
    // choice of value 0, fixed in pick_value(); the full check passes every cross-check.)
    for (std::uint64_t m = node.sleep | (node.done & ~bit(node.chosen)); m != 0; m &= m - 1) {
        const std::uint32_t q = lowest(m);
        const Op* op = (node.ready & bit(q)) != 0 ? &pending_op(node, q) : nullptr;
        const bool initial = weak_initial(q, op);
        std::fill(v_placed_.begin(), v_placed_.end(), 0);
        if (initial) {
            return;
        }
    }

    const WakeupTree& tree = tree_of(node);
    std::uint32_t at = tree.root();
    std::size_t left = v_.size();
    while (true) {
        std::uint32_t matched = WakeupTree::none;
        for (std::uint32_t c = tree.first_child(at); c != WakeupTree::none; c = tree.next_sibling(c)) {
            const WakeupStep& step = tree.step(c);
            // Spawned in another order where the branch was added: found by name.
            const TaskId t = named(execution, step, ~std::uint64_t{0});
            const std::uint32_t before = t < tasks ? v_placed_[t] : 0;
            if (t < tasks && v_placed_[t] < v_by_task_[t].size() &&
                !same_choices(step.values, v_by_task_[t][v_placed_[t]])) {
                continue;  // that step with other data choices: another branch
            }
            if (weak_initial(t, &step.op)) {
                left -= t < tasks ? v_placed_[t] - before : 0;
                matched = c;
                break;
            }
        }
        if (matched == WakeupTree::none) {
            break;
        }
        at = matched;
        if (tree.leaf(at) || left == 0) {
            return;  // an execution already owed here reverses the race too
        }
    }

    // What is left of v, in order; at the node itself it must begin with a ready task.
    std::vector<WakeupStep> chain;
    chain.reserve(left);
    std::size_t first = v_.size();
    if (at == tree.root()) {
        for (std::size_t b = 0; b < v_.size(); ++b) {
            if (!placed(b) && (node.ready & bit(task_of(b))) != 0 && can_start(b)) {
                first = b;
                break;
            }
        }
        if (first == v_.size()) {
            ++fallbacks_;
            owe_every_ready(node, execution);
            return;
        }
    }
    auto add = [&](std::size_t b) {
        WakeupStep s{task_of(b), execution.task(task_of(b)).name_hash, op_of(b), {}};
        if (v_[b] != reversed) {
            const std::span<const std::size_t> made = choices_of(execution, v_[b]);
            s.values.assign(made.begin(), made.end());
        }
        chain.push_back(std::move(s));
    };
    if (first != v_.size()) {
        add(first);
    }
    for (std::size_t b = 0; b < v_.size(); ++b) {
        if (b != first && !placed(b)) {
            add(b);
        }
    }
    if (at == tree.root()) {
        node.backtrack |= bit(chain.front().task);
    }
    owed(node).tree.add_chain(at, chain);
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
        if (sets_ == Sets::wakeup_trees) {
            insert_reversal(node, execution, i, task, declared, end);
            return;
        }
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
            second_has_predecessor = second_has_predecessor || precedes_second(ek, task, declared);
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
    auto declared_op = [&](std::size_t j) -> const Op& { return this->declared_op(j, execution); };
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
