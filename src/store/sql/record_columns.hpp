// One column list per record table. The SELECT, INSERT and UPDATE texts are generated from it, and every read and
// bind names its column, which is looked up at compile time: a misspelt or removed column does not compile, and a
// record that binds fewer or more columns than its list fails its first write (RecordBinder::finish). Before this,
// a mission's twenty fields were listed in six places and the UPDATE bound ?3...?22 by hand.
//
// Layout of every generated statement: ?1 is the record's id, the listed columns follow from ?2 in list order,
// and the last parameter (last_param()) is the position (INSERT) or the version the writer expects (a versioned
// UPDATE; an unversioned one has none, so no statement has a gap in its numbering, which PostgreSQL refuses). In
// a row of select() the id is column 0 and the listed columns follow from 1.
#pragma once

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include "store/sql/connection.hpp"

namespace ger::store::sql {

template <std::size_t N>
struct RecordColumns {
    std::string_view table;
    std::array<std::string_view, N> columns;  // after id (and position, which is never read back)

    static constexpr std::size_t size() { return N; }

    // Column of `name` in a row of select() (the id is 0).
    consteval int at(std::string_view name) const {
        for (std::size_t i = 0; i < N; ++i) {
            if (columns[i] == name) return static_cast<int>(i) + 1;
        }
        throw std::logic_error("no such column");  // reached only in constant evaluation: a compile error
    }
    // Parameter of `name` in insert() and the updates.
    consteval int param(std::string_view name) const { return at(name) + 1; }
    // The position in insert(), the expected version in update().
    static constexpr int last_param() { return static_cast<int>(N) + 2; }

    // "SELECT id, <columns> FROM <table> " (a WHERE or ORDER BY follows).
    std::string select() const {
        std::string s = "SELECT id";
        for (auto c : columns) s.append(", ").append(c);
        return s.append(" FROM ").append(table).append(" ");
    }
    std::string insert() const {
        std::string s = "INSERT INTO ";
        s.append(table).append(" (id");
        for (auto c : columns) s.append(", ").append(c);
        s.append(", position) VALUES (?1");
        for (std::size_t i = 0; i < N; ++i) s.append(", ?").append(std::to_string(i + 2));
        return s.append(", ?").append(std::to_string(last_param())).append(")");
    }
    // Changes the row only if it still has the expected version (the caller checks changes() == 1).
    std::string update() const { return update_unversioned().append(" AND version = ?").append(std::to_string(last_param())); }
    // For records without a version column (the caller compares the stored record itself).
    std::string update_unversioned() const {
        std::string s = "UPDATE ";
        s.append(table).append(" SET ");
        for (std::size_t i = 0; i < N; ++i) {
            if (i > 0) s.append(", ");
            s.append(columns[i]).append(" = ?").append(std::to_string(i + 2));
        }
        return s.append(" WHERE id = ?1");
    }
};

// Binds a record's listed columns by parameter number (RecordColumns::param) and counts the statement's
// parameters it filled; finish() throws std::logic_error unless every listed column was bound once.
class RecordBinder {
public:
    RecordBinder(Statement& stmt, std::size_t columns) : m_stmt(stmt), m_expected(columns) {}

    template <class T>
    RecordBinder& operator()(int param, const T& value) {
        m_stmt.bind(param, value);
        ++m_bound;
        return *this;
    }
    // A two-column value (a planned date's day and precision), through `bind_two(stmt, first_param, value)`.
    template <class T, class BindTwo>
    RecordBinder& pair(int first_param, const T& value, BindTwo bind_two) {
        bind_two(m_stmt, first_param, value);
        m_bound += 2;
        return *this;
    }
    void finish(std::string_view table) const {
        if (m_bound != m_expected) {
            throw std::logic_error(std::string(table) + ": " + std::to_string(m_bound) + " columns bound, " +
                                   std::to_string(m_expected) + " listed");
        }
    }

private:
    Statement& m_stmt;
    std::size_t m_expected;
    std::size_t m_bound = 0;
};

}  // namespace ger::store::sql
