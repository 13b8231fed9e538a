// explorer/strategy/dpor.hpp: dynamic partial-order reduction (source sets + sleep sets).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "explorer/strategy/access_index.hpp"
#include "explorer/strategy/strategy.hpp"

namespace explorer {

// Source-DPOR with sleep sets (Abdulla, Aronis, Jonsson, Sagonas, POPL 2014), stateless.
// Two steps are dependent when their declared ops touch a common object and one writes it
// (explorer/op.hpp); spawns and wake-ups add happens-before edges. Every Mazurkiewicz
// trace of the program is explored by exactly one complete execution; executions that the
// sleep sets show to be redundant are cut short ("pruned"). Data choices are explored in
// full at every point where they occur.
class DporStrategy final : public Strategy {
public:
    // The search order: which task a choice point takes first, among those not marked
    // schedule_last(). It changes the executions explored (not their soundness: the tests run
    // the cross-checks in both orders).
    enum class Order : std::uint8_t { lowest_id_first, highest_id_first };
    DporStrategy() = default;
    explicit DporStrategy(Order order) : order_(order) {}

    const char* name() const override { return "dpor"; }
    bool begin_execution() override;
    std::size_t pick_task(const Execution& execution, std::span<const TaskId> ready) override;
    std::size_t pick_value(const Execution& execution, std::size_t count, const char* label) override;
    void end_execution(const Execution& execution) override;
    bool consult_every_step() const override { return true; }
    bool explores_past_failures() const override { return true; }
    std::string divergence() const override { return divergence_; }

    // Races whose reversal found none of its first steps enabled (a soundness alarm: the
    // fallback then schedules every enabled task). Zero in every test.
    std::uint64_t fallbacks() const { return fallbacks_; }

    // An estimate of the complete executions the whole search explores, from the part of the
    // tree explored so far (the recursive estimator of Simsa, Bryant and Gibson, "Runtime
    // estimation and resource allocation for concurrency testing", 2012): at each choice point
    // on the current path, each alternative still to explore is taken to be as large as the
    // mean of its siblings explored so far (the current one by its own estimate). Exact once
    // the search is complete; a function of the executions explored (no clock).
    double estimated_executions() const;

private:
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
};

}  // namespace explorer
