// Shared by the fuzz targets: reading the input as a sequence of choices.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace fuzz {

// Takes bytes off the front of the fuzzer's input.
class Input {
public:
    Input(const std::uint8_t* data, std::size_t size)
        : text_(reinterpret_cast<const char*>(data), size) {}

    bool empty() const { return text_.empty(); }
    std::uint8_t byte() {
        if (text_.empty()) return 0;
        const auto b = static_cast<std::uint8_t>(text_.front());
        text_.remove_prefix(1);
        return b;
    }
    // A string up to the next NUL byte (or the end).
    std::string text() {
        const std::size_t end = text_.find('\0');
        std::string out(text_.substr(0, end));
        text_.remove_prefix(end == std::string_view::npos ? text_.size() : end + 1);
        return out;
    }
    std::string_view rest() const { return text_; }

private:
    std::string_view text_;
};

} // namespace fuzz
