// cli/files.hpp: reading input files with clear errors, writing output files whole (temp + rename).
#pragma once

#include <optional>
#include <string>

namespace cli {

// The file's bytes, or an error text ("no such file", "is a directory", ...).
std::optional<std::string> read_text_file(const std::string& path, std::string* text, std::size_t max_bytes = 64u << 20);

// Writes `path` whole: a temporary file in the same directory, then rename(). nullopt on success.
std::optional<std::string> write_file_atomic(const std::string& path, const std::string& text);

// `path` as a short relative path when it lies below the current directory, else as given.
std::string display_path(const std::string& path);

}  // namespace cli
