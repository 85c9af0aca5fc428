#include "server/client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <stdexcept>

namespace ger::server {
namespace {

constexpr std::array<std::uint8_t, 12> v4_mapped_prefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::optional<int> parse_int(std::string_view s, int max) {
    int value = 0;
    if (s.empty() || s.size() > 5) return std::nullopt;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size() || value < 0 || value > max) return std::nullopt;
    return value;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
    if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
    const std::string z(text);  // inet_pton wants a terminated string
    IpAddress out;
    in_addr v4{};
    if (inet_pton(AF_INET, z.c_str(), &v4) == 1) {
        std::copy(v4_mapped_prefix.begin(), v4_mapped_prefix.end(), out.bytes.begin());
        std::memcpy(out.bytes.data() + 12, &v4, 4);
        out.v4 = true;
        return out;
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, z.c_str(), &v6) != 1) return std::nullopt;
    std::memcpy(out.bytes.data(), &v6, 16);
    out.v4 = std::equal(v4_mapped_prefix.begin(), v4_mapped_prefix.end(), out.bytes.begin());
    return out;
}

std::string IpAddress::to_string() const {
    char buffer[INET6_ADDRSTRLEN] = {};
    if (v4) {
        inet_ntop(AF_INET, bytes.data() + 12, buffer, sizeof buffer);
    } else {
        inet_ntop(AF_INET6, bytes.data(), buffer, sizeof buffer);
    }
    return buffer;
}

IpNetwork IpNetwork::parse(std::string_view text) {
    const auto slash = text.find('/');
    const auto address_part = text.substr(0, slash);
    const auto address = IpAddress::parse(address_part);
    if (!address) {
        throw std::invalid_argument("'" + std::string(text) + "' is not an IP address or network (10.0.0.1, "
                                    "10.0.0.0/8, 2001:db8::/32)");
    }
    IpNetwork out{*address, 128};
    if (slash != std::string_view::npos) {
        const int max = address->v4 ? 32 : 128;
        const auto prefix = parse_int(text.substr(slash + 1), max);
        if (!prefix) {
            throw std::invalid_argument("'" + std::string(text) + "': the prefix length must be 0 to " +
                                        std::to_string(max));
        }
        out.prefix = *prefix + (address->v4 ? 96 : 0);
    }
    for (int bit = out.prefix; bit < 128; ++bit) {
        out.base.bytes[static_cast<std::size_t>(bit / 8)] &= static_cast<std::uint8_t>(~(0x80u >> (bit % 8)));
    }
    return out;
}

bool IpNetwork::contains(const IpAddress& address) const {
    for (int bit = 0; bit < prefix; ++bit) {
        const auto i = static_cast<std::size_t>(bit / 8);
        const auto mask = static_cast<std::uint8_t>(0x80u >> (bit % 8));
        if ((address.bytes[i] & mask) != (base.bytes[i] & mask)) return false;
    }
    return true;
}

TrustedProxies::TrustedProxies(const std::vector<std::string>& entries) {
    for (const auto& e : entries) m_networks.push_back(IpNetwork::parse(trim(e)));
}

bool TrustedProxies::trusts(const IpAddress& address) const {
    return std::any_of(m_networks.begin(), m_networks.end(), [&](const auto& n) { return n.contains(address); });
}

std::string TrustedProxies::client_address(std::string_view peer,
                                           const std::vector<std::string_view>& forwarded_for) const {
    const auto peer_address = IpAddress::parse(peer);
    if (!peer_address) return std::string(peer);
    if (!trusts(*peer_address)) return peer_address->to_string();
    std::vector<std::string_view> hops;
    for (auto value : forwarded_for) {
        while (true) {
            const auto comma = value.find(',');
            hops.push_back(trim(value.substr(0, comma)));
            if (comma == std::string_view::npos) break;
            value.remove_prefix(comma + 1);
        }
    }
    IpAddress current = *peer_address;
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
        const auto address = IpAddress::parse(*hop);
        // NOTE: a trusted proxy that forwards something other than an address is misconfigured; the last
        // address a trusted party vouched for is the best there is.
        if (!address) break;
        current = *address;
        if (!trusts(current)) break;
    }
    return current.to_string();
}

PublicUrl PublicUrl::parse(std::string_view text) {
    const auto fail = [&](const std::string& why) {
        return std::invalid_argument("'" + std::string(text) + "' " + why);
    };
    const auto scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos) throw fail("is not a URL (https://roadmap.example.org)");
    PublicUrl out;
    out.scheme = lower(text.substr(0, scheme_end));
    if (out.scheme != "https" && out.scheme != "http") throw fail("must start with https:// (or http://)");
    auto rest = text.substr(scheme_end + 3);
    const auto authority_end = rest.find_first_of("/?#");
    const auto authority = rest.substr(0, authority_end);
    const auto tail = authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
    if (authority.find('@') != std::string_view::npos) throw fail("must not carry a user name or password");
    if (!tail.empty() && tail != "/") {
        throw fail("must not have a path, query or fragment: ger answers at the root of its URL");
    }
    std::string_view host = authority;
    std::string_view port;
    if (!host.empty() && host.front() == '[') {
        const auto close = host.find(']');
        if (close == std::string_view::npos || !IpAddress::parse(host.substr(0, close + 1))) {
            throw fail("has a bad IPv6 host");
        }
        port = host.substr(close + 1);
        host = host.substr(0, close + 1);
        if (!port.empty() && port.front() != ':') throw fail("has a bad host");
        if (!port.empty()) port.remove_prefix(1);
    } else if (const auto colon = host.find(':'); colon != std::string_view::npos) {
        port = host.substr(colon + 1);
        host = host.substr(0, colon);
    }
    if (host.empty()) throw fail("has no host");
    if (host.front() != '[') {
        const bool ok = std::all_of(host.begin(), host.end(), [](unsigned char c) {
            return std::isalnum(c) || c == '-' || c == '.';
        });
        if (!ok || host.front() == '.' || host.front() == '-') throw fail("has a bad host name");
    }
    out.origin = out.scheme + "://" + lower(host);
    if (authority.back() == ':') throw fail("has an empty port");
    if (!port.empty()) {
        const auto number = parse_int(port, 65535);
        if (!number || *number == 0) throw fail("has a bad port (1 to 65535)");
        // Browsers leave the scheme's own port out of Origin.
        if (!(out.https() && *number == 443) && !(!out.https() && *number == 80)) {
            out.origin += ":" + std::to_string(*number);
        }
    }
    return out;
}

}  // namespace ger::server
