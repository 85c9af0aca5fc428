// Addresses, networks, X-Forwarded-For behind trusted proxies, and --public-url (server/client_address.hpp).
#include "server/client_address.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace {

using ger::server::IpAddress;
using ger::server::IpNetwork;
using ger::server::PublicUrl;
using ger::server::TrustedProxies;

TEST(IpAddress, ParsesBothFamiliesAndPrintsThemCanonically) {
    EXPECT_EQ(IpAddress::parse("10.0.0.1")->to_string(), "10.0.0.1");
    EXPECT_EQ(IpAddress::parse("::ffff:10.0.0.1")->to_string(), "10.0.0.1");
    EXPECT_EQ(*IpAddress::parse("::ffff:10.0.0.1"), *IpAddress::parse("10.0.0.1"));
    EXPECT_EQ(IpAddress::parse("2001:DB8:0::1")->to_string(), "2001:db8::1");
    EXPECT_EQ(IpAddress::parse("[2001:db8::1]")->to_string(), "2001:db8::1");
    for (const char* bad : {"", "10.0.0", "10.0.0.256", "example.org", "10.0.0.1:80", "fe80::1%eth0", " 10.0.0.1",
                            "[10.0.0.1", "1.2.3.4\n"}) {
        EXPECT_FALSE(IpAddress::parse(bad)) << bad;
    }
}

TEST(IpNetwork, ContainsWhatItsPrefixCovers) {
    const auto v4 = IpNetwork::parse("10.1.0.0/16");
    EXPECT_TRUE(v4.contains(*IpAddress::parse("10.1.255.3")));
    EXPECT_TRUE(v4.contains(*IpAddress::parse("::ffff:10.1.0.9")));
    EXPECT_FALSE(v4.contains(*IpAddress::parse("10.2.0.1")));
    EXPECT_FALSE(v4.contains(*IpAddress::parse("2001:db8::1")));
    const auto host_bits = IpNetwork::parse("10.1.2.3/8");  // host bits are ignored
    EXPECT_TRUE(host_bits.contains(*IpAddress::parse("10.200.0.1")));
    const auto one = IpNetwork::parse("192.0.2.7");
    EXPECT_TRUE(one.contains(*IpAddress::parse("192.0.2.7")));
    EXPECT_FALSE(one.contains(*IpAddress::parse("192.0.2.8")));
    const auto v6 = IpNetwork::parse("2001:db8::/33");
    EXPECT_TRUE(v6.contains(*IpAddress::parse("2001:db8:7fff::1")));
    EXPECT_FALSE(v6.contains(*IpAddress::parse("2001:db8:8000::1")));
    EXPECT_TRUE(IpNetwork::parse("0.0.0.0/0").contains(*IpAddress::parse("203.0.113.1")));
}

TEST(IpNetwork, RefusesWhatIsNotAnAddressOrNetworkAndSaysWhy) {
    for (const char* bad : {"proxy.example.org", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "2001:db8::/129",
                            "10.0.0.0/8/8", ""}) {
        try {
            (void)IpNetwork::parse(bad);
            ADD_FAILURE() << bad << " was accepted";
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find(std::string("'") + bad + "'"), std::string::npos) << e.what();
        }
    }
}

TEST(TrustedProxies, TheHeaderCountsOnlyFromATrustedPeer) {
    const TrustedProxies proxies({"10.0.0.0/8", "192.0.2.1"});
    // From an untrusted peer, whatever it claims is ignored.
    EXPECT_EQ(proxies.client_address("203.0.113.9", {"198.51.100.1"}), "203.0.113.9");
    // From a trusted proxy: the rightmost address that is not a trusted proxy.
    EXPECT_EQ(proxies.client_address("10.0.0.5", {"198.51.100.1"}), "198.51.100.1");
    EXPECT_EQ(proxies.client_address("10.0.0.5", {"6.6.6.6, 198.51.100.1, 10.9.9.9"}), "198.51.100.1");
    EXPECT_EQ(proxies.client_address("10.0.0.5", {"6.6.6.6", "198.51.100.1 ,192.0.2.1"}), "198.51.100.1");
    // A trusted proxy that sends no header: the proxy is the client.
    EXPECT_EQ(proxies.client_address("10.0.0.5", {}), "10.0.0.5");
    // Every hop trusted: the leftmost.
    EXPECT_EQ(proxies.client_address("10.0.0.5", {"10.1.1.1, 10.2.2.2"}), "10.1.1.1");
    // Garbage that a trusted proxy passed on: the last address vouched for.
    EXPECT_EQ(proxies.client_address("10.0.0.5", {"198.51.100.1, unknown"}), "10.0.0.5");
    EXPECT_EQ(proxies.client_address("10.0.0.5", {"garbage, 198.51.100.1"}), "198.51.100.1");
    // Canonical forms, so one client is one key.
    EXPECT_EQ(proxies.client_address("::ffff:10.0.0.5", {"::ffff:198.51.100.1"}), "198.51.100.1");
    EXPECT_EQ(proxies.client_address("::ffff:203.0.113.9", {}), "203.0.113.9");
    // No proxies: the peer.
    EXPECT_EQ(TrustedProxies().client_address("10.0.0.5", {"198.51.100.1"}), "10.0.0.5");
}

TEST(TrustedProxies, ABadEntryIsRefused) {
    EXPECT_THROW(TrustedProxies({"10.0.0.1", "localhost"}), std::invalid_argument);
}

TEST(PublicUrl, TakesAnOriginAndRefusesTheRest) {
    auto u = PublicUrl::parse("https://Roadmap.Example.org");
    EXPECT_TRUE(u.https());
    EXPECT_EQ(u.origin, "https://roadmap.example.org");
    EXPECT_EQ(PublicUrl::parse("https://roadmap.example.org/").origin, "https://roadmap.example.org");
    EXPECT_EQ(PublicUrl::parse("https://roadmap.example.org:443").origin, "https://roadmap.example.org");
    EXPECT_EQ(PublicUrl::parse("https://roadmap.example.org:8443/").origin, "https://roadmap.example.org:8443");
    EXPECT_EQ(PublicUrl::parse("HTTP://10.0.0.1:80").origin, "http://10.0.0.1");
    EXPECT_FALSE(PublicUrl::parse("http://localhost:8080").https());
    EXPECT_EQ(PublicUrl::parse("https://[2001:db8::1]:8443").origin, "https://[2001:db8::1]:8443");
    for (const char* bad : {"roadmap.example.org", "ftp://roadmap.example.org", "https://", "https://:443",
                            "https://user:pw@roadmap.example.org", "https://roadmap.example.org/ger",
                            "https://roadmap.example.org?x=1", "https://roadmap.example.org#top",
                            "https://roadmap.example.org:0", "https://roadmap.example.org:99999",
                            "https://roadmap.example.org:", "https://road map.example.org", "https://[::1",
                            "https://exa\"mple.org"}) {
        try {
            (void)PublicUrl::parse(bad);
            ADD_FAILURE() << bad << " was accepted";
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
        }
    }
}

}  // namespace
