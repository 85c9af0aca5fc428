// A client that writes raw bytes and reads raw answers, for what a well-behaved HTTP client never sends: bytes
// that are not UTF-8, heads that trickle in, bodies that never end.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace ger::test {

class RawConnection {
public:
    explicit RawConnection(int port) {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (m_fd < 0) throw std::runtime_error("socket failed");
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            ::close(m_fd);
            throw std::runtime_error("connect failed");
        }
        int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    ~RawConnection() {
        if (m_fd >= 0) ::close(m_fd);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;
    RawConnection(RawConnection&& other) noexcept : m_fd(other.m_fd), m_pending(std::move(other.m_pending)) {
        other.m_fd = -1;
    }

    // False once the peer no longer takes bytes (closed or reset).
    bool send(std::string_view bytes) {
        while (!bytes.empty()) {
            const auto n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR) continue;
                return false;
            }
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    // Everything the peer sends until it closes or `timeout` passes without a byte.
    std::string receive_all(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        std::string out = std::exchange(m_pending, {});
        char buffer[65536];
        while (true) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) break;
            const auto n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0) break;
            out.append(buffer, static_cast<std::size_t>(n));
        }
        return out;
    }

    // One response (head and Content-Length body), or what arrived before the peer closed or went quiet. Bytes
    // of a following (pipelined) response stay for the next call.
    std::string receive_response(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        std::string& out = m_pending;
        char buffer[65536];
        const auto take = [&out](std::size_t n) {
            std::string response = out.substr(0, n);
            out.erase(0, n);
            return response;
        };
        while (true) {
            const auto head_end = out.find("\r\n\r\n");
            if (head_end != std::string::npos) {
                const auto at = out.find("Content-Length: ");
                if (at == std::string::npos || at > head_end) return take(head_end + 4);
                const auto length = std::stoul(out.substr(at + 16));
                if (out.size() >= head_end + 4 + length) return take(head_end + 4 + length);
            }
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return take(out.size());
            const auto n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0) return take(out.size());
            out.append(buffer, static_cast<std::size_t>(n));
        }
    }

    // True when the peer has closed (a read returns end of stream) within `timeout`.
    bool closed_within(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        char buffer[4096];
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd p{m_fd, POLLIN, 0};
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (::poll(&p, 1, static_cast<int>(std::max<long long>(1, left.count()))) <= 0) continue;
            const auto n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0) return true;
        }
        return false;
    }

private:
    int m_fd = -1;
    std::string m_pending;  // bytes read past the last response
};

// "HTTP/1.1 400 Bad Request\r\n..." -> 400; 0 when the text is no response.
inline int status_of(const std::string& response) {
    if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12) return 0;
    return std::stoi(response.substr(9, 3));
}

inline std::string body_of(const std::string& response) {
    const auto at = response.find("\r\n\r\n");
    return at == std::string::npos ? std::string() : response.substr(at + 4);
}

}  // namespace ger::test
