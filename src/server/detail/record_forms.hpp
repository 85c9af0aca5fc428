// The workspace's record forms share one flow (mission_forms.cpp; workspace_records.cpp: capabilities, goals and
// objectives): check who may use the form, load the record the caller may edit, read the form, save it, and on a
// validation error or a stale form show the form again with the errors next to their fields (422, or 409 when
// stale); a saved form redirects. What differs per record:
// - its RecordForm<Record> (in the form's file): who may use it, its fields, where a saved record goes;
// - its stamp, the hidden field that tells a stale form: VersionStamp (Kind<Record>: the stored version, checked
//   by the store) or ContentStamp (RoadmapKind<Record>: the ETag of the record as read).
#pragma once

#include <nlohmann/json.hpp>
#include <exception>
#include <string>

#include "model/json.hpp"
#include "model/validation.hpp"
#include "server/detail/pages.hpp"
#include "server/detail/record_kinds.hpp"

namespace ger::server::detail {

// A specialisation has:
//   using Stamp = VersionStamp<Record> or ContentStamp<Record>;
//   static constexpr const char* listing;  where a created or deleted record goes
//   static std::string saved(const std::string& id);  where an updated one goes
//   static void require(Context&);  require_session, then 403 unless the caller may use the form
//   static nlohmann::json blank(const Context&);  a new record's fields
//   static nlohmann::json shown(Context&, const Record&);  a stored record's fields
//   static nlohmann::json read(const Context&, FieldErrors&);  the form as the JSON the model reads, and the
//       errors that JSON cannot carry (a number that is not one)
//   static std::string stale(const Record& current);  what a stale form is told
//   static void show(Context&, int status, const nlohmann::json& values, const FieldErrors&, bool creating,
//                    const typename Stamp::Value& stamp);
template <class Record>
struct RecordForm;


// An agency's record, stamped with its stored version; the store refuses a stale one.
template <class Record>
struct VersionStamp {
    using Value = int;
    static constexpr const char* name = Kind<Record>::name;
    static constexpr const char* field = "version";
    static constexpr Value none = 0;
    static Value of(const Record& r) { return r.meta.version; }
    static Value read(const Context& ctx) { return form_int(ctx, field); }

    // 404 unless the caller may read it, 403 unless they may write it.
    static Record editable(Context& ctx, const std::string& id) {
        // NOTE: the snapshot first, so an absent id and a hidden one cost the same (as the API's writable_record).
        const auto data = ctx.app.snapshots.current(ctx.store);
        const auto* seen = Kind<Record>::find(*data, id);
        if (!seen || !can_read(ctx.caller, *seen)) throw not_found(Kind<Record>::name, id);
        auto r = Kind<Record>::load(ctx.store, id);
        if (!r || !can_read(ctx.caller, *r)) throw not_found(Kind<Record>::name, id);
        if (!can_write(ctx.caller, *r)) {
            throw HttpError(Problem::forbidden, "Only planners of " + Kind<Record>::owner(*r) + " edit this " +
                                                    Kind<Record>::name + ".");
        }
        return *r;
    }
    static void create(Context& ctx, const nlohmann::json& values) {
        const auto r = Kind<Record>::parse(values);
        // NOTE: before the store looks for the id, so "taken" is only ever about the agency's own records.
        model::throw_if_any(model::validate_new_id(r.id, ctx.caller.agency));
        Kind<Record>::create(ctx.store, r, server::actor_of(ctx.caller));
    }
    static void update(Context& ctx, const nlohmann::json& values, const Record&, Value stamp) {
        Kind<Record>::update(ctx.store, Kind<Record>::parse(values), stamp, server::actor_of(ctx.caller));
    }
    static void remove(Context& ctx, const Record& current, Value stamp) {
        Kind<Record>::remove(ctx.store, current.id, stamp, server::actor_of(ctx.caller));
    }
};

// A secretariat's record (no version), stamped with the ETag of its content as the form read it.
template <class Record>
struct ContentStamp {
    using Value = std::string;
    static constexpr const char* name = RoadmapKind<Record>::name;
    static constexpr const char* field = "expected";
    static inline const Value none;
    static Value of(const Record& r) { return content_etag(model::to_json(r)); }
    static Value read(const Context& ctx) { return ctx.form(field); }

