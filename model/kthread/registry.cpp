// model/kthread/registry.cpp: variants and mutations register themselves by name.
#include <algorithm>
#include <cstring>

#include "model/kthread/protocol.hpp"

namespace model {

namespace {

template <typename T>
std::vector<const T*>& table() {
    static std::vector<const T*> entries;
    return entries;
}

template <typename T>
void add_sorted(const T& entry) {
    auto& entries = table<T>();
    auto at = std::lower_bound(entries.begin(), entries.end(), &entry,
                               [](const T* a, const T* b) { return std::strcmp(a->name, b->name) < 0; });
    entries.insert(at, &entry);
}

template <typename T>
const T* find(const std::string& name) {
    for (const T* entry : table<T>()) {
        if (name == entry->name) {
            return entry;
        }
    }
    return nullptr;
}

}  // namespace

const std::vector<const Variant*>& variants() { return table<Variant>(); }
const std::vector<const Mutation*>& mutations() { return table<Mutation>(); }
const Variant* find_variant(const std::string& name) { return find<Variant>(name); }
const Mutation* find_mutation(const std::string& name) { return find<Mutation>(name); }

VariantRegistrar::VariantRegistrar(const Variant& variant) { add_sorted(variant); }
MutationRegistrar::MutationRegistrar(const Mutation& mutation) { add_sorted(mutation); }

const Expectation* Mutation::expectation(MemoryModel memory) const {
    for (const Expectation& e : expected) {
        if (e.memory == memory) {
            return &e;
        }
    }
    return nullptr;
}

ModelConfig Mutation::config_on(const Variant& variant) const {
    ModelConfig config;
    config.variant = variant.name;
    config.mutations = {name};
    config.requesters.assign(needs_requesters, RequesterConfig{needs_fatal_signal, needs_after});
    config.faults.fork_failure = needs_fork_failure;
    return config;
}

const char* to_string(MemoryModel model) {
    switch (model) {
        case MemoryModel::sc: return "sc";
        case MemoryModel::tso: return "tso";
    }
    return "?";
}

}  // namespace model
