#include "store/sql/comment_tables.hpp"

#include <chrono>

#include "model/json.hpp"
#include "store/error.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/connection.hpp"

namespace ger::store::sql {
namespace {

using model::Comment;
using model::Timestamp;

constexpr const char* columns =
    "id, version, edition, section, mission, name, affiliation, email, text, status, reason, public_reason, "
    "response, responded_at, disposition_json, group_id, erased, created_at, updated_at";


Comment comment_from(const Statement& row) {
    Comment c;
    c.id = row.integer(0);
    c.version = static_cast<int>(row.integer(1));
    c.edition = row.text(2);
    c.section = row.optional_text(3);
    c.mission = row.optional_text(4);
    c.name = row.text(5);
    c.affiliation = row.text(6);
    c.email = row.text(7);
    c.text = row.text(8);
    c.status = enum_from_column<model::CommentStatus>(row.text(9), "comments.status");
    c.reason = row.text(10);
    c.public_reason = row.text(11);
    c.response = row.text(12);
    if (!row.is_null(13)) c.responded_at = timestamp_from_column(row.integer(13));
    if (!row.is_null(14)) {
        const auto parsed = nlohmann::json::parse(row.text(14), nullptr, false);
        if (parsed.is_discarded()) throw StoreError("corrupt comments.disposition_json in the database");
        try {
            c.disposition = model::disposition_from_json(parsed, "/disposition");
        } catch (const model::ValidationError&) {
            throw StoreError("corrupt comments.disposition_json in the database");
        }
    }
    c.group = row.integer(15);
    c.erased = row.integer(16) != 0;
    c.created_at = timestamp_from_column(row.integer(17));
    c.updated_at = timestamp_from_column(row.integer(18));
    return c;
}

// The filter's WHERE clause over ?1 (edition) and ?2 (status); NULL matches everything.
constexpr const char* filter_where = " WHERE (CAST(?1 AS TEXT) IS NULL OR edition = ?1) AND (CAST(?2 AS TEXT) IS "
                                     "NULL OR status = ?2)";

void bind_filter(Statement& s, const CommentFilter& f) {
    s.bind(1, f.edition);
    if (f.status) {
        s.bind(2, model::to_string(*f.status));
    } else {
        s.bind_null(2);
    }
}

std::string about(long long id) { return "comment:" + std::to_string(id); }

std::string quote_lines(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find('\n', start);
        out += "> ";
        out += text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        out += '\n';
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

}  // namespace

Comment CommentTables::create(const NewComment& n) {
    const auto& s = n.submission;
    long long group = 0;
    {
        // NOTE: the newest comments of the edition, whatever their status: a campaign is recognised while its
        // first comments still wait for moderation. Compared in a read transaction, before the write lock is
        // taken: two near-duplicates sent at the same instant may then start two groups, which moderation sees.
        Transaction read(m_db, Transaction::Kind::read);
        Statement recent(m_db, "SELECT text, group_id FROM comments WHERE edition = ?1 ORDER BY id DESC LIMIT ?2");
        recent.bind(1, s.edition).bind(2, static_cast<long long>(near_duplicate_window));
        const model::CommentFingerprint fresh(s.text);
        double best = model::near_duplicate_similarity;
        while (recent.step()) {
            const double similarity = fresh.similarity(model::CommentFingerprint(recent.text(0)));
            if (similarity >= best) {
                best = similarity;
                group = recent.integer(1);
            }
        }
    }
    Transaction tx(m_db, Transaction::Kind::write);
    {
        // NOTE: asked before the INSERT, not after it fails: a failed statement ends a PostgreSQL transaction.
        Statement taken(m_db, "SELECT 1 FROM comments WHERE receipt_digest = ?1");
        taken.bind(1, n.receipt_digest);
        if (taken.step()) throw ConflictError("comment receipt", "", 0, 1);
    }
    const auto t = to_column(now());
    Statement insert(m_db, "INSERT INTO comments (version, edition, section, mission, name, affiliation, email, text, "
                           "status, group_id, receipt_digest, source, created_at, updated_at) VALUES (1, ?1, ?2, ?3, "
                           "?4, ?5, ?6, ?7, 'pending', ?8, ?9, ?10, ?11, ?11) RETURNING id");
    insert.bind(1, s.edition).bind(2, s.section).bind(3, s.mission).bind(4, s.name).bind(5, s.affiliation);
    insert.bind(6, s.email).bind(7, s.text).bind(8, group).bind(9, n.receipt_digest).bind(10, n.source).bind(11, t);
    const long long id = insert.run_returning_id();
    if (group == 0) {
        Statement own(m_db, "UPDATE comments SET group_id = id WHERE id = ?1");
        own.bind(1, id).run();
    }
    auto stored = find(id);
    if (!stored) throw StoreError("comment " + std::to_string(id) + " vanished while being written");
    nlohmann::json after = model::moderation_json(*stored);
    after["edition"] = stored->edition;
    after["section"] = stored->section ? nlohmann::json(*stored->section) : nlohmann::json(nullptr);
    after["mission"] = stored->mission ? nlohmann::json(*stored->mission) : nlohmann::json(nullptr);
    m_audit(Actor{"public", "", {}}, std::to_string(id), model::AuditAction::create, "", after.dump(), "");
    add_message(secretariat_recipient, "New comment " + std::to_string(id) + " on edition " + stored->edition,
                "A comment waits for moderation in the queue (GET /api/v1/comments?status=pending).\n\n" +
                    quote_lines(stored->text),
                id);
    tx.commit();
    return *stored;
}

std::optional<Comment> CommentTables::find(long long id) {
    Statement row(m_db, std::string("SELECT ") + columns + " FROM comments WHERE id = ?1");
    row.bind(1, id);
    if (!row.step()) return std::nullopt;
    return comment_from(row);
}

std::optional<Comment> CommentTables::find_by_receipt(std::string_view receipt_digest) {
    Statement row(m_db, std::string("SELECT ") + columns + " FROM comments WHERE receipt_digest = ?1");
    row.bind(1, receipt_digest);
    if (!row.step()) return std::nullopt;
    return comment_from(row);
}

std::vector<Comment> CommentTables::list(const CommentFilter& f) {
    Statement rows(m_db, std::string("SELECT ") + columns + " FROM comments" + filter_where +
                             " ORDER BY id DESC LIMIT ?3 OFFSET ?4");
    bind_filter(rows, f);
    rows.bind(3, static_cast<long long>(f.limit)).bind(4, static_cast<long long>(f.offset));
    std::vector<Comment> out;
    while (rows.step()) out.push_back(comment_from(rows));
    return out;
}

long long CommentTables::count(const CommentFilter& f) {
    Statement row(m_db, std::string("SELECT COUNT(*) FROM comments") + filter_where);
    bind_filter(row, f);
    row.step();
    return row.integer(0);
}

CommentCounts CommentTables::recent(std::string_view source, std::string_view email, Timestamp since) {
    Statement row(m_db, "SELECT (SELECT COUNT(*) FROM comments WHERE source = ?1 AND created_at >= ?3), "
                        "(SELECT COUNT(*) FROM comments WHERE email = ?2 AND created_at >= ?3)");
    row.bind(1, source).bind(2, email).bind(3, to_column(since));
    row.step();
    return {row.integer(0), row.integer(1)};
}

Comment CommentTables::moderate(long long id, int expected_version, const model::CommentModeration& m,
                                const Actor& actor) {
    Transaction tx(m_db, Transaction::Kind::write);
    auto stored = find(id);
    if (!stored) throw NotFoundError("no comment " + std::to_string(id));
    if (stored->version != expected_version) {
        throw ConflictError("comment", std::to_string(id), expected_version, stored->version);
    }
    auto next = apply(*stored, m, actor);
    tx.commit();
    return next;
}

Comment CommentTables::erase_commenter(long long id, const Actor& actor) {
    Transaction tx(m_db, Transaction::Kind::write);
    auto stored = find(id);
    if (!stored) throw NotFoundError("no comment " + std::to_string(id));
    if (stored->erased) return *stored;
    model::CommentModeration erase;
    erase.erase_personal_data = true;
    auto next = apply(*stored, erase, actor);
    tx.commit();
    return next;
}

Comment CommentTables::apply(const Comment& stored, const model::CommentModeration& m, const Actor& actor) {
    Comment next = stored;
    if (m.status) next.status = *m.status;
    if (m.reason) next.reason = *m.reason;
    if (m.public_reason) next.public_reason = *m.public_reason;
    const bool new_response = m.response && *m.response != stored.response && !m.response->empty();
    if (m.response) next.response = *m.response;
    if (m.response && m.response->empty()) next.responded_at.reset();
    if (new_response) next.responded_at = now();
    if (m.disposition) next.disposition = *m.disposition;
    const bool erasing = m.erase_personal_data && !stored.erased;
    if (erasing) {
        Statement drop(m_db, "DELETE FROM outbox WHERE sent_at IS NULL AND recipient = ?1 AND about = ?2");
        drop.bind(1, stored.email).bind(2, about(stored.id)).run();
        Statement source(m_db, "UPDATE comments SET source = '' WHERE id = ?1");
        source.bind(1, stored.id).run();
        next.name.clear();
        next.affiliation.clear();
        next.email.clear();
        next.erased = true;
    }
    next.version = stored.version + 1;
    next.updated_at = now();
    update(next);
    m_audit(actor, std::to_string(stored.id), model::AuditAction::update, model::moderation_json(stored).dump(),
            model::moderation_json(next).dump(),
            erasing ? "the commenter's personal data was erased (name, affiliation, email)" : "");
    if (new_response && !next.email.empty()) {
        add_message(next.email, "Your comment on the Global Exploration Roadmap " + next.edition + " was answered",
                    "Your comment:\n" + quote_lines(next.text) + "\nThe secretariat's response:\n" +
                        quote_lines(next.response),
                    stored.id);
    }
    return next;
}

std::vector<OutboxMessage> CommentTables::outbox(bool unsent_only) {
    Statement rows(m_db, "SELECT id, created_at, recipient, subject, body, about, sent_at FROM outbox "
                         "WHERE (?1 = 0 OR sent_at IS NULL) ORDER BY id");
    rows.bind(1, unsent_only);
    std::vector<OutboxMessage> out;
    while (rows.step()) {
        OutboxMessage m{rows.integer(0), timestamp_from_column(rows.integer(1)), rows.text(2), rows.text(3), rows.text(4),
                        rows.text(5), std::nullopt};
        if (!rows.is_null(6)) m.sent_at = timestamp_from_column(rows.integer(6));
        out.push_back(std::move(m));
    }
    return out;
}

bool CommentTables::mark_sent(long long id) {
    Statement update(m_db, "UPDATE outbox SET sent_at = ?2 WHERE id = ?1 AND sent_at IS NULL");
    update.bind(1, id).bind(2, to_column(now())).run();
    return m_db.changes() == 1;
}

void CommentTables::update(const Comment& c) {
    Statement row(m_db, "UPDATE comments SET version = ?2, name = ?3, affiliation = ?4, email = ?5, status = ?6, "
                        "reason = ?7, public_reason = ?8, response = ?9, responded_at = ?10, disposition_json = ?11, "
                        "erased = ?12, updated_at = ?13 WHERE id = ?1");
    row.bind(1, c.id).bind(2, c.version).bind(3, c.name).bind(4, c.affiliation).bind(5, c.email);
    row.bind(6, model::to_string(c.status)).bind(7, c.reason).bind(8, c.public_reason).bind(9, c.response);
    if (c.responded_at) {
        row.bind(10, to_column(*c.responded_at));
    } else {
        row.bind_null(10);
    }
    if (c.disposition) {
        row.bind(11, model::to_json(*c.disposition).dump());
    } else {
        row.bind_null(11);
    }
    row.bind(12, c.erased).bind(13, to_column(c.updated_at)).run();
}

void CommentTables::add_message(std::string_view recipient, std::string_view subject, std::string_view body,
                                long long id) {
    Statement insert(m_db, "INSERT INTO outbox (created_at, recipient, subject, body, about) VALUES (?1, ?2, ?3, "
                           "?4, ?5)");
    insert.bind(1, to_column(now())).bind(2, recipient).bind(3, subject).bind(4, body).bind(5, about(id)).run();
}

}  // namespace ger::store::sql
