// explorer/strategy/wakeup_tree.hpp: the ordered tree of step sequences optimal DPOR still owes a node.
#pragma once

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "explorer/op.hpp"

namespace explorer {

// One step of a wakeup sequence: the task, the op it declares there (for the independence
// checks of later insertions), and the data choices it makes (a reversal replays them: the
// step runs in the same state as where it was seen).
// A task is known by its name too (`who`, its hash): a task spawned after the node may get
// another id in the execution that replays the sequence (ids follow the order of spawns).
struct WakeupStep {
    TaskId task = no_task;
    std::uint64_t who = 0;
    Op op;
    std::vector<std::uint32_t> values;
};

// A wakeup tree (Abdulla, Aronis, Jonsson, Sagonas, "Source sets: a foundation for optimal
// dynamic partial order reduction", JACM 2017): the root stands for the node itself, each path
// from it a sequence of steps to explore from there, branches in the order they were added
// (explored leftmost first). Nodes live in one vector; a branch begun is unlinked, not erased.
class WakeupTree {
public:
    static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
    static constexpr std::uint32_t root = 0;

    bool empty() const { return nodes_.empty() || nodes_[root].first_child == none; }
    std::uint32_t first_child(std::uint32_t at) const {
        return nodes_.empty() ? none : nodes_[at].first_child;
    }
    std::uint32_t next_sibling(std::uint32_t at) const { return nodes_[at].next; }
    const WakeupStep& step(std::uint32_t at) const { return nodes_[at].step; }
    void rename(std::uint32_t at, TaskId task) { nodes_[at].step.task = task; }
    bool leaf(std::uint32_t at) const { return nodes_[at].first_child == none; }

    // Adds a chain of steps as the last child branch of `at`.
    template <typename Steps>
    void add_chain(std::uint32_t at, Steps&& steps) {
        ensure_root();
        for (WakeupStep& s : steps) {
            at = append_child(at, std::move(s));
        }
    }

    // Unlinks root child `child` and returns its subtree, with `child` as the new root (its
    // step is the one the node runs now; its children what the next node owes).
    WakeupTree take_branch(std::uint32_t child) {
        WakeupTree out;
        out.nodes_.push_back(TreeNode{nodes_[child].step});
        out.copy_children(*this, child, root);
        unlink(child);
        return out;
    }

    // Adds the branches of `other` (its root's children) after this root's.
    void graft(const WakeupTree& other) {
        if (other.empty()) {
            return;
        }
        ensure_root();
        copy_children(other, root, root);
    }

    // Drops root child `child` and its subtree.
    void unlink(std::uint32_t child) {
        std::uint32_t* link = &nodes_[root].first_child;
        std::uint32_t previous = none;
        while (*link != child) {
            previous = *link;
            link = &nodes_[*link].next;
        }
        *link = nodes_[child].next;
        if (nodes_[root].last_child == child) {
            nodes_[root].last_child = previous;
        }
    }

private:
    struct TreeNode {
        WakeupStep step;
        std::uint32_t first_child = none;
        std::uint32_t last_child = none;
        std::uint32_t next = none;
    };

    // Adds `step` as the last child of `parent`; returns its node.
    std::uint32_t append_child(std::uint32_t parent, WakeupStep step) {
        const auto id = static_cast<std::uint32_t>(nodes_.size());
        nodes_.push_back(TreeNode{std::move(step)});
        TreeNode& p = nodes_[parent];
        if (p.last_child == none) {
            p.first_child = id;
        } else {
            nodes_[p.last_child].next = id;
        }
        p.last_child = id;
        return id;
    }

    void ensure_root() {
        if (nodes_.empty()) {
            nodes_.push_back(TreeNode{});
        }
    }

    // Copies the children of `from`'s node `source` (and their subtrees, in order) under `copy`.
    void copy_children(const WakeupTree& from, std::uint32_t source, std::uint32_t copy) {
        std::vector<std::pair<std::uint32_t, std::uint32_t>> todo{{source, copy}};  // (source, copy)
        while (!todo.empty()) {
            auto [s, c] = todo.back();
            todo.pop_back();
            for (std::uint32_t k = from.nodes_[s].first_child; k != none; k = from.nodes_[k].next) {
                todo.emplace_back(k, append_child(c, from.nodes_[k].step));
            }
        }
    }

    std::vector<TreeNode> nodes_;
};

}  // namespace explorer
