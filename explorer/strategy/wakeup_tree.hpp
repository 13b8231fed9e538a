// explorer/strategy/wakeup_tree.hpp: the ordered tree of step sequences optimal DPOR still owes a node.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
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
// (explored leftmost first). A branch begun is unlinked and handed down as a view of the same
// storage (no copy: nothing reaches it from the old root any more). A view that gets a branch
// of its own first copies what it still owes into storage it owns: otherwise every insertion
// below a node would grow that node's storage, which lives as long as the node (on era E, four
// requesters, 251 MB against the copying version's few).
class WakeupTree {
public:
    static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

    bool empty() const { return !nodes_ || at(root_).first_child == none; }
    std::uint32_t root() const { return root_; }
    std::uint32_t first_child(std::uint32_t node) const { return nodes_ ? at(node).first_child : none; }
    std::uint32_t next_sibling(std::uint32_t node) const { return at(node).next; }
    const WakeupStep& step(std::uint32_t node) const { return at(node).step; }
    void rename(std::uint32_t node, TaskId task) { at(node).step.task = task; }
    bool leaf(std::uint32_t node) const { return at(node).first_child == none; }

    // Adds a chain of steps as the last child branch of `node`.
    template <typename Steps>
    void add_chain(std::uint32_t node, Steps&& steps) {
        ensure_root();
        node = own(node);
        for (WakeupStep& s : steps) {
            node = append_child(node, std::move(s));
        }
    }

    // Unlinks root child `child` and returns its subtree, with `child` as the new root (its
    // step is the one the node runs now; its children what the next node owes).
    WakeupTree take_branch(std::uint32_t child) {
        unlink(child);
        WakeupTree out;
        out.nodes_ = nodes_;
        out.root_ = child;
        out.owner_ = false;
        return out;
    }

    // Adds the branches of `other` (its root's children) after this root's.
    void graft(const WakeupTree& other) {
        if (other.empty()) {
            return;
        }
        if (empty()) {
            *this = other;
            return;
        }
        if (other.nodes_ == nodes_) {
            // The same storage (two branches of one task, taken together): relink, no copy.
            const TreeNode& from = other.at(other.root_);
            at(at(root_).last_child).next = from.first_child;
            at(root_).last_child = from.last_child;
            return;
        }
        own(root_);
        copy_children(other, other.root_, root_);
    }

    // Drops root child `child` and its subtree.
    void unlink(std::uint32_t child) {
        std::uint32_t* link = &at(root_).first_child;
        std::uint32_t previous = none;
        while (*link != child) {
            previous = *link;
            link = &at(*link).next;
        }
        *link = at(child).next;
        if (at(root_).last_child == child) {
            at(root_).last_child = previous;
        }
    }

private:
    struct TreeNode {
        WakeupStep step;
        std::uint32_t first_child = none;
        std::uint32_t last_child = none;
        std::uint32_t next = none;
    };

    TreeNode& at(std::uint32_t node) { return (*nodes_)[node]; }
    const TreeNode& at(std::uint32_t node) const { return (*nodes_)[node]; }

    // Adds `step` as the last child of `parent`; returns its node.
    std::uint32_t append_child(std::uint32_t parent, WakeupStep step) {
        const auto id = static_cast<std::uint32_t>(nodes_->size());
        nodes_->push_back(TreeNode{std::move(step)});
        TreeNode& p = at(parent);
        if (p.last_child == none) {
            p.first_child = id;
        } else {
            at(p.last_child).next = id;
        }
        p.last_child = id;
        return id;
    }

    void ensure_root() {
        if (!nodes_) {
            nodes_ = std::make_shared<std::vector<TreeNode>>(1);
            root_ = 0;
            owner_ = true;
        }
    }

    // Copies the children of `from`'s node `source` (and their subtrees, in order) under `copy`.
    void copy_children(const WakeupTree& from, std::uint32_t source, std::uint32_t copy) {
        std::vector<std::pair<std::uint32_t, std::uint32_t>> todo{{source, copy}};  // (source, copy)
        while (!todo.empty()) {
            auto [s, c] = todo.back();
            todo.pop_back();
            for (std::uint32_t k = from.at(s).first_child; k != none; k = from.at(k).next) {
                todo.emplace_back(k, append_child(c, from.at(k).step));
            }
        }
    }

    // Makes the storage this tree's own (a copy of what it owes, when it is a view); returns
    // where `node` is now.
    std::uint32_t own(std::uint32_t node) {
        if (owner_) {
            return node;
        }
        WakeupTree mine;
        mine.nodes_ = std::make_shared<std::vector<TreeNode>>();
        mine.nodes_->push_back(TreeNode{at(root_).step});
        mine.owner_ = true;
        // `node` is the root or one of its descendants: find its copy by copying along.
        std::uint32_t found = node == root_ ? 0 : none;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> todo{{root_, 0}};
        while (!todo.empty()) {
            auto [s, c] = todo.back();
            todo.pop_back();
            for (std::uint32_t k = at(s).first_child; k != none; k = at(k).next) {
                const std::uint32_t id = mine.append_child(c, at(k).step);
                if (k == node) {
                    found = id;
                }
                todo.emplace_back(k, id);
            }
        }
        *this = std::move(mine);
        return found;
    }

    std::shared_ptr<std::vector<TreeNode>> nodes_;
    std::uint32_t root_ = 0;
    bool owner_ = false;  // the storage was made for this tree (else: a view of a branch handed down)
};

}  // namespace explorer
