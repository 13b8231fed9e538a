// explorer/cell.hpp: Cell<T>, shared state the explorer sees: every access is checked against the
// running step's declared op, hashed into the state fingerprint and into the reader's observations.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "explorer/runtime/execution.hpp"

namespace explorer {

// The stable hash of a cell's value. Integers, enums and bools hash as their value; a pointer
// hashes as the explorer object of what it points to (its `obj` member: pointers are not
// stable across executions, object ids are); other types provide `cell_hash(const T&)` found
// by argument-dependent lookup.
template <typename T>
std::uint64_t cell_hash(const T& value)
    requires(std::is_integral_v<T> || std::is_enum_v<T>)
{
    return static_cast<std::uint64_t>(value);
}

template <typename T>
std::uint64_t cell_hash(T* const& pointer)
    requires requires(T* p) { p->obj; }
{
    return pointer == nullptr ? 0 : static_cast<std::uint64_t>(pointer->obj) + 1;
}

template <typename T>
std::uint64_t hash_of(const T& value) {
    return cell_hash(value);
}

// A value more than one task can see. It belongs to one explorer object (the object a step
// must declare to touch it) and has a field name (for messages and the fingerprint).
//   create(): constructs it (no check: a new object is private to its creator until
//             published through another cell);
//   get()/set()/modify(): the running step must have declared the object (a read needs any
//             access, a write needs write); otherwise the execution stops with a model fault;
//   peek(): unchecked, for invariants, diagnostics and tests, never for model decisions.
// A cell created unset (kmalloc()'d memory) stops the execution with a finding of
// `unset_invariant` when it is read before it is written.
template <typename T>
class Cell {
public:
    Cell() = default;
    Cell(const Cell&) = delete;
    Cell& operator=(const Cell&) = delete;

    void create(ObjectId obj, const char* field, T initial) {
        retract();
        bind(obj, field);
        value_ = std::move(initial);
        set_ = true;
        publish();
    }
    void create_unset(ObjectId obj, const char* field, const char* unset_invariant) {
        retract();
        bind(obj, field);
        set_ = false;
        unset_invariant_ = unset_invariant;
    }

    const T& get() const {
        if (!set_) [[unlikely]] {
            Execution::current_or_fail().unset_read(obj_, field_, unset_invariant_);
        }
        if (Execution* observer = Execution::note_read(obj_, field_)) [[unlikely]] {
            observer->observe(contribution_);  // only a stateful search fingerprints: the value's hash, kept by publish()
        }
        return value_;
    }
    void set(T value) {
        Execution::note_write(obj_, field_);
        retract();
        value_ = std::move(value);
        set_ = true;
        publish();
    }
    // A write that changes the value in place (containers).
    template <typename F>
    void modify(F&& change) {
        (void)get();
        Execution::note_write(obj_, field_);
        retract();
        change(value_);
        publish();
    }
    const T& peek() const { return value_; }
    ObjectId object() const { return obj_; }

private:
    // The fingerprint's upkeep runs only under a strategy that asks for it (stateful): the
    // checks above run always, the hashing only when it is used.
    void bind(ObjectId obj, const char* field) {
        obj_ = obj;
        field_ = field;
        key_ = Execution::fingerprinting() ? Execution::cell_key(obj, field) : 0;
    }
    void publish() {
        if (Execution::fingerprinting()) [[unlikely]] {
            contribution_ = Execution::cell_contribution(key_, hash_of(value_));
            Execution::add_to_fingerprint(contribution_);
        }
    }
    void retract() {
        if (contribution_ != 0) [[unlikely]] {
            Execution::add_to_fingerprint(std::uint64_t{0} - contribution_);
            contribution_ = 0;
        }
    }

    T value_{};
    ObjectId obj_ = no_object;
    const char* field_ = "";
    const char* unset_invariant_ = "";
    std::uint64_t key_ = 0;
    std::uint64_t contribution_ = 0;
    bool set_ = false;
};

// A value its owner sets once, before it publishes the object it belongs to through a
// declared cell (e.g. a task's struct kthread, set before the thread reports itself through
// create->result): every reader reaches it through that publication, so it happens after the
// set and its reads need no declaration. Setting it twice is a model fault, reading it
// before the set is one too. The rule is not checked against happens-before here: the
// stateful reference search (no reduction) is what would show a read it lets dpor miss.
template <typename T>
class Published {
public:
    Published() = default;
    Published(const Published&) = delete;
    Published& operator=(const Published&) = delete;

    void create_unset(ObjectId obj, const char* field) {
        obj_ = obj;
        field_ = field;
        set_ = false;
    }
    void publish(T value) {
        Execution& e = Execution::current_or_fail();
        if (set_) {
            e.model_fault(std::string(field_) + " of " + e.objects().name(obj_) + " is published twice");
        }
        value_ = std::move(value);
        set_ = true;
        if (Execution::fingerprinting()) {
            Execution::add_to_fingerprint(
                Execution::cell_contribution(Execution::cell_key(obj_, field_), hash_of(value_)));
        }
    }
    const T& get() const {
        if (!set_) [[unlikely]] {
            Execution& e = Execution::current_or_fail();
            e.model_fault(std::string(field_) + " of " + e.objects().name(obj_) + " is read before it is published");
        }
        return value_;
    }

private:
    T value_{};
    ObjectId obj_ = no_object;
    const char* field_ = "";
    bool set_ = false;
};

}  // namespace explorer
