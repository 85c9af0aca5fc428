// Workshops and their registrations as the store keeps them (model/workshop.hpp holds the records). Community
// content: their writes advance the community change counter (community_change_id), never the roadmap's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/workshop.hpp"

namespace ger::store {

struct NewRegistration {
    model::RegistrationRequest request;  // checked by the caller (model::registration_errors, the window)
    std::string token_digest;            // SHA-256 of the registrant's management token; the token is never stored
    std::string source;                  // a digest of the client address, for rate limits; purged with the rest
};

struct RegistrationResult {
    model::Registration registration;
    bool created = false;  // false: the email already had an active registration, which is returned
};

// Active registrations of a workshop (cancelled ones are not counted).
struct RegistrationCounts {
    long long confirmed = 0;
    long long waitlisted = 0;
};

struct CancelResult {
    model::Registration cancelled;
    std::optional<model::Registration> promoted;  // the first on the waiting list, now confirmed
};

// How many registrations arrived from one source and from one email at or after `since`.
struct RegistrationRecentCounts {
    long long from_source = 0;
    long long from_email = 0;
};

struct PurgeResult {
    std::vector<std::string> workshops;  // the workshops whose registrations were purged
    long long registrations = 0;         // how many registrations lost their personal data
};

}  // namespace ger::store
