// explorer/strategy/dpor.hpp: dynamic partial-order reduction (wakeup trees or source sets, with sleep sets).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "explorer/strategy/access_index.hpp"
#include "explorer/strategy/strategy.hpp"
#include "explorer/strategy/wakeup_tree.hpp"

namespace explorer {

// Dynamic partial-order reduction with sleep sets, stateless: optimal DPOR with wakeup trees
// (Abdulla, Aronis, Jonsson, Sagonas, JACM 2017; the default, strategy "dpor") or source-DPOR
// with source sets (POPL 2014; strategy "dpor-source"). Two steps are dependent when their
// declared ops touch a common object and one writes it (explorer/op.hpp); spawns and wake-ups
// add happens-before edges. Every Mazurkiewicz trace of the program is explored by exactly one
// complete execution; executions that the sleep sets show to be redundant are cut short
// ("pruned"). With wakeup trees each node keeps, for every race it must reverse, the whole
// sequence that reverses it, and the next executions follow it: none ends sleep-set blocked on
// the engine's pinned programs. Data choices are explored in full at every value node, so
// blocked executions can remain below a guided step's other values.
class DporStrategy final : public Strategy {
public:
    // The search order: which task a choice point takes first, among those not marked
    // schedule_last(). It changes the executions explored (not their soundness: the tests run
    // the cross-checks in both orders).
    enum class Order : std::uint8_t { lowest_id_first, highest_id_first };
    // What a node keeps of the reversals it owes: wakeup trees (optimal DPOR: the sequence that
    // reverses each race, so that no execution ends sleep-set blocked) or source sets (the
    // first step of each, as in source-DPOR: the rest is found again, sometimes by executions
    // that end blocked).
    enum class Sets : std::uint8_t { wakeup_trees, source_sets };
    DporStrategy() = default;
    explicit DporStrategy(Order order) : order_(order) {}
    explicit DporStrategy(Sets sets) : sets_(sets) {}
    DporStrategy(Order order, Sets sets) : order_(order), sets_(sets) {}

    const char* name() const override { return sets_ == Sets::wakeup_trees ? "dpor" : "dpor-source"; }
    bool begin_execution() override;
    std::size_t pick_task(const Execution& execution, std::span<const TaskId> ready) override;
    std::size_t pick_value(const Execution& execution, std::size_t count, const char* label) override;
    void end_execution(const Execution& execution) override;
    bool consult_every_step() const override { return true; }
    bool explores_past_failures() const override { return true; }
    std::string divergence() const override { return divergence_; }

    // Races whose reversal found none of its first steps enabled, and wakeup sequences that
    // departed from what the execution did (a soundness alarm: the fallback then schedules
    // every enabled task). Zero in every test.
    std::uint64_t fallbacks() const { return fallbacks_; }

    // An estimate of the complete executions the whole search explores, from the part of the
    // tree explored so far (the recursive estimator of Simsa, Bryant and Gibson, "Runtime
    // estimation and resource allocation for concurrency testing", 2012): at each choice point
    // on the current path, each alternative still to explore is taken to be as large as the
    // mean of its siblings explored so far (the current one by its own estimate). Exact once
    // the search is complete; a function of the executions explored (no clock).
    double estimated_executions() const;

private:
    // What guides the nodes after a step taken from a wakeup tree: the data choices the step
    // makes there (`at`: how many made so far) and, once it made them all, the tree owed next.
    // Branches of one task with other choices are taken together: each is followed at its values.
    struct Guidance {
        std::uint32_t at = 0;
        WakeupTree tree;  // its root: the guided step
        const std::vector<std::uint32_t>& values() const { return tree.step(tree.root()).values; }
    };

    // A task node's branches still owed (the one running and those done are unlinked); a value
    // node's guidance for its values still to come, kept until taken.
    struct Owed {
        WakeupTree tree;
        std::vector<Guidance> waiting;
    };