    static Record editable(Context& ctx, const std::string& id) {
        for (auto& r : RoadmapKind<Record>::load_all(ctx.store)) {
            if (r.id == id) return r;
        }
        throw not_found(RoadmapKind<Record>::name, id);
    }
    static void create(Context& ctx, const nlohmann::json& values) {
        RoadmapKind<Record>::create(ctx.store, RoadmapKind<Record>::parse(values), server::actor_of(ctx.caller));
    }
    static void update(Context& ctx, const nlohmann::json& values, const Record& current, const Value& stamp) {
        check(current, stamp);
        RoadmapKind<Record>::update(ctx.store, RoadmapKind<Record>::parse(values), current, server::actor_of(ctx.caller));
    }
    static void remove(Context& ctx, const Record& current, const Value& stamp) {
        check(current, stamp);
        RoadmapKind<Record>::remove(ctx.store, current, server::actor_of(ctx.caller));
    }
    static void check(const Record& current, const Value& stamp) {
        if (stamp != of(current)) throw store::ConflictError(RoadmapKind<Record>::name, current.id, 1, -1);
    }
};

// 409 when the form was stale (its error is the form's own, under ""), 422 for field errors.
inline int form_status(const FieldErrors& errors) { return errors.count("") ? 409 : 422; }

// ---- the handlers, one per route ----------------------------------------------------------------------------

// The record a posted form changes: the form's and the record's access checks, then the form's CSRF token.
template <class Record>
Record record_to_change(Context& ctx, const std::string& id) {
    RecordForm<Record>::require(ctx);
    auto current = RecordForm<Record>::Stamp::editable(ctx, id);
    require_csrf(ctx);
    return current;
}

template <class Record>
void new_record(Context& ctx) {
    using F = RecordForm<Record>;
    F::require(ctx);
    F::show(ctx, 200, F::blank(ctx), {}, true, F::Stamp::none);
}

template <class Record>
void create_record(Context& ctx) {
    using F = RecordForm<Record>;
    F::require(ctx);
    require_csrf(ctx);
    FieldErrors errors;
    const auto values = F::read(ctx, errors);
    if (errors.empty()) {
        try {
            F::Stamp::create(ctx, values);
            return redirect(ctx, F::listing);
        } catch (const model::ValidationError& e) {
            errors = errors_of(e);
        } catch (const store::ConflictError&) {
            errors["id"].push_back("this id is taken; choose another");
        }
    }
    F::show(ctx, 422, values, errors, true, F::Stamp::none);
}

template <class Record>
void edit_record(Context& ctx) {
    using F = RecordForm<Record>;
    F::require(ctx);
    const auto r = F::Stamp::editable(ctx, ctx.path_param("id"));
    F::show(ctx, 200, F::shown(ctx, r), {}, false, F::Stamp::of(r));
}

template <class Record>
void update_record(Context& ctx) {
    using F = RecordForm<Record>;
    const auto& id = ctx.path_param("id");
    const auto current = record_to_change<Record>(ctx, id);
    const auto stamp = F::Stamp::read(ctx);
    FieldErrors errors;
    auto values = F::read(ctx, errors);
    values["id"] = id;
    if (errors.empty()) {
        try {
            F::Stamp::update(ctx, values, current, stamp);
            return redirect(ctx, F::saved(id));
        } catch (const model::ValidationError& e) {
            errors = errors_of(e);
        } catch (const store::ConflictError&) {
            errors[""].push_back(F::stale(current));
        }
    }
    F::show(ctx, form_status(errors), values, errors, false, stamp);
}

template <class Record>
void delete_record(Context& ctx) {
    using F = RecordForm<Record>;
    const auto current = record_to_change<Record>(ctx, ctx.path_param("id"));
    try {
        F::Stamp::remove(ctx, current, F::Stamp::read(ctx));
    } catch (const store::ConflictError&) {
        throw HttpError(Problem::stale,
                        std::string("Someone changed this ") + F::Stamp::name + " meanwhile; nothing was deleted.");
    }
    redirect(ctx, F::listing);
}

// The five routes of a record's forms under `collection` ("/workspace/missions"); `a_record` names one in the
// routes' summaries ("a mission").
template <class Record>
void add_record_form_routes(App& app, const std::string& collection, const std::string& a_record) {
    app.add(page("GET", collection + "/new", std::string("New ") + RecordForm<Record>::Stamp::name, new_record<Record>));
    app.add(page("POST", collection, "Create " + a_record, create_record<Record>));
    app.add(page("GET", collection + "/{id}", "Edit " + a_record, edit_record<Record>));
    app.add(page("POST", collection + "/{id}", "Save " + a_record, update_record<Record>));
    app.add(page("POST", collection + "/{id}/delete", "Delete " + a_record, delete_record<Record>));
}

}  // namespace ger::server::detail
