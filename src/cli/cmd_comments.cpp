// `ger comments`: an edition's comment-response report (every accepted comment, its response and what the next
// edition did with it) as CSV, JSON or PDF: the public view, as the portal shows it (no email, nothing pending).
#include <iostream>
#include <unistd.h>

#include "analysis/public_comments.hpp"
#include "cli/command.hpp"
#include "cli/database.hpp"
#include "cli/output.hpp"
#include "render/comment_report.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string db;
    std::string edition;
    std::string format = "csv";
    std::string output;
};

void run(const Options& o) {
    auto store = open_database(o.db);
    const auto data = store->export_dataset();
    const model::Edition* edition = nullptr;
    std::string names;
    for (const auto& e : data.editions) {
        if (e.name == o.edition) edition = &e;
        names += (names.empty() ? "" : ", ") + e.name;
    }
    if (!edition) throw CommandError("--edition: no edition '" + o.edition + "' (editions: " + names + ")");
    if (o.format == "pdf" && (o.output.empty() || o.output == "-") && isatty(STDOUT_FILENO)) {
        throw CommandError("--format pdf: give --output FILE (a PDF is not for the terminal)");
    }
    // The published view: a mission is named only while it is public; goals and objectives always are.
    const analysis::ReadableRecord readable = [&](const std::string& id) {
        for (const auto& m : data.missions) {
            if (m.id == id) return m.visibility && m.visibility->scope == model::VisibilityScope::public_;
        }
        for (const auto& g : data.goals) {
            if (g.id == id) return true;
        }
        for (const auto& x : data.objectives) {
            if (x.id == id) return true;
        }
        return false;
    };
    const auto comments = analysis::public_comments(
        store->comments({.edition = o.edition, .status = model::CommentStatus::accepted, .limit = 1'000'000}), readable);
    std::string bytes;
    if (o.format == "csv") {
        bytes = render::comment_report_csv(comments);
    } else if (o.format == "json") {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& c : comments) items.push_back(analysis::to_json(c));
        bytes = nlohmann::json{{"edition", o.edition}, {"items", items}}.dump(2) + "\n";
    } else {
        bytes = render::comment_report_pdf(*edition, comments);
    }
    if (o.output.empty() || o.output == "-") {
        std::cout << bytes;
    } else {
        write_file_atomically(o.output, bytes);
        std::cerr << "wrote " << o.output << " (" << comments.size() << " accepted comments)\n";
    }
}

const CommandRegistrar registrar{96, [](CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto* command = app.add_subcommand("comments", "an edition's comment-response report (accepted comments only)");
    add_db_option(*command, o->db);
    command->add_option("--edition", o->edition, "the edition's name, e.g. 2013")->required();
    command->add_option("--format", o->format, "csv, json or pdf")
        ->check(CLI::IsMember({"csv", "json", "pdf"}))
        ->capture_default_str();
    command->add_option("-o,--output", o->output, "file to write (default: standard output)");
    command->callback([o] { run(*o); });
}};

}  // namespace
}  // namespace ger::cli
