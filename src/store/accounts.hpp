// The portal's accounts: users (planners of one agency, or the secretariat), their API tokens and their browser
// sessions. Secrets never reach the store in clear: passwords arrive as Argon2id encodings, tokens and session
// ids as SHA-256 digests (server/credentials.hpp makes both).
#pragma once

#include <optional>
#include <string>

#include "model/records.hpp"

namespace ger::store {

// planner: reads what its agency may see and edits its agency's missions and capabilities.
// secretariat: reads every record, manages goals, objectives and editions, edits no agency's records.
enum class Role { planner, secretariat };

std::string_view to_string(Role role);             // "planner", "secretariat"
std::optional<Role> parse_role(std::string_view);  // nullopt for anything else

struct User {
    std::string name;    // login name, unique
    std::string agency;  // agency code; "" for the secretariat
    Role role = Role::planner;
    std::string password_hash;  // Argon2id encoded ("$argon2id$v=19$m=...")
    model::Timestamp created_at{};
    std::optional<model::Timestamp> last_visit{};  // the previous login, for "changed since my last visit"
};

struct ApiToken {
    long long id = 0;
    std::string user;
    std::string label;
    model::Timestamp created_at{};
    std::optional<model::Timestamp> revoked_at{};
};

struct Session {
    std::string user;
    std::string csrf;  // the token every form of this session must carry
    model::Timestamp created_at{};
    model::Timestamp expires_at{};
    std::optional<model::Timestamp> previous_visit{};  // the user's last_visit when this session began
};

}  // namespace ger::store
