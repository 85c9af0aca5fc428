// The comments and outbox tables (migration 9) behind Store's comment calls; sql_store.cpp delegates to it
// and hands it the audit writer, so audit entries keep one format and one counter rule.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace ger::store::sql {

class Connection;

// Writes one audit entry about comment `id` in the open transaction (and advances the community counter).
using CommentAuditWriter = std::function<void(const Actor& actor, std::string_view id, model::AuditAction action,
                                              std::string_view before, std::string_view after, std::string_view note)>;

class CommentTables {
public:
    CommentTables(Connection& db, CommentAuditWriter audit) : m_db(db), m_audit(std::move(audit)) {}

    model::Comment create(const NewComment& comment);
    std::optional<model::Comment> find(long long id);
    std::optional<model::Comment> find_by_receipt(std::string_view receipt_digest);
    std::vector<model::Comment> list(const CommentFilter& filter);
    long long count(const CommentFilter& filter);
    CommentCounts recent(std::string_view source, std::string_view email, model::Timestamp since);
    model::Comment moderate(long long id, int expected_version, const model::CommentModeration& moderation,
                            const Actor& actor);
    model::Comment erase_commenter(long long id, const Actor& actor);
    std::vector<OutboxMessage> outbox(bool unsent_only);
    bool mark_sent(long long id);

private:
    // One moderation step (erasure included) on the stored comment, in the caller's transaction.
    model::Comment apply(const model::Comment& stored, const model::CommentModeration& moderation, const Actor& actor);
    void update(const model::Comment& c);
    void add_message(std::string_view recipient, std::string_view subject, std::string_view body, long long about);

    Connection& m_db;
    CommentAuditWriter m_audit;
};

}  // namespace ger::store::sql
