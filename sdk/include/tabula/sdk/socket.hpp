// Socket helpers for dialects whose client library exposes its socket.
#pragma once

#if defined(_WIN32)
#include <winsock2.h>
#else
#include <poll.h>
#endif

namespace tabula::sdk {

// True when something waits to be read on the socket, or it is closed or
// broken, or fd is invalid: the moments a connection needs a real check.
// Never blocks.
inline bool socketReadable(int fd) {
    if (fd < 0) return true;
#if defined(_WIN32)
    WSAPOLLFD p{};
    p.fd = static_cast<SOCKET>(fd);
    p.events = POLLRDNORM;
    return WSAPoll(&p, 1, 0) != 0;
#else
    pollfd p{};
    p.fd = fd;
    p.events = POLLIN;
    return poll(&p, 1, 0) != 0;
#endif
}

} // namespace tabula::sdk
