// The page_revisions table (migration 11) behind Store's content-page calls; sql_store.cpp delegates to it
// and hands it the audit writer.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace ger::store::sql {

class Connection;

using PageAuditWriter = std::function<void(const Actor& actor, std::string_view slug, model::AuditAction action,
                                           std::string_view before, std::string_view after)>;

class PageTables {
public:
    PageTables(Connection& db, PageAuditWriter audit) : m_db(db), m_audit(std::move(audit)) {}

    std::vector<model::PageRevision> latest();
    std::optional<model::PageRevision> find(std::string_view slug, std::optional<int> revision);
    std::vector<model::PageRevision> history(std::string_view slug);
    model::PageRevision save(const model::PageRevision& page, int expected_revision, const Actor& actor);
    std::size_t seed(const std::vector<model::PageRevision>& pages);

private:
    void insert(const model::PageRevision& page);

    Connection& m_db;
    PageAuditWriter m_audit;
};

}  // namespace ger::store::sql