    // One choice point. Task nodes exist for every step (ready: the tasks that could run,
    // their ops in ops_[first_op...]); value nodes for each data choice.
    struct Node {
        bool is_value = false;
        std::uint64_t ready = 0;      // task node: ready set; value node: the step index
        std::uint64_t backtrack = 0;  // tasks to explore here
        std::uint64_t done = 0;       // tasks explored (or being explored) here
        std::uint64_t sleep = 0;      // tasks asleep on arrival
        std::uint64_t last = 0;       // ready tasks marked schedule_last(): taken only when no other will do
        std::uint32_t chosen = 0;     // task id, or value
        std::uint32_t count = 0;      // value node: number of values
        std::size_t first_op = 0;     // ops_ index of the ready tasks' ops (value node: label)
        // Wakeup trees only (null under source sets and until needed, so that a node stays
        // small on the hot path): what the node still owes.
        std::unique_ptr<Owed> owed;
        // For the estimate: the complete executions below the children explored before the
        // current one, how many those children are, and the count when the current one began.
        double finished = 0;
        std::uint32_t finished_children = 0;
        std::uint64_t child_began = 0;
    };

    std::uint64_t child_sleep(const Execution& execution, const Node& node) const;
    std::uint32_t preferred(std::uint64_t mask, std::uint64_t last) const;
    std::size_t fail(const std::string& what);
    void analyse_races(const Execution& execution);
    std::size_t shared_prefix(const Execution& execution) const;
    void start_branch(Node& node, std::uint32_t child);
    void owe_every_ready(Node& node, const Execution& execution);
    void take_guided(Node& node, const Execution& execution, std::uint64_t awake);
    static TaskId named(const Execution& execution, const WakeupStep& step, std::uint64_t mask);
    const Op& pending_op(const Node& node, TaskId task) const;
    static Owed& owed(Node& node);
    static const WakeupTree& tree_of(const Node& node);
    void insert_reversal(Node& node, const Execution& execution, std::size_t i, TaskId task, const Op& declared,
                         std::size_t end);
    const Op& declared_op(std::size_t step, const Execution& execution) const;

    // The race analysis of the previous execution, kept for the steps the next one shares
    // with it (those before the node begin_execution() changed): their clocks and races are
    // the same, and what their races added to backtrack sets is there already.
    std::vector<std::uint32_t> clocks_;    // per step, a vector clock of `stride_` entries
    std::vector<std::uint32_t> position_;  // per step, its 1-based index within its task
    std::vector<std::uint32_t> section_;   // per step holding a lock, the step that took it
    std::size_t stride_ = 0;
    std::size_t analysed_ = 0;             // steps of the previous execution analysed
    std::size_t resumed_at_ = 0;           // the node begin_execution() changed
    std::size_t analysed_objects_ = 0;     // the object table's size then (the index's domain)
    std::vector<std::int64_t> last_;       // per task: its latest step
    std::vector<std::int64_t> edge_;       // per task: the step that woke/spawned it last
    std::vector<std::uint32_t> section_start_;  // per task: the step that took its lock last
    std::vector<std::uint32_t> lock_races_;     // sections' acquires a step that takes a lock races with
    std::vector<std::pair<ObjectId, std::int64_t>> turn_last_;  // per turnstile: its latest turn's step
    std::vector<std::uint32_t> counts_;    // per task: its steps so far
    std::vector<std::uint32_t> first_in_v_;
    // Wakeup trees: the reversal being inserted (its steps' event indices, `reversed` for the
    // second step of the race; per task its steps in it, its first position, how many are
    // placed), the second step's clock, and the guidance of the execution under way.
    static constexpr std::uint32_t reversed = WakeupTree::none;
    std::vector<std::uint32_t> v_;
    std::vector<std::vector<std::uint32_t>> v_by_task_;
    std::vector<std::uint32_t> v_lo_;
    std::vector<std::uint32_t> v_placed_;
    std::vector<std::uint32_t> v_rank_;  // per step of v, its index among its task's
    std::vector<std::uint32_t> second_clock_;
    std::vector<Guidance> guide_;
    std::vector<Node> stack_;
    std::vector<Op> ops_;
    std::vector<std::size_t> event_node_;  // step index -> its task node in stack_
    AccessIndex accesses_;                  // race analysis: the steps on each object
    std::size_t depth_ = 0;
    std::uint64_t sleep_ = 0;       // running sleep set of the current execution
    std::size_t seen_events_ = 0;   // steps already applied to sleep_
    bool started_ = false;
    std::uint64_t fallbacks_ = 0;
    std::uint64_t complete_ = 0;    // complete executions so far
    std::string divergence_;
    Order order_ = Order::lowest_id_first;
    Sets sets_ = Sets::wakeup_trees;
};

}  // namespace explorer
