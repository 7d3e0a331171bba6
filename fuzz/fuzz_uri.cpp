// Connection URIs: any text parses or throws UsageError, and no error message
// shows the password the text would have had.
#include "uri.hpp"

#include <tabula/errors.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        tabula::detail::parseUri(text);
    } catch (const tabula::UsageError&) {
    }
    // The same text as a password in an otherwise good URI: every error
    // must keep it out (a password of a few letters could be a word of the
    // message itself, so only longer ones are checked).
    const std::string secret = "Zq" + text + "Xj";
    const std::string uri = "postgres://user:" + secret + "@host:5432/db";
    try {
        tabula::detail::parseUri(uri);
    } catch (const tabula::UsageError& e) {
        if (std::string(e.what()).find(secret) != std::string::npos) std::abort();
    }
    return 0;
}
