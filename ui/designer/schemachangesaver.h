#pragma once

// SchemaChangeSaver: where a schema change made in the GUI goes — the table designer's Save
// and the ER diagram's foreign-key proposal. By default a revision into the migrations
// project attached to the connection (MigrationPanel's setting), so the GUI's changes and
// the migration history never drift apart. With no project attached it asks: choose a
// project folder (then attached), apply directly, or cancel. Applying directly runs only
// after the MigrationConfirmDialog (the exact SQL, data-losing operations called out, the
// production check): nothing changes silently.
//
// The operations come from core (migrate::ops); this class builds no SQL. apply() runs the
// compiled statements as a job on the given Connection's worker, never on the GUI thread.

#include "base/result.h"
#include "connection/connectionprofile.h"
#include "migrate/ops/schemasnapshot.h"
#include "migrate/script/revisionscript.h"
#include "migrations/migrationconfirmdialog.h"

#include <functional>

class QObject;
class QWidget;

namespace strata::connection { class Connection; }

namespace strata::ui {

class SchemaChangeSaver {
public:
    using Confirmer = std::function<bool(MigrationConfirmDialog &dialog)>;

    struct Destination {
        enum class Kind { Project, Direct, Cancelled };
        Kind kind = Kind::Cancelled;
        QString folder;       ///< Project: the project folder
        Error error;          ///< Cancelled: why (ErrorKind::Cancelled when the person backed out)
    };

    SchemaChangeSaver(connection::ConnectionProfile profile, QWidget *parent);

    /// The migrations project attached to the connection; empty: none.
    QString attachedProjectFolder() const;
    /// The attached project, or (none attached) the person's answer: a folder they chose
    /// (attached from then on), Direct, or Cancelled. `title` is the question's title.
    Destination chooseDestination(const QString &title) const;

    /// Writes `operations` (starting from `before`) as a revision into the project at `folder`.
    static Result<migrate::RevisionScript> writeRevision(const QString &folder, const QString &message,
                                                         const QList<migrate::ops::Operation> &operations,
                                                         const migrate::ops::SchemaSnapshot &before);

    /// Shows what applying `statements` directly does and asks; true when confirmed.
    bool confirmApply(const QString &title, const QList<migrate::ops::Operation> &operations,
                      const QStringList &statements) const;
    /// Runs `statements` in one transaction on `connection`'s worker (ops::applyStatements);
    /// `done` runs on the GUI thread with the outcome, unless `context` is gone.
    static void apply(connection::Connection &connection, QObject *context, const QStringList &statements,
                      std::function<void(const Status &)> done);

    /// Answers the confirmation instead of a modal dialog (tests, scripted runs).
    void setConfirmer(Confirmer confirmer) { m_confirmer = std::move(confirmer); }

private:
    connection::ConnectionProfile m_profile;
    QWidget *m_parent;
    Confirmer m_confirmer;
};

} // namespace strata::ui
