// Who the client is behind a reverse proxy, and the URL the public reaches the server at.
//
// The client address is the TCP peer's, unless the peer is a trusted proxy: then it is the rightmost address in
// X-Forwarded-For that is not itself a trusted proxy (a client can write anything to the left of what its first
// proxy appended, so nothing further left is believed). From an untrusted peer the header is ignored.
// Thread-safe once built: every const member may be called from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ger::server {

// An IPv4 or IPv6 address; IPv4 is kept as its IPv4-mapped IPv6 form, so "::ffff:10.0.0.1" and "10.0.0.1" are one.
struct IpAddress {
    std::array<std::uint8_t, 16> bytes{};
    bool v4 = false;

    // nullopt when `text` is not an address ("10.0.0.1", "2001:db8::1", "[2001:db8::1]").
    static std::optional<IpAddress> parse(std::string_view text);
    std::string to_string() const;  // canonical: "10.0.0.1", "2001:db8::1"
    bool operator==(const IpAddress&) const = default;
};

// An address or a CIDR network: "10.0.0.1", "10.0.0.0/8", "2001:db8::/32".
struct IpNetwork {
    IpAddress base;
    int prefix = 128;  // bits, of the IPv6 form (an IPv4 /8 is /104)

    // Throws std::invalid_argument naming `text` and what is wrong with it.
    static IpNetwork parse(std::string_view text);
    bool contains(const IpAddress& address) const;
};

class TrustedProxies {
public:
    TrustedProxies() = default;
    // Throws std::invalid_argument for an entry that is neither an address nor a network.
    explicit TrustedProxies(const std::vector<std::string>& entries);

    bool empty() const { return m_networks.empty(); }
    bool trusts(const IpAddress& address) const;

    // The client's address (canonical text) for a request from `peer` carrying these X-Forwarded-For values
    // (every field of that name, in order). A peer that is not an address is answered as it came.
    std::string client_address(std::string_view peer, const std::vector<std::string_view>& forwarded_for) const;

private:
    std::vector<IpNetwork> m_networks;
};

// The URL the public reaches the server at (the TLS proxy's), "https://roadmap.example.org".
struct PublicUrl {
    std::string scheme;  // "https" or "http"
    std::string origin;  // scheme://host[:port], as browsers send it in Origin

    bool https() const { return scheme == "https"; }

    // Throws std::invalid_argument saying what is wrong: not http(s), no host, a user name, a path other than "/",
    // a query or a fragment (the server answers at the root of its URL).
    static PublicUrl parse(std::string_view text);
};

}  // namespace ger::server
