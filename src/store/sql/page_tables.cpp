#include "store/sql/page_tables.hpp"

#include <chrono>
#include <nlohmann/json.hpp>

#include "model/json.hpp"
#include "model/validation.hpp"
#include "store/error.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/connection.hpp"

namespace ger::store::sql {
namespace {

using model::PageRevision;

constexpr const char* columns = "slug, revision, title, markdown, summary, author, editor, at";

PageRevision page_from(const Statement& row) {
    return {row.text(0),
            static_cast<int>(row.integer(1)),
            row.text(2),
            row.text(3),
            row.text(4),
            row.text(5),
            row.text(6),
            timestamp_from_column(row.integer(7))};
}

// What an audit entry keeps of a revision: everything but the Markdown, which the revision log keeps.
std::string audit_json(const PageRevision& p) {
    return nlohmann::json{{"slug", p.slug}, {"revision", p.revision}, {"title", p.title}, {"summary", p.summary},
                          {"editor", p.editor}}
        .dump();
}

}  // namespace

std::vector<PageRevision> PageTables::latest() {
    Statement rows(m_db, std::string("SELECT ") + columns +
                             " FROM page_revisions p WHERE revision = (SELECT MAX(revision) FROM page_revisions q "
                             "WHERE q.slug = p.slug) ORDER BY slug");
    std::vector<PageRevision> out;
    while (rows.step()) out.push_back(page_from(rows));
    return out;
}

std::optional<PageRevision> PageTables::find(std::string_view slug, std::optional<int> revision) {
    Statement row(m_db, std::string("SELECT ") + columns +
                            " FROM page_revisions WHERE slug = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR revision = ?2) "
                            "ORDER BY revision DESC LIMIT 1");
    row.bind(1, slug).bind(2, revision);
    if (!row.step()) return std::nullopt;
    return page_from(row);
}

std::vector<PageRevision> PageTables::history(std::string_view slug) {
    Statement rows(m_db, "SELECT slug, revision, title, '', summary, author, editor, at FROM page_revisions "
                         "WHERE slug = ?1 ORDER BY revision DESC");
    rows.bind(1, slug);
    std::vector<PageRevision> out;
    while (rows.step()) out.push_back(page_from(rows));
    return out;
}

PageRevision PageTables::save(const PageRevision& page, int expected_revision, const Actor& actor) {
    auto next = page;
    next.author = actor.user.empty() ? "system" : actor.user;
    next.revision = expected_revision + 1;
    next.at = now();
    model::throw_if_any(model::page_errors(next));
    Transaction tx(m_db, Transaction::Kind::write);
    const auto current = find(page.slug, std::nullopt);
    const int actual = current ? current->revision : 0;
    if (actual != expected_revision) throw ConflictError("page", page.slug, expected_revision, actual);
    insert(next);
    m_audit(actor, next.slug, current ? model::AuditAction::update : model::AuditAction::create,
            current ? audit_json(*current) : "", audit_json(next));
    tx.commit();
    return next;
}

std::size_t PageTables::seed(const std::vector<PageRevision>& pages) {
    Transaction tx(m_db, Transaction::Kind::write);
    std::size_t added = 0;
    for (const auto& p : pages) {
        model::throw_if_any(model::page_errors(p));
        if (find(p.slug, std::nullopt)) continue;
        insert(p);
        ++added;
    }
    tx.commit();
    return added;
}

void PageTables::insert(const PageRevision& p) {
    Statement row(m_db, "INSERT INTO page_revisions (slug, revision, title, markdown, summary, author, editor, at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    row.bind(1, p.slug).bind(2, p.revision).bind(3, p.title).bind(4, p.markdown).bind(5, p.summary);
    row.bind(6, p.author).bind(7, p.editor).bind(8, to_column(p.at)).run();
}

}  // namespace ger::store::sql
