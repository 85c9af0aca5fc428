// Secrets: generated passwords, API tokens and session ids, and how each is kept. Passwords are hashed with
// Argon2id (slow on purpose: they may be weak); tokens and session ids are 256 random bits, so a SHA-256
// digest is enough to keep them useless to whoever reads the database.
// Thread-safe: every function may be called from any thread.
#pragma once

#include <string>
#include <string_view>

namespace ger::server {

// `bytes` random bytes from the kernel (getrandom), as base64url without padding.
std::string random_token(std::size_t bytes = 32);
// A password for a new account: 20 characters from an unambiguous alphabet (about 100 bits).
std::string generate_password();
// A new API token: "ger_" + 43 base64url characters.
std::string generate_api_token();

// Lowercase hex SHA-256 of `secret`: how tokens and session ids are stored and looked up.
std::string digest(std::string_view secret);

// Argon2id encoding ("$argon2id$v=19$m=19456,t=2,p=1$salt$hash"), OWASP's minimum parameters.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& encoded);

// Constant-time comparison (CSRF tokens).
bool equal_secret(std::string_view a, std::string_view b);

}  // namespace ger::server
