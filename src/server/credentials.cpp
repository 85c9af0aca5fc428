#include "server/credentials.hpp"

#include <argon2.h>
#include <openssl/evp.h>
#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace ger::server {
namespace {

// OWASP Password Storage Cheat Sheet (2023), Argon2id minimum: m = 19 MiB, t = 2, p = 1.
constexpr uint32_t argon2_time_cost = 2;
constexpr uint32_t argon2_memory_kib = 19 * 1024;
constexpr uint32_t argon2_parallelism = 1;
constexpr std::size_t argon2_salt_bytes = 16;
constexpr std::size_t argon2_hash_bytes = 32;

void fill_random(unsigned char* out, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const auto got = getrandom(out + done, size - done, 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error(std::string("getrandom failed: ") + std::strerror(errno));
        }
        done += static_cast<std::size_t>(got);
    }
}

std::string base64url(const unsigned char* data, std::size_t size) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < size; i += 3) {
        const unsigned v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += alphabet[v & 63];
    }
    if (size - i == 1) {
        const unsigned v = data[i] << 16;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
    } else if (size - i == 2) {
        const unsigned v = (data[i] << 16) | (data[i + 1] << 8);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
    }
    return out;
}

}  // namespace

std::string random_token(std::size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    fill_random(raw.data(), raw.size());
    return base64url(raw.data(), raw.size());
}

std::string generate_password() {
    // No 0/O, 1/l/I: a password read off a screen or a file is typed right the first time.
    static constexpr std::string_view alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    constexpr std::size_t length = 20;
    std::string out;
    while (out.size() < length) {
        unsigned char byte = 0;
        fill_random(&byte, 1);
        // Rejection sampling keeps every character equally likely.
        if (byte >= 256 - 256 % alphabet.size()) continue;
        out += alphabet[byte % alphabet.size()];
    }
    return out;
}

std::string generate_api_token() { return "ger_" + random_token(32); }

std::string digest(std::string_view secret) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int length = 0;
    if (EVP_Digest(secret.data(), secret.size(), md.data(), &length, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 15];
    }
    return out;
}

std::string hash_password(std::string_view password) {
    std::array<unsigned char, argon2_salt_bytes> salt{};
    fill_random(salt.data(), salt.size());
    std::string encoded(argon2_encodedlen(argon2_time_cost, argon2_memory_kib, argon2_parallelism,
                                          argon2_salt_bytes, argon2_hash_bytes, Argon2_id),
                        '\0');
    const int rc = argon2id_hash_encoded(argon2_time_cost, argon2_memory_kib, argon2_parallelism, password.data(),
                                         password.size(), salt.data(), salt.size(), argon2_hash_bytes,
                                         encoded.data(), encoded.size());
    if (rc != ARGON2_OK) throw std::runtime_error(std::string("argon2id failed: ") + argon2_error_message(rc));
    encoded.resize(std::strlen(encoded.c_str()));
    return encoded;
}

bool verify_password(std::string_view password, const std::string& encoded) {
    return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

bool equal_secret(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

}  // namespace ger::server
