// cli/files.cpp: reading input files with clear errors, writing output files whole (temp + rename).
#include "cli/files.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace cli {

namespace fs = std::filesystem;

std::optional<std::string> read_text_file(const std::string& path, std::string* text, std::size_t max_bytes) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        return std::string("no such file");
    }
    if (fs::is_directory(status)) {
        return std::string("is a directory, not a file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::string("cannot open for reading: ") + std::strerror(errno);
    }
    text->clear();
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text->append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text->size() > max_bytes) {
            return "file too large (over " + std::to_string(max_bytes >> 20) + " MiB)";
        }
    }
    if (in.bad()) {
        return std::string("read error");
    }
    return std::nullopt;
}

std::optional<std::string> write_file_atomic(const std::string& path, const std::string& text) {
    std::string temp = path + ".tmp." + std::to_string(::getpid());
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) {
            return "cannot create " + temp + ": " + std::strerror(errno);
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.flush();
        if (!out) {
            std::remove(temp.c_str());
            return "cannot write " + temp;
        }
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        std::string error = "cannot rename " + temp + " to " + path + ": " + std::strerror(errno);
        std::remove(temp.c_str());
        return error;
    }
    return std::nullopt;
}

std::string display_path(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::path(path).lexically_normal();
    if (p.is_absolute()) {
        fs::path rel = p.lexically_relative(fs::current_path(ec));
        if (!ec && !rel.empty() && *rel.begin() != "..") {
            return rel.generic_string();
        }
    }
    return p.generic_string();
}

}  // namespace cli
